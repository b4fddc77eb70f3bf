// `npm run package`: build production bundles and write exactly one .vsix at the repository root.
// The README's screenshots (docs/) stay out of the package: vsce gets a copy of the README without
// relative images (vsce refuses relative image links when no repository URL is known).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { readmeForPackage } from './readme-for-package.mjs';

execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${name}-${version}.vsix`;
const vsce = new URL('../node_modules/@vscode/vsce/vsce', import.meta.url).pathname;
// vsce takes the README path relative to the project (and packs it as extension/readme.md). Without a
// repository URL it refuses relative links (README links BENCHMARKS.md) unless told to keep them.
const readme = 'dist/README.md';
try {
  writeFileSync(readme, readmeForPackage(readFileSync('README.md', 'utf8')));
  execFileSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--readme-path', readme, '-o', out],
    { stdio: 'inherit' },
  );
} finally {
  rmSync(readme, { force: true });
}
// Only after a successful package, so a failed run leaves the last good .vsix in place.
for (const f of readdirSync('.')) if (f.endsWith('.vsix') && f !== out) rmSync(f);
console.log(`package: ${out}`);
