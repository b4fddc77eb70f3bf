// `npm run package`: build production bundles and write exactly one .vsix at the repository root.
// `npm run package -- --openvsx` writes the same file (Open VSX takes the Marketplace's .vsix as it
// is) and says how to publish it there. Any warning from vsce fails the run, so what is published
// has none. The README's screenshots (docs/) stay out of the package: vsce gets a copy of the README
// without relative images.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readmeForPackage } from './readme-for-package.mjs';

const { values: args } = parseArgs({ options: { openvsx: { type: 'boolean', default: false } } });

execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const { name, version, publisher } = manifest;
const out = `${name}-${version}.vsix`;
const vsce = new URL('../node_modules/@vscode/vsce/vsce', import.meta.url).pathname;
// vsce takes the README path relative to the project (and packs it as extension/readme.md).
const readme = 'dist/README.md';
// Without a repository URL in package.json vsce cannot turn the README's relative links (e.g.
// BENCHMARKS.md) into absolute ones: keep them as they are instead of refusing. Once the manifest
// names its repository, vsce rewrites them and these flags go away by themselves.
const noRepository = manifest.repository ? [] : ['--allow-missing-repository', '--no-rewrite-relative-links'];
try {
  writeFileSync(readme, readmeForPackage(readFileSync('README.md', 'utf8')));
  const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', ...noRepository, '--readme-path', readme, '-o', out], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  if (run.status !== 0) process.exit(run.status ?? 1);
  const warnings = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => /\bWARNING\b/.test(l));
  if (warnings.length) {
    rmSync(out, { force: true });
    console.error(`package: vsce warned, so nothing was written; fix these first:\n${warnings.join('\n')}`);
    process.exit(1);
  }
} finally {
  rmSync(readme, { force: true });
}
// Only after a successful package, so a failed run leaves the last good .vsix in place.
for (const f of readdirSync('.')) if (f.endsWith('.vsix') && f !== out) rmSync(f);
console.log(`package: ${out}`);
if (args.openvsx) {
  // Open VSX needs a license in the package (ovsx refuses one without) and the namespace that
  // matches the publisher; the tokens come from the environment, never from a file in the repository.
  if (!manifest.license) throw new Error('Open VSX needs a "license" in package.json');
  console.log(
    [
      `package: ${out} is also the Open VSX package. To publish it (README, "Publishing"):`,
      `  npx ovsx create-namespace ${publisher}    (once; the token comes from OVSX_PAT)`,
      `  npx ovsx publish ${out}    (the token comes from OVSX_PAT)`,
    ].join('\n'),
  );
}
