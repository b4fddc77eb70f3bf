// Hostile and broken input, one table: what the webview sends (host-side checks), what the settings
// say (resolveEndpoints), what the service answers (client against the simulator's faults) and
// where videos go (download folder). Every case must end in a clear message; a refused case sends
// nothing; no case loses the user's work (the draft stays, a maybe-created task stays listed).
import '../fixtures/vscode'; // draftErrorMessage is localised through vscode.l10n
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { fieldErrorMessage } from '../../src/domain/models/messages';
import { routeMessage } from '../../src/vscode/composer/messages';
import { draftErrorMessage } from '../../src/vscode/composer/strings';
import { resolveEndpoints, SettingsError, type EndpointSettings } from '../../src/domain/endpoints';
import { MAX_REPLY_BYTES } from '../../src/http/http';
import { STORE_KEY, STORE_VERSION } from '../../src/persistence/repository';
import type { Draft } from '../../src/shared/protocol';
import type { Fault } from '../fixtures/simulator/server';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { MemoryMemento } from '../fixtures/memento';
import { makeTask } from '../helpers/tasks';
import { createOnSim } from '../helpers/sim';
import { sleep, waitFor } from '../helpers/wait';

let sim: Simulator;
const harnesses: EngineHarness[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'sora-hostile-'));

before(async () => {
  sim = await startSimulator({ queuedMs: 50, processingMs: 50 });
});
afterEach(() => {
  sim.clearFaults();
  for (const h of harnesses.splice(0)) h.dispose();
});
after(async () => {
  await sim.close();
  rmSync(tmp, { recursive: true, force: true });
});

function engine(settings: Partial<EndpointSettings> = {}, memento?: MemoryMemento, folder?: string): EngineHarness {
  const h = makeEngine({ baseUrl: sim.url, settings: { autoDownload: false, ...settings }, memento, folder });
  harnesses.push(h);
  return h;
}

interface Outcome {
  /** What the user reads. */
  message: string;
  /** Requests that reached the simulator during the case. */
  sent: number;
  /** The draft or task the user would have lost (false when it is kept or never existed). */
  lost: boolean;
}

const VALID: Draft = { prompt: 'A lighthouse in a storm', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' };

/** The composer path: a webview message through the host's router to a real engine. */
async function fromWebview(message: unknown): Promise<Outcome> {
  const h = engine();
  const before = sim.requests.length;
  let text = '';
  await routeMessage(message, {
    ready: () => undefined,
    draftChanged: () => undefined,
    savePreset: () => undefined,
    checkReference: () => undefined,
    copyCurl: () => undefined,
    setApiKey: () => undefined,
    dropped: (s) => (text = `dropped a message that does not match the protocol: ${s}`),
    invalid: (errors) => (text = errors.map((e) => draftErrorMessage(e.code)).join(' ')),
    invalidFields: (errors, profile) => (text = errors.map((e) => fieldErrorMessage(e, profile)).join(' ')),
    findModel: (id) => h.engine.catalogue().find(id),
    submit: async (settings) => {
      const o = await h.engine.submit(settings);
      text = 'message' in o ? o.message : o.kind;
    },
  });
  // The webview keeps its draft until the host says `created`; nothing was stored for a refusal.
  return { message: text, sent: sim.requests.length - before, lost: false };
}

const submit = (draft: Partial<Draft> & Record<string, unknown>) => fromWebview({ type: 'submit', requestId: 'r1', draft: { ...VALID, ...draft } });

/** The settings path: the composer checks resolveEndpoints before anything else. */
async function fromSettings(s: Partial<EndpointSettings>): Promise<Outcome> {
  const before = sim.requests.length;
  let createUrl: string;
  try {
    createUrl = resolveEndpoints({ baseUrl: sim.url, createPath: '/v1/sora/videos', queryPath: '/v1/result/{id}', ...s }).createUrl;
  } catch (e) {
    assert.ok(e instanceof SettingsError, `a SettingsError, not ${String(e)}`);
    // The engine refuses the same settings on its own, before storing or sending.
    const h = engine(s);
    await assert.rejects(h.engine.submit({ prompt: 'x', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 }), SettingsError);
    return { message: e.message, sent: sim.requests.length - before, lost: h.store.all().length !== 0 };
  }
  return { message: `stays: ${createUrl}`, sent: sim.requests.length - before, lost: false };
}

/** The reply path: one create against a simulator fault. */
async function withReply(fault: Fault): Promise<Outcome & { kind: string; creates: number }> {
  const h = engine();
  sim.fault('create', fault);
  const before = sim.requests.filter((r) => r.kind === 'create').length;
  const o = await h.engine.submit({ prompt: 'A fox in the snow', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 });
  const creates = sim.requests.filter((r) => r.kind === 'create').length - before;
  // A request that may have created a task must stay listed; a refused one must not linger.
  const listed = h.store.all();
  const lost = o.kind === 'unknown' ? !listed.some((t) => t.phase === 'unknown' && t.settings.prompt === 'A fox in the snow') : false;
  return { message: 'message' in o ? o.message : o.kind, sent: creates, lost, kind: o.kind, creates };
}

/** The download path: a completed task saved into a folder that is not what it should be. */
async function downloadInto(folder: string): Promise<Outcome & { saved: boolean }> {
  const remoteId = await createOnSim(sim, 'a saved video');
  await sleep(150);
  const task = makeTask({ remoteId, phase: 'completed', status: 'completed', videoUrl: `${sim.origin}/files/${encodeURIComponent(remoteId)}.mp4` });
  const h = engine({}, new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [task] } }), folder);
  const result = await h.engine.downloads.download(task.localId);
  const t = h.store.get(task.localId);
  return {
    message: t?.download?.error ?? (t?.download?.state === 'done' ? 'saved' : ''),
    sent: 0,
    lost: !t || !t.videoUrl,
    saved: result?.download?.state === 'done',
  };
}

