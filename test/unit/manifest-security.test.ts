// What package.json promises about security: settings that choose where the key goes cannot come
// from a workspace, untrusted and virtual workspaces are declared, production dependencies are few
// and exactly pinned, and the key is never a setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
/** The parts of package.json and package-lock.json read here. */
interface Manifest {
  contributes: { configuration: { properties: Record<string, { scope?: string; type?: string }> } };
  capabilities?: {
    untrustedWorkspaces?: { supported?: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean;
  };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
interface LockFile {
  packages: Record<string, { version?: string; integrity?: string; dev?: boolean; hasInstallScript?: boolean }>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as LockFile;
const props = pkg.contributes.configuration.properties;

test('the settings that decide where requests (and the key) go are application-scoped', () => {
  for (const key of ['sora.baseUrl', 'sora.createPath', 'sora.queryPath']) {
    assert.equal(props[key]?.scope, 'application', `${key} cannot be set by a workspace`);
  }
});

test('no setting could hold the key', () => {
  for (const key of Object.keys(props)) assert.doesNotMatch(key, /key|token|secret|password|auth/i, key);
});

test('untrusted and virtual workspaces are declared; an untrusted workspace cannot choose where files are written', () => {
  const untrusted = pkg.capabilities?.untrustedWorkspaces;
  assert.ok(untrusted?.supported === true || untrusted?.supported === 'limited', 'supported in Restricted Mode');
  assert.ok(untrusted.description, 'with a description of why it is safe');
  // Every non-application setting that names a place on disk is restricted.
  const diskSettings = Object.entries(props).filter(([k, v]) => v.scope !== 'application' && /folder|path|dir/i.test(k)).map(([k]) => k);
  assert.deepEqual(diskSettings, ['sora.downloadFolder']);
  assert.equal(untrusted.supported, 'limited');
  for (const k of diskSettings) assert.ok(untrusted.restrictedConfigurations?.includes(k), `${k} is restricted`);
  assert.equal(pkg.capabilities?.virtualWorkspaces, true);
});

test('an untrusted workspace cannot set what costs money or traffic: those settings are restricted', () => {
  const restricted = pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
  for (const key of ['sora.defaultModel', 'sora.defaultSeconds', 'sora.pollIntervalSeconds', 'sora.requestTimeoutSeconds', 'sora.maxDownloadMB']) {
    assert.ok(props[key], `${key} is a setting`);
    assert.ok(restricted.includes(key), `${key} is in restrictedConfigurations`);
  }
  for (const key of restricted) assert.ok(props[key], `${key} (restricted) is a contributed setting`);
});

test('sora.maxDownloadMB: a number, 2048 by default, at least 1', () => {
  const p = props['sora.maxDownloadMB'] as { type?: string; default?: unknown; minimum?: number };
  assert.equal(p.type, 'number');
  assert.equal(p.default, 2048);
  assert.equal(p.minimum, 1);
});

test('production dependencies are few and exactly pinned, in package.json and the lock file', () => {
  const deps: Record<string, string> = pkg.dependencies ?? {};
  assert.ok(Object.keys(deps).length <= 3, `few production dependencies: ${Object.keys(deps).join(', ')}`);
  for (const [name, range] of Object.entries(deps)) {
    assert.match(range, /^\d+\.\d+\.\d+$/, `${name} is pinned to an exact version (${range})`);
    assert.equal(lock.packages?.[`node_modules/${name}`]?.version, range, `the lock file agrees on ${name}`);
    assert.ok(lock.packages[`node_modules/${name}`].integrity, `${name} has an integrity hash`);
  }
  for (const [name, range] of Object.entries<string>(pkg.devDependencies ?? {})) {
    assert.match(range, /^\d+\.\d+\.\d+$/, `dev dependency ${name} is pinned (${range})`);
  }
  // Production packages pull in nothing else: every non-dev package in the lock is a direct dependency.
  const prod = Object.entries<{ dev?: boolean }>(lock.packages)
    .filter(([p, info]) => p.startsWith('node_modules/') && !info.dev)
    .map(([p]) => p.slice('node_modules/'.length));
  assert.deepEqual(prod.sort(), Object.keys(deps).sort(), 'no transitive production dependencies');
});

test('no install scripts run from production dependencies', () => {
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    assert.ok(!lock.packages[`node_modules/${name}`].hasInstallScript, `${name} has no install script`);
  }
});
