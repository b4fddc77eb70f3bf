// The composer webview stays inert: a strict CSP with a fresh random nonce, no inline handlers,
// resources only from dist/webview, and a host that answers hostile messages without sending.
import { CSP_SOURCE, extensionContext, fake, Uri } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { composerHtml } from '../../src/vscode/composer/html';
import { ComposerPanel } from '../../src/vscode/composer/panel';
import { ApiKeyStore } from '../../src/vscode/apiKey';
import { MemoryLog } from '../../src/util/log';
import type { TaskEngine } from '../../src/engine/engine';
import { fuzzer, prng, VALID } from '../helpers/fuzz';
import { fromHostSchema } from '../../src/shared/protocol';
import { makeCatalogue } from '../../src/domain/models/catalogue';

const ROOT = path.join(__dirname, '..', '..');
const webview = { cspSource: CSP_SOURCE, asWebviewUri: (u: Uri) => ({ toString: () => `${CSP_SOURCE}${u.path}` }) };
const assets = Uri.joinPath(Uri.file('/ext'), 'dist', 'webview');
const html = (lang = 'en') => composerHtml(webview as never, assets as never, lang);

function csp(page: string): Map<string, string[]> {
  const metas = [...page.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, 'exactly one CSP meta tag');
  const map = new Map<string, string[]>();
  for (const d of metas[0][1].split(';').map((x) => x.trim()).filter(Boolean)) {
    const [name, ...values] = d.split(/\s+/);
    assert.ok(!map.has(name), `directive ${name} appears once`);
    map.set(name, values);
  }
  return map;
}

test('the CSP denies by default and allows only the nonce script and our own styles and fonts', () => {
  const page = html();
  const c = csp(page);
  assert.deepEqual(c.get('default-src'), ["'none'"]);
  const script = c.get('script-src') ?? [];
  assert.equal(script.length, 1, 'script-src holds the nonce only');
  assert.match(script[0], /^'nonce-[A-Za-z0-9+/]{22,}={0,2}'$/);
  assert.deepEqual(c.get('style-src'), [CSP_SOURCE]);
  assert.deepEqual(c.get('font-src'), [CSP_SOURCE]);
  for (const [name, values] of c) {
    for (const v of values) {
      assert.ok(!["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'http:', 'blob:'].includes(v), `${name} does not allow ${v}`);
    }
  }
  // No fetch, frame, form or worker sources: they fall back to default-src 'none'.
  for (const d of ['connect-src', 'frame-src', 'child-src', 'worker-src', 'form-action', 'object-src', 'media-src']) assert.ok(!c.has(d), `${d} is not opened`);
});

test('images: only data: (the prompt box\'s resize grip), never a remote or https: source', () => {
  const c = csp(html());
  assert.deepEqual(c.get('img-src'), ['data:'], 'the composer shows no image; data: only for the grip');
  for (const [name, values] of c) assert.ok(!values.includes('https:') && !values.some((v) => /^https?:\/\/(?!webview\.test)/.test(v)), `${name} allows no remote source: ${values.join(' ')}`);
  // Why data: stays: vscode-elements draws the grip of a resizable textarea as a data: PNG, and the
  // prompt box is resizable. When either stops being true, img-src can go.
  const textarea = fs.readFileSync(path.join(ROOT, 'node_modules', '@vscode-elements', 'elements', 'dist', 'vscode-textarea', 'vscode-textarea.styles.js'), 'utf8');
  assert.match(textarea, /::-webkit-resizer\s*\{\s*background-image: url\('data:image\/png/);
  assert.match(fs.readFileSync(path.join(ROOT, 'webview', 'view.ts'), 'utf8'), /setAttribute\('resize', 'vertical'\)/);
});

test('every script carries this load\'s nonce and comes from the webview\'s own source; no inline code', () => {
  const page = html();
  const nonce = /'nonce-([^']+)'/.exec(page)![1];
  const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 1);
  for (const [, attrs, body] of scripts) {
    assert.equal(/nonce="([^"]*)"/.exec(attrs)?.[1], nonce, 'the script has the nonce');
    assert.ok(/src="([^"]*)"/.exec(attrs)?.[1].startsWith(`${CSP_SOURCE}/ext/dist/webview/`), 'the script is the bundle from dist/webview');
    assert.equal(body.trim(), '', 'no inline script body');
  }
  for (const [, href] of page.matchAll(/<link\b[^>]*href="([^"]*)"/gi)) assert.ok(href.startsWith(`${CSP_SOURCE}/ext/dist/webview/`), href);
  assert.doesNotMatch(page, /\son[a-z]+\s*=/i, 'no inline event handler attributes');
  assert.doesNotMatch(page, /<style\b/i, 'no inline style element');
  assert.doesNotMatch(page, /\sstyle\s*=/i, 'no inline style attribute');
  assert.doesNotMatch(page, /javascript:/i);
});

