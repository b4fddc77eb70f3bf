// Runs before `npm start` and `npm test` (their pre-scripts), so either works as the first command
// on a fresh clone. Dependency-free on purpose: it runs before anything is installed. It installs
// the locked dependencies when node_modules is missing or older than package-lock.json.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const lock = path.join(root, 'package-lock.json');
// npm writes this file on every install: its time is when node_modules last matched a lockfile.
const installed = path.join(root, 'node_modules', '.package-lock.json');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

const have = mtime(installed);
const want = mtime(lock);
if (have === undefined || (want !== undefined && want > have)) {
  console.log(have === undefined ? 'bootstrap: node_modules is missing; running npm ci' : 'bootstrap: package-lock.json is newer than node_modules; running npm ci');
  const npm = process.env.npm_execpath;
  // Under npm, npm_execpath is npm's own CLI script; run it with this Node so PATH does not matter.
  if (npm) execFileSync(process.execPath, [npm, 'ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  else execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
