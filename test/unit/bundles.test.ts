// The shipped bundles (esbuild.mjs): activation loads only dist/extension.js; undici, in its own
// bundle, holds none of the extension's code, so its classes and state exist once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { extensionContext } from '../fixtures/vscode';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bundles-'));
after(() => fs.rmSync(out, { recursive: true, force: true }));

const built = (async () => {
  const { build } = (await import(pathToFileURL(path.join(__dirname, '..', '..', 'esbuild.mjs')).href)) as { build: (o: { outdir: string }) => Promise<unknown> };
  await build({ outdir: out });
})();

test('activation requires dist/extension.js only, not the network bundle', async () => {
  await built;
  const main = path.join(out, 'extension.js');
  const context = extensionContext();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, as VS Code loads it
  (require(main) as { activate(c: unknown): void }).activate(context);
  await new Promise((r) => setTimeout(r, 5));
  const loaded = Object.keys(require.cache).filter((f) => f.startsWith(out));
  assert.deepEqual(loaded, [main]);
  for (const d of context.subscriptions) d.dispose();
});

test('the host code is in one bundle; the network bundle is undici alone, loaded through require("./undici.js")', async () => {
  await built;
  const js = fs.readdirSync(out).filter((f) => f.endsWith('.js')).sort();
  assert.deepEqual(js, ['extension.js', 'undici.js']);
  const text = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');
  for (const needle of ['name="ApiError"', 'name="SettingsError"', '[redacted]']) {
    assert.deepEqual(js.filter((f) => text(f).includes(needle)), ['extension.js'], needle);
  }
  assert.match(text('extension.js'), /require\("\.\/undici\.js"\)/);
  assert.doesNotMatch(text('extension.js'), /require\("undici"\)/);
});