test('the nonce is fresh for every load and comes from a crypto source', () => {
  const nonces = new Set(Array.from({ length: 500 }, () => /'nonce-([^']+)'/.exec(html())![1]));
  assert.equal(nonces.size, 500, 'no nonce repeats');
  for (const n of nonces) assert.ok(Buffer.from(n, 'base64').length >= 16, 'at least 128 bits');
  const src = fs.readFileSync(path.join(ROOT, 'src', 'vscode', 'composer', 'html.ts'), 'utf8');
  assert.match(src, /import \{ randomBytes \} from 'node:crypto'/);
  assert.doesNotMatch(src, /Math\.random/);
});

test('a hostile language tag cannot break out of the html element', () => {
  const page = html('"><script>alert(1)</script><html lang="');
  assert.equal([...page.matchAll(/<script\b/gi)].length, 1, 'still one script');
  assert.match(page, /<html lang="[A-Za-z-]*">/);
});

test('the webview code builds the DOM with text, never with markup', () => {
  const dir = path.join(ROOT, 'webview');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const bad of [/\.innerHTML\b/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function\(/, /setAttribute\(\s*['"]on/i, /\.on[a-z]+\s*=\s*['"`]/, /DOMParser/, /createContextualFragment/, /srcdoc/i, /setHTML/, /['"`]\s*<\/?[a-z][\w-]*[\s>/]/i]) {
      assert.doesNotMatch(src, bad, `${f} uses ${bad}`);
    }
  }
  const bundle = path.join(ROOT, 'dist', 'webview', 'composer.js');
  if (fs.existsSync(bundle)) {
    const js = fs.readFileSync(bundle, 'utf8');
    // lit's template factory is the one innerHTML: it parses the components' static templates.
    const uses = [...js.matchAll(/innerHTML/g)].length;
    assert.ok(uses <= 1, `innerHTML appears ${uses} times in the bundle`);
    if (uses === 1) assert.match(js, /createElement\("template"\);return \w+\.innerHTML=\w+,\w+\}/);
    for (const bad of [/insertAdjacentHTML/, /document\.write\(/, /\beval\(/, /new Function\(/, /outerHTML=/]) assert.doesNotMatch(js, bad);
  }
});

/** A task list that never changes: these tests are about messages, not tasks. */
const NO_TASKS = { onDidChange: () => ({ dispose: () => undefined }), get: () => undefined, all: () => [] };

function makeDeps(submits: unknown[]) {
  fake.reset();
  const context = extensionContext('/ext');
  const keys = new ApiKeyStore(context.secrets, context.globalState, () => 'https://api.example');
  const engine = { submit: async (s: unknown) => (submits.push(s), { kind: 'notSent', message: 'x' }) } as unknown as TaskEngine;
  return { context: context as never, engine: () => engine, keys, store: NO_TASKS, log: new MemoryLog(), onTaskListed: () => undefined };
}

test('the panel loads resources only from dist/webview, without command links', () => {
  const deps = makeDeps([]);
  ComposerPanel.show(deps);
  const { options, panel } = fake.panels[0];
  assert.equal(options.enableScripts, true);
  assert.ok(!options.enableCommandUris, 'no command: links in the webview');
  assert.deepEqual((options.localResourceRoots as Uri[]).map((u) => u.path), ['/ext/dist/webview']);
  const first = /'nonce-([^']+)'/.exec(panel.webview.html)![1];
  panel.dispose();
  ComposerPanel.show(deps);
  const second = /'nonce-([^']+)'/.exec(fake.panels[1].panel.webview.html)![1];
  assert.notEqual(first, second, 'a new load gets a new nonce');
  fake.panels[1].panel.dispose();
});

test('init offers the models with their readable labels', async () => {
  const deps = makeDeps([]);
  ComposerPanel.show(deps);
  const { panel } = fake.panels[0];
  panel.send({ type: 'ready' });
  await new Promise((r) => setTimeout(r, 20));
  const init = panel.posted.find((m) => (m as { type: string }).type === 'init') as { models?: Array<{ id: string; label: string }> } | undefined;
  const offered = init?.models?.map((m) => `${m.id}=${m.label}`) ?? [];
  panel.dispose();
  assert.deepEqual(offered.slice(0, 2), ['openAiSora2Plus=Sora 2 Plus', 'openAiSora2Pro=Sora 2 Pro']);
  // Then every other model of the catalogue, family by family, by its own name.
  assert.deepEqual(offered.slice(2), makeCatalogue().profiles.slice(2).map((p) => `${p.id}=${p.label}`));
});

test('hostile webview messages reach the panel: answers are refusals, nothing is submitted', async () => {
  const submits: unknown[] = [];
  const deps = makeDeps(submits);
  await deps.keys.set('sk-never-in-the-webview-1234');
  ComposerPanel.show(deps);
  const { panel } = fake.panels[0];
  const hostile = [
    { type: 'submit', requestId: 'r1', draft: { prompt: '<img src=x onerror=alert(1)>', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 9, referenceImage: '' } },
    { type: 'submit', requestId: 'r2', draft: { prompt: 'ok', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: 'javascript:alert(1)' } },
    { type: 'submit', requestId: 'r3', draft: { prompt: 'ok', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: 'file:///etc/passwd' } },
    { type: 'submit', requestId: 'r4', draft: { prompt: 'x'.repeat(8001), model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' } },
    { type: 'submit' },
    { type: 'eval', code: 'alert(1)' },
    'submit',
    null,
  ];
  for (const m of hostile) panel.send(m);
  panel.send({ type: 'ready' });
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(submits, [], 'nothing reached the engine');
  const types = panel.posted.map((m) => (m as { type: string }).type);
  assert.equal(types.filter((t) => t === 'invalid').length, 4, `each bad draft got field errors (${types.join(', ')})`);
  assert.ok(types.includes('init'));
  const all = JSON.stringify(panel.posted);
  assert.ok(!all.includes('sk-never-in-the-webview-1234'), 'the key is never posted to the webview');
  assert.ok(deps.log.lines.filter((l) => l.includes('dropped a message')).length >= 3, 'malformed messages are logged');
  panel.dispose();
});

test('1,000 fuzzed messages through the real panel: no throw, nothing submitted, every draft refused', async () => {
  const submits: unknown[] = [];
  const deps = makeDeps(submits);
  fake.settings.set('sora.baseUrl', 'https://api.example');
  await deps.keys.set('sk-fuzz-key-123456');
  const failures: unknown[] = [];
  const onRejection = (e: unknown) => failures.push(e);
  process.on('unhandledRejection', onRejection);
  try {
    ComposerPanel.show(deps);
    const { panel } = fake.panels[0];
    const next = fuzzer(prng(7));
    for (let i = 0; i < 1_000; i++) panel.send(next());
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(failures, [], 'no handler threw');
    assert.deepEqual(submits, [], 'nothing reached the engine');
    const posted = panel.posted.map((m) => (m as { type: string }).type);
    assert.ok(posted.every((t) => t === 'invalid' || t === 'init'), `only refusals (and init for ready): ${[...new Set(posted)].join(', ')}`);
    assert.ok(posted.filter((t) => t === 'invalid').length > 50, 'drafts were checked, not just dropped');
    panel.send({ type: 'submit', requestId: 'valid-1', draft: VALID });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(submits.length, 1, 'a valid draft does reach the engine (so this test can fail)');
    panel.dispose();
  } finally {
    process.off('unhandledRejection', onRejection);
  }
});

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
type Posted = { type: string; requestId?: string; submitting?: { requestId: string } };

test('the panel answers every request with that request\'s id, and only with messages the webview accepts', async () => {
  const deps = makeDeps([]);
  fake.settings.set('sora.baseUrl', 'https://api.example');
  ComposerPanel.show(deps);
  const { panel } = fake.panels[0];
  panel.send({ type: 'submit', requestId: 'a.1', draft: { ...VALID, prompt: '' } });
  panel.send({ type: 'copyCurl', requestId: 'a.2', draft: { ...VALID, seconds: 5 } });
  panel.send({ type: 'checkReference', requestId: 'a.3', url: 'file:///etc/passwd', aspectRatio: '16:9' });
  panel.send({ type: 'copyCurl', requestId: 'a.4', draft: VALID });
  await tick();
  const posted = panel.posted as Posted[];
  assert.deepEqual(
    posted.map((m) => `${m.type}:${m.requestId}`),
    ['invalid:a.1', 'invalid:a.2', 'done:a.3', 'info:a.4'],
  );
  for (const m of posted) assert.ok(fromHostSchema.safeParse(m).success, JSON.stringify(m));
  assert.match(fake.clipboard.at(-1) ?? '', /^curl -X POST 'https:\/\/api\.example/);
  panel.dispose();
});

test('a reloaded page learns which submit still runs; a second submit meanwhile is answered, not sent', async () => {
  fake.reset();
  const context = extensionContext('/ext');
  const keys = new ApiKeyStore(context.secrets, context.globalState, () => 'https://api.example');
  await keys.set('sk-reload-test-123456');
  fake.settings.set('sora.baseUrl', 'https://api.example');
  let finish: (o: unknown) => void = () => undefined;
  let submits = 0;
  const engine = { submit: () => (submits++, new Promise((r) => (finish = r))) } as unknown as TaskEngine;
  ComposerPanel.show({ context: context as never, engine: () => engine, keys, store: NO_TASKS, log: new MemoryLog(), onTaskListed: () => undefined });
  const { panel } = fake.panels[0];
  const posted = panel.posted as Posted[];
  panel.send({ type: 'submit', requestId: 'old.1', draft: VALID });
  await tick();
  assert.deepEqual(posted.map((m) => `${m.type}:${m.requestId}`), ['sending:old.1']);

  panel.send({ type: 'ready' }); // the hidden webview reloaded
  await tick();
  assert.equal(posted.at(-1)?.type, 'init');
  assert.equal(posted.at(-1)?.submitting?.requestId, 'old.1');
  panel.send({ type: 'submit', requestId: 'new.1', draft: VALID });
  await tick();
  assert.equal(`${posted.at(-1)?.type}:${posted.at(-1)?.requestId}`, 'done:new.1');
  assert.equal(submits, 1, 'one request at a time');

  finish({ kind: 'notSent', message: 'Offline.' });
  await tick();
  assert.equal(`${posted.at(-1)?.type}:${posted.at(-1)?.requestId}`, 'failed:old.1');
  panel.send({ type: 'ready' });
  await tick();
  assert.equal(posted.at(-1)?.submitting, undefined, 'nothing runs any more');
  for (const m of posted) assert.ok(fromHostSchema.safeParse(m).success, JSON.stringify(m));
  panel.dispose();
});