interface Case {
  name: string;
  run(): Promise<Outcome>;
  /** The message must match this (a readable hint of what was wrong). */
  says: RegExp;
  /** Requests allowed to reach the service (0 for every refusal). */
  sent?: number;
  extra?(o: Outcome): void;
}

const CASES: Case[] = [
  // --- the composer (host-side checks of what the webview sends) ---
  { name: 'empty prompt', run: () => submit({ prompt: '' }), says: /Write a prompt/ },
  { name: 'whitespace and control characters only', run: () => submit({ prompt: ' \n\t\u0000 ' }), says: /Write a prompt/ },
  { name: 'prompt over 8000 characters', run: () => submit({ prompt: 'x'.repeat(8_001) }), says: /too long/ },
  { name: 'prompt of 200 KB (over the protocol limit)', run: () => submit({ prompt: 'y'.repeat(200_000) }), says: /does not match the protocol.*\(\d+ chars\)/ },
  { name: 'seconds as a string', run: () => submit({ seconds: '8' as never }), says: /does not match the protocol/ },
  { name: 'seconds out of range', run: () => submit({ seconds: 5 }), says: /4, 8 or 12/ },
  { name: 'seconds not finite', run: () => submit({ seconds: Infinity }), says: /does not match the protocol/ },
  { name: 'unknown model', run: () => submit({ model: 'gpt-video-9000' }), says: /Choose a model/ },
  { name: 'unknown aspect ratio', run: () => submit({ aspectRatio: '4:3' }), says: /16:9 or 9:16/ },
  { name: 'file: reference image', run: () => submit({ referenceImage: 'file:///etc/passwd' }), says: /http:\/\/ or https:\/\// },
  { name: 'javascript: reference image', run: () => submit({ referenceImage: 'javascript:alert(1)' }), says: /http:\/\/ or https:\/\// },
  { name: 'two reference images', run: () => submit({ referenceImage: 'https://a.example/1.png https://a.example/2.png' }), says: /Only one reference image/ },
  { name: 'reference URL over 2048 characters', run: () => submit({ referenceImage: `https://a.example/${'x'.repeat(2_100)}.png` }), says: /too long/ },
  {
    name: 'both members of every exclusive pair smuggled in: ignored, one canonical member sent',
    run: () => submit({ size: '720x1280', duration: 4, image_urls: ['https://x/y.png'] }),
    says: /^$|created/,
    sent: 1,
    extra: () => {
      const body = sim.requests.filter((r) => r.kind === 'create').at(-1)!.json as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), ['aspect_ratio', 'model', 'prompt', 'seconds']);
    },
  },
  { name: 'not a message at all', run: () => fromWebview('<script>alert(1)</script>'), says: /does not match the protocol/ },
  // --- settings ---
  { name: 'base URL with javascript:', run: () => fromSettings({ baseUrl: 'javascript:alert(1)' }), says: /must start with https:\/\/ or http:\/\// },
  { name: 'base URL with file:', run: () => fromSettings({ baseUrl: 'file:///etc/passwd' }), says: /must start with https:\/\/ or http:\/\// },
  { name: 'base URL that is not a URL', run: () => fromSettings({ baseUrl: 'zcbservice dot cn' }), says: /not a valid URL/ },
  { name: 'base URL with a user and password', run: () => fromSettings({ baseUrl: 'https://user:pw@api.example/x' }), says: /user name or password/ },
  { name: 'query template without {id}', run: () => fromSettings({ queryPath: '/v1/result/' }), says: /must contain \{id\}/ },
  { name: 'create path trying to leave the origin stays on it', run: () => fromSettings({ createPath: '//evil.example/steal' }), says: /^stays: http:\/\/127\.0\.0\.1:\d+\/kyyReactApiServer\/evil\.example\/steal$/ },
  { name: 'query path trying to leave the origin stays on it', run: () => fromSettings({ queryPath: '\\\\evil.example\\{id}' }), says: /^stays: http:\/\/127\.0\.0\.1:/ },
  // --- the service's replies ---
  { name: 'an HTML error page (502)', run: () => withReply({ kind: 'status', status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body><script>x</script></body></html>' }), says: /HTTP 502.*502 Bad Gateway/ , sent: 1 },
  { name: 'HTML with status 200', run: () => withReply({ kind: 'status', status: 200, body: '<!doctype html><h1>Welcome</h1>' }), says: /could not be understood/, sent: 1 },
  { name: 'truncated JSON', run: () => withReply({ kind: 'malformed' }), says: /could not be understood/, sent: 1 },
  { name: 'a huge body (the read is capped)', run: () => withReply({ kind: 'status', status: 200, body: `{"id":"${'a'.repeat(MAX_REPLY_BYTES + 10)}"}` }), says: /larger than 1048576 bytes/, sent: 1 },
  { name: 'an error envelope with HTTP 200', run: () => withReply({ kind: 'status', status: 200, body: '{"code":401,"msg":"令牌无效 <b>x</b>"}' }), says: /HTTP 200.*令牌无效/, sent: 1 },
  { name: 'an id with /, .., % and spaces (one path segment)', run: () => trackOdd('../a b%2F/c'), says: /queried as one segment/, sent: 1 },
  { name: 'the id ".." (never folded into the path)', run: () => withReply({ kind: 'status', status: 200, body: '{"id":"..","status":"queued"}' }), says: /unusable task id/, sent: 1 },
  { name: 'a create reply with wrong-typed optional fields: created, nothing lost', run: () => withReply({ kind: 'status', status: 200, body: '{"id":"sora_odd1","status":"queued","created":"yesterday","model":7,"error":{"message":null}}' }), says: /^created$/, sent: 1 },
  { name: 'an over-long id: refused, not cut into another id', run: () => withReply({ kind: 'status', status: 200, body: JSON.stringify({ id: 'x'.repeat(600), status: 'queued' }) }), says: /could not be understood \(id: unusable task id \(longer than 500 characters\)\)/, sent: 1 },
  { name: 'a string-code error envelope with HTTP 200', run: () => withReply({ kind: 'status', status: 200, body: '{"code":"500","msg":"服务繁忙"}' }), says: /HTTP 200.*服务繁忙/, sent: 1 },
  { name: 'a success code around no data but a message', run: () => withReply({ kind: 'status', status: 200, body: '{"code":0,"data":null,"msg":"余额不足"}' }), says: /HTTP 200.*余额不足/, sent: 1 },
  // --- the download folder ---
  { name: 'download folder missing: created', run: () => downloadInto(join(tmp, 'missing', 'deeper')), says: /^saved$/ },
  { name: 'download folder is a file', run: () => downloadInto(fileAt(join(tmp, 'a-file'))), says: /is a file, not a folder/ },
  { name: 'download folder read-only', run: () => downloadInto(readOnlyDir()), says: /Could not save the video in .*\((EACCES|EROFS|ENOENT|EPERM)\)/ },
];

function fileAt(p: string): string {
  writeFileSync(p, 'not a folder');
  return p;
}

/** A folder the process may not write into (as root, where permissions do not bind: under /sys). */
function readOnlyDir(): string {
  if (process.getuid?.() === 0) return '/sys/sora-video-downloads';
  const d = join(tmp, 'read-only');
  mkdirSync(d, { recursive: true });
  chmodSync(d, 0o500);
  return d;
}

/** Tracks an id full of path syntax; the simulator must see it as one encoded segment. */
async function trackOdd(id: string): Promise<Outcome> {
  const h = engine();
  const before = sim.requests.filter((r) => r.kind === 'query').length;
  await h.engine.track(id);
  const q = await waitFor(() => sim.requests.filter((r) => r.kind === 'query').slice(before)[0], 'the query');
  const ok = q.path.endsWith(`/v1/result/${encodeURIComponent(id)}`) && !q.path.includes('/../');
  await waitFor(() => h.store.all()[0]?.poll.lastError ?? h.store.all()[0]?.error, 'the unknown id to be reported').catch(() => undefined);
  return { message: ok ? `queried as one segment: ${q.path}` : `queried as ${q.path}`, sent: 1, lost: h.store.all().length !== 1 };
}

test(`the table has at least 20 cases (${CASES.length})`, () => assert.ok(CASES.length >= 20));

for (const c of CASES) {
  test(`hostile input: ${c.name}`, { timeout: 30_000 }, async () => {
    const o = await c.run();
    assert.match(o.message, c.says, `the message says what was wrong: ${JSON.stringify(o.message.slice(0, 300))}`);
    assert.ok(o.message.length <= 700, `the message is bounded (${o.message.length})`);
    assert.doesNotMatch(o.message, /\[object Object\]|undefined|\n\s+at /, 'no raw object, undefined or stack trace');
    assert.doesNotMatch(o.message, /[\u0000-\u0008\u000b-\u001f]/, 'no control characters');
    assert.equal(o.sent, c.sent ?? 0, 'requests that reached the service');
    assert.equal(o.lost, false, 'nothing the user made was lost');
    c.extra?.(o);
  });
}

test('a refused create is never retried and a maybe-created one stays listed', async () => {
  const o = await withReply({ kind: 'status', status: 502, body: '<html><title>bad gateway</title></html>' });
  assert.equal(o.kind, 'unknown');
  assert.equal(o.creates, 1, 'sent once, not again');
});
