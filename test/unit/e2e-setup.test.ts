// The e2e set-up installs code-server from a lockfile of its own (tools/code-server), with npm ci:
// the same tree, integrity-checked, on every machine, never a version resolved at install time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(ROOT, 'tools', 'code-server');

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
interface Lock {
  lockfileVersion: number;
  packages: Record<string, { version?: string; integrity?: string; dependencies?: Record<string, string> }>;
}

const read = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

test('tools/code-server pins code-server exactly, and its lock matches the manifest', () => {
  const manifest = read<Manifest>(path.join(DIR, 'package.json'));
  assert.deepEqual(manifest.dependencies, { 'code-server': '4.100.3' }, 'one exact dependency');
  assert.equal(manifest.devDependencies, undefined);
  const lock = read<Lock>(path.join(DIR, 'package-lock.json'));
  assert.ok(lock.lockfileVersion >= 2, 'a lock npm ci can use on its own');
  assert.deepEqual(lock.packages[''].dependencies, manifest.dependencies, 'the lock was made from this manifest');
  assert.equal(lock.packages['node_modules/code-server'].version, '4.100.3');
  const unchecked = Object.entries(lock.packages).filter(([k, p]) => k !== '' && !p.integrity).map(([k]) => k);
  assert.deepEqual(unchecked, [], 'every locked package has an integrity hash');
});

test('e2e-setup.sh installs code-server with npm ci from that lock, keeps the ripgrep work-around, and installs nothing floating', () => {
  const script = fs.readFileSync(path.join(ROOT, 'tools', 'e2e-setup.sh'), 'utf8');
  const code = script.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
  assert.match(code, /LOCKED="\$HERE\/code-server"/);
  assert.match(code, /cp "\$LOCKED\/package\.json"/);
  assert.match(code, /cp "\$LOCKED\/package-lock\.json"/);
  assert.match(code, /npm ci\b/);
  assert.doesNotMatch(code, /npm (install|i|add)\b/, 'no npm install: it would resolve versions afresh');
  assert.doesNotMatch(code, /playwright/, 'playwright-core is a devDependency of the project, not installed here');
  assert.match(code, /vscode-ripgrep-cache-1\.15\.11/, "@vscode/ripgrep's download is still satisfied from Debian's rg");
  assert.match(code, /cmp -s "\$LOCKED\/package-lock\.json" "\$CACHE\/code-server\/package-lock\.json"/, 'a changed lock installs again');
});
