// The shipped bundles (esbuild.mjs): activation loads only dist/extension.js, and modules with
// state or classes tested with instanceof exist once across the bundles.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { installFakeVscode } from '../helpers/vscode-lite';

const fake = installFakeVscode();
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bundles-'));
after(() => fs.rmSync(out, { recursive: true, force: true }));

const built = (async () => {
  const { build } = (await import(pathToFileURL(path.join(__dirname, '..', '..', 'esbuild.mjs')).href)) as { build(o: { outdir: string }): Promise<unknown> };
  await build({ outdir: out });
})();

test('activation requires dist/extension.js only, well under 100 KB', async () => {
  await built;
  const main = path.join(out, 'extension.js');
  const context = fake.context();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(main).activate(context);
  await new Promise((r) => setTimeout(r, 5));
  const loaded = Object.keys(require.cache).filter((f) => f.startsWith(out));
  assert.deepEqual(loaded, [main]);
  assert.ok(fs.statSync(main).size < 100 * 1024);
  for (const d of context.subscriptions) d.dispose();
});

test('the redaction registry and the error classes are defined once across the bundles', async () => {
  await built;
  const js = fs.readdirSync(out).filter((f) => f.endsWith('.js'));
  const count = (needle: string) => js.filter((f) => fs.readFileSync(path.join(out, f), 'utf8').includes(needle));
  assert.deepEqual(count('name="ApiError"'), ['lib.errors.js']);
  assert.deepEqual(count('name="SettingsError"'), ['lib.endpoints.js']);
  assert.deepEqual(count('[redacted]'), ['lib.log.js']);
  for (const f of ['core.js', 'net.js']) assert.match(fs.readFileSync(path.join(out, f), 'utf8'), /require\("\.\/lib\.errors\.js"\)/);
});
