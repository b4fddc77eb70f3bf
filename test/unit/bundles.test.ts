// The shipped bundles (esbuild.mjs): activation loads only dist/extension.js, which holds neither
// zod nor http nor undici; dist/core.js (the one lazy boundary) holds those, and the classes that
// are tested with `instanceof` or hold shared state exist in one of the two only.
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

test('two host bundles: the activation bundle without zod, http or undici, and the core required through require("./core.js")', async () => {
  await built;
  const js = fs.readdirSync(out).filter((f) => f.endsWith('.js')).sort();
  assert.deepEqual(js, ['core.js', 'extension.js']);
  const text = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');
  // zod, undici, the service errors (tested with instanceof), the http client and the poller.
  for (const needle of ['ZodError', 'UND_ERR_', '"ApiError"', 'ignored unreadable', 'polling skipped']) {
    assert.deepEqual(js.filter((f) => text(f).includes(needle)), ['core.js'], needle);
  }
  // The preview panels (one panel per video, kept in a module-level map) and Retry Now's checks
  // load with the core: activation has no use for them.
  for (const needle of ['This video cannot be played here', 'This creates a new paid task with model']) {
    assert.deepEqual(js.filter((f) => text(f).includes(needle)), ['core.js'], needle);
  }
  // The store (its state, its timers) and the tree exist once, in the activation bundle.
  for (const needle of ['could not save tasks', 'notice:key']) {
    assert.deepEqual(js.filter((f) => text(f).includes(needle)), ['extension.js'], needle);
  }
  assert.match(text('extension.js'), /require\("\.\/core\.js"\)/);
  assert.doesNotMatch(text('extension.js'), /require\("undici"\)/);
});

test('the core, once required, gives the engine and the composer, and loads no third bundle', async () => {
  await built;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, as loadCore.ts requires it
  const core = require(path.join(out, 'core.js')) as Record<string, unknown>;
  assert.equal(typeof core.createEngine, 'function');
  assert.equal(typeof core.ComposerPanel, 'function');
  assert.deepEqual(Object.keys(require.cache).filter((f) => f.startsWith(out)).sort(), [path.join(out, 'core.js'), path.join(out, 'extension.js')]);
});
