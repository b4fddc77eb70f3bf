// The extension ships two bundles (dist/extension.js and dist/net.js), each with its own copy of
// the error classes. Errors thrown by the network bundle must still be recognised by the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { ApiError } from '../../src/domain/errors';
import { SettingsError } from '../../src/domain/endpoints';
import { isExpired } from '../../src/domain/files';

/** A separate copy of the error classes, bundled the way dist/net.js bundles them. */
function otherBundle(): { ApiError: typeof ApiError; SettingsError: typeof SettingsError } {
  const out = buildSync({
    stdin: { contents: "export { ApiError } from './src/domain/errors'; export { SettingsError } from './src/domain/endpoints';", resolveDir: path.join(__dirname, '../..'), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    write: false,
  });
  const mod = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require);
  return mod.exports as never;
}

test('an ApiError or SettingsError from the other bundle is recognised, and nothing else is', () => {
  const other = otherBundle();
  assert.notEqual(other.ApiError, ApiError, 'really a second copy');
  const gone = new other.ApiError('http', 'download', 'https://cdn/x.mp4', '', 410);
  assert.ok(gone instanceof ApiError);
  assert.equal(isExpired(gone), true);
  assert.equal(new other.ApiError('notSent', 'create', 'u', 'ECONNREFUSED').provablyNotSent, true);
  assert.ok(new other.SettingsError('bad proxy') instanceof SettingsError);
  assert.ok(!(new other.SettingsError('x') instanceof ApiError));
  assert.ok(!(new Error('x') instanceof ApiError));
  assert.ok(!(Object.assign(new Error('x'), { status: 410, kind: 'http' }) instanceof ApiError));
  assert.ok(!((null as unknown as object) instanceof SettingsError));
});
