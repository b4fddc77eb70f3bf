// `npm run package`: build production bundles and write exactly one .vsix at the repository root.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, readFileSync } from 'node:fs';

execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${name}-${version}.vsix`;
const vsce = new URL('../node_modules/@vscode/vsce/vsce', import.meta.url).pathname;
// README links to BENCHMARKS.md; without a repository URL vsce refuses relative links unless told to keep them.
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '-o', out], {
  stdio: 'inherit',
});
// Only after a successful package, so a failed run leaves the last good .vsix in place.
for (const f of readdirSync('.')) if (f.endsWith('.vsix') && f !== out) rmSync(f);
console.log(`package: ${out}`);
