// TaskEngine.submit against the simulator: the draft is saved before the request leaves, and
// every outcome leaves the task list telling the truth about what the service may have done.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { SettingsError } from '../../src/domain/endpoints';
import { STORE_KEY } from '../../src/persistence/repository';
import type { Task } from '../../src/domain/task';
import type { VideoSettings } from '../../src/domain/request';
import { makeEngine, type EngineHarness, type HarnessOptions } from '../helpers/engine';
import { countOf } from '../helpers/sim';
import { unusedPort } from '../helpers/net';
import { waitFor } from '../helpers/wait';

const SETTINGS: VideoSettings = { prompt: 'a lighthouse at dusk', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 };

let sim: Simulator;
const harnesses: EngineHarness[] = [];
before(async () => {
  // Slow enough that tasks stay active during these tests; polling is not what is tested here.
  sim = await startSimulator({ queuedMs: 5_000, processingMs: 5_000 });
});
afterEach(() => {
  sim.clearFaults();
  for (const h of harnesses.splice(0)) h.dispose();
});
after(() => sim.close());

function engine(over: Partial<HarnessOptions> = {}): EngineHarness {
  const h = makeEngine({ baseUrl: sim.url, ...over });
  harnesses.push(h);
  return h;
}

const storedTasks = (h: EngineHarness): Task[] => (h.memento.get<{ tasks: Task[] }>(STORE_KEY)?.tasks ?? []);

/** Submits and reports what the simulator saw. */
async function submit(h: EngineHarness, settings = SETTINGS) {
  const posts0 = countOf(sim, 'create');
  const tasks0 = sim.taskIds().length;
  const outcome = await h.engine.submit(settings);
  return { outcome, posts: countOf(sim, 'create') - posts0, created: sim.taskIds().length - tasks0 };
}

function assertUnknown(h: EngineHarness, r: Awaited<ReturnType<typeof submit>>, pattern: RegExp): Task {
  assert.equal(r.outcome.kind, 'unknown', JSON.stringify(r.outcome));
  if (r.outcome.kind !== 'unknown') throw new Error('unreachable');
  assert.match(r.outcome.message, pattern);
  assert.equal(r.posts, 1, 'not sent twice');
  const all = h.store.all();
  assert.equal(all.length, 1, 'the task is kept');
  const t = all[0];
  assert.equal(t.phase, 'unknown');
  assert.equal(t.status, 'outcome unknown');
  assert.equal(t.settings.prompt, SETTINGS.prompt);
  assert.deepEqual(t.settings, SETTINGS);
  assert.equal(t.remoteId, undefined);
  assert.equal(t.error, r.outcome.message);
  assert.deepEqual(storedTasks(h).map((s) => s.phase), ['unknown'], 'and saved');
  assert.ok(h.log.lines.some((l) => l.startsWith('warn create outcome unknown')), h.log.lines.join('\n'));
  assert.deepEqual(h.sleeps, [], 'no retry');
  return t;
}

function assertRemoved(h: EngineHarness, r: Awaited<ReturnType<typeof submit>>, pattern: RegExp): void {
  assert.equal(r.outcome.kind, 'notSent', JSON.stringify(r.outcome));
  if (r.outcome.kind !== 'notSent') throw new Error('unreachable');
  assert.match(r.outcome.message, pattern);
  assert.deepEqual(h.store.all(), [], 'the draft is gone from the list');
  assert.deepEqual(storedTasks(h), [], 'and from storage');
}

describe('TaskEngine.submit', () => {
  test('created: the task is stored with the service id and is active', async () => {
    const h = engine();
    const r = await submit(h);
    assert.equal(r.outcome.kind, 'created');
    if (r.outcome.kind !== 'created') return;
    assert.equal(r.posts, 1);
    assert.equal(r.created, 1);
    const t = r.outcome.task;
    assert.equal(t.remoteId, sim.taskIds().at(-1));
    assert.equal(t.phase, 'active');
    assert.equal(t.status, 'queued');
    assert.deepEqual(t.settings, SETTINGS);
    assert.deepEqual(h.store.all().map((x) => x.localId), [t.localId]);
    assert.equal(storedTasks(h)[0].remoteId, t.remoteId);
  });

  test('the draft is in the store (and saved) before the service has answered', async () => {
    sim.fault('create', { kind: 'delay', ms: 1500 });
    const h = engine();
    const posts0 = countOf(sim, 'create');
    const pending = h.engine.submit(SETTINGS);
    let answered = false;
    void pending.then(() => (answered = true));
    await waitFor(() => countOf(sim, 'create') > posts0, 'the create request to arrive');
    // Inside the delay window: the service has the request but has not replied.
    assert.equal(answered, false);
    const all = h.store.all();
    assert.equal(all.length, 1);
    assert.equal(all[0].phase, 'submitting');
    assert.equal(all[0].settings.prompt, SETTINGS.prompt);
    assert.equal(all[0].remoteId, undefined);
    assert.deepEqual(storedTasks(h).map((t) => [t.phase, t.settings.prompt]), [['submitting', SETTINGS.prompt]]);
    const outcome = await pending;
    assert.equal(outcome.kind, 'created');
    if (outcome.kind === 'created') assert.equal(outcome.task.localId, all[0].localId, 'the draft became the task');
  });

  test('dropped connection: unknown outcome, the task and its prompt are kept, not retried', async () => {
    sim.fault('create', { kind: 'drop' });
    const h = engine();
    const r = await submit(h);
    assertUnknown(h, r, /connection to .* was lost/);
    assert.equal(r.created, 1, 'the service did create it');
  });

  test('no answer in time: unknown outcome, not retried', async () => {
    sim.fault('create', { kind: 'hang' });
    const h = engine({ settings: { timeoutMs: 400 } });
    assertUnknown(h, await submit(h), /did not answer in time/);
  });

  test('HTTP 500: unknown outcome with the status and service text', async () => {
    sim.fault('create', { kind: 'status', status: 500, body: '{"message":"internal error"}' });
    const h = engine();
    assertUnknown(h, await submit(h), /HTTP 500 .*: internal error/);
  });

  test('HTTP 502 HTML from a gateway: unknown outcome with a readable message', async () => {
    sim.fault('create', { kind: 'status', status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' });
    const h = engine();
    assertUnknown(h, await submit(h), /HTTP 502 .*: 502 Bad Gateway$/);
  });

  test('HTTP 503: unknown outcome with the status, not retried', async () => {
    sim.fault('create', { kind: 'status', status: 503, body: '{"error":{"message":"upstream overloaded"}}' });
    const h = engine();
    assertUnknown(h, await submit(h), /HTTP 503 .*: upstream overloaded/);
    assert.deepEqual(h.sleeps, [], 'no retry wait either');
  });

  test('a reply cut off half-way: unknown outcome (the service made the task), not retried', async () => {
    sim.fault('create', { kind: 'truncate' });
    const h = engine();
    const r = await submit(h);
    assertUnknown(h, r, /^Creating the video task failed: the connection to .* was lost/);
    assert.equal(r.created, 1, 'the service did create it');
  });

  test('the connection closed before any reply: unknown outcome, not retried', async () => {
    sim.fault('create', { kind: 'refuse' });
    const h = engine();
    const r = await submit(h);
    assertUnknown(h, r, /^Creating the video task failed: the connection to .* was lost/);
    assert.deepEqual(h.sleeps, []);
  });

  test('malformed reply: unknown outcome', async () => {
    sim.fault('create', { kind: 'malformed' });
    const h = engine();
    assertUnknown(h, await submit(h), /could not be understood/);
  });

  test('connection refused: nothing reached the service, the draft is removed, the message returned', async () => {
    const port = await unusedPort();
    const h = engine({ baseUrl: `http://127.0.0.1:${port}/kyyReactApiServer` });
    const r = await submit(h);
    assertRemoved(h, r, /could not connect .*ECONNREFUSED/);
    assert.equal(h.sleeps.length, 2, 'retried, since it provably never arrived');
  });

  test('a 4xx refusal: the draft is removed, the service text returned', async () => {
    sim.fault('create', { kind: 'status', status: 400, body: '{"error":{"message":"prompt violates policy","type":"invalid_request_error"}}' });
    const h = engine();
    const r = await submit(h);
    assertRemoved(h, r, /HTTP 400 .*prompt violates policy/);
    assert.equal(r.posts, 1);
  });

  test('a wrong key: removed, and the key is in neither the message nor the log, even when echoed', async () => {
    const key = 'sk-wrong-engine-key-1234';
    sim.fault('create', { kind: 'status', status: 401, body: JSON.stringify({ code: 401, msg: `令牌无效: ${key}` }) });
    const h = engine({ apiKey: key });
    const r = await submit(h);
    assertRemoved(h, r, /HTTP 401 .*令牌无效/);
    if (r.outcome.kind === 'notSent') assert.ok(!r.outcome.message.includes(key), r.outcome.message);
    assert.ok(!h.log.lines.join('\n').includes(key), h.log.lines.join('\n'));
  });

  test('what the user sees names the operation, status and service text; the log keeps the raw reply, trimmed, key redacted', async () => {
    const key = 'sk-live-engine-log-5678';
    const padding = 'x'.repeat(5_000);
    const body = JSON.stringify({ error: { message: 'quota exceeded for this account', type: 'billing', echo: `Bearer ${key}`, key, padding } });
    sim.fault('create', { kind: 'status', status: 500, body });
    const h = engine({ apiKey: key });
    const r = await submit(h);
    assert.equal(r.outcome.kind, 'unknown');
    if (r.outcome.kind !== 'unknown') return;
    assert.match(r.outcome.message, /^Creating the video task failed: .*HTTP 500.*quota exceeded for this account/);
    assert.ok(!r.outcome.message.includes(key));
    assert.ok(!JSON.stringify(h.store.all()).includes(key), 'nor in the stored task');
    const log = h.log.lines.join('\n');
    assert.ok(!log.includes(key), log.slice(0, 500));
    const line = h.log.lines.find((l) => l.includes('→ 500'));
    assert.ok(line, log.slice(0, 500));
    assert.match(line, /"type":"billing"/, 'the raw reply is in the log');
    assert.match(line, /\[redacted\]/);
    assert.ok(line.length < 1_500, `trimmed (${line.length} chars)`);
  });

  test('429 until the retries run out: removed (the service refused every time)', async () => {
    sim.fault('create', { kind: 'status', status: 429, headers: { 'retry-after': '1' } }, 3);
    const h = engine();
    const r = await submit(h);
    assertRemoved(h, r, /HTTP 429/);
    assert.equal(r.posts, 3);
    assert.equal(r.created, 0);
    assert.deepEqual(h.sleeps, [1000, 1000]);
  });

  test('429 once, then accepted: created, with one task at the service', async () => {
    sim.fault('create', { kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    const h = engine();
    const r = await submit(h);
    assert.equal(r.outcome.kind, 'created');
    assert.equal(r.posts, 2);
    assert.equal(r.created, 1);
    assert.equal(h.store.all().length, 1);
  });

  test('[reject]: the create reply is already failed; the task is kept as failed with the error', async () => {
    const h = engine();
    const r = await submit(h, { ...SETTINGS, prompt: 'a protest [reject]' });
    assert.equal(r.outcome.kind, 'rejected');
    if (r.outcome.kind !== 'rejected') return;
    assert.equal(r.outcome.message, 'policy rejected');
    const t = h.store.all()[0];
    assert.equal(t.phase, 'failed');
    assert.equal(t.error, 'policy rejected');
    assert.match(t.remoteId ?? '', /^task-failed-/);
    assert.deepEqual(h.finals.map((f) => f.localId), [t.localId], 'reported final once');
  });

  test('no key: nothing is sent and nothing is stored', async () => {
    const h = engine({ apiKey: undefined });
    const r = await submit(h);
    assert.equal(r.outcome.kind, 'noKey');
    assert.equal(r.posts, 0);
    assert.deepEqual(h.store.all(), []);
  });

  test('bad settings: a SettingsError before anything is stored or sent', async () => {
    const h = engine({ settings: { queryPath: '/v1/result' } });
    const posts0 = countOf(sim, 'create');
    await assert.rejects(h.engine.submit(SETTINGS), (e: unknown) => e instanceof SettingsError && /sora\.queryPath/.test(e.message));
    const h2 = engine({ settings: { proxy: { proxy: 'not a proxy url', strictSSL: true, noProxy: [], env: {} } } });
    await assert.rejects(h2.engine.submit(SETTINGS), (e: unknown) => e instanceof SettingsError && /http\.proxy/.test(e.message));
    assert.equal(countOf(sim, 'create'), posts0);
    assert.deepEqual(h.store.all(), []);
    assert.deepEqual(h2.store.all(), []);
  });

  test('retry of an unknown outcome sends once more under the same list entry', async () => {
    sim.fault('create', { kind: 'drop' });
    const h = engine();
    const first = await submit(h);
    const t = assertUnknown(h, first, /lost/);
    const again = await h.engine.retry(t.localId);
    assert.equal(again.kind, 'created');
    if (again.kind !== 'created') return;
    assert.equal(again.task.localId, t.localId);
    assert.equal(again.task.phase, 'active');
    assert.equal(again.task.error, undefined, 'the stale "lost" message is gone');
    assert.equal(h.store.all().length, 1);
    // Only an unknown outcome can be retried.
    const refused = await h.engine.retry(t.localId);
    assert.equal(refused.kind, 'notSent');
  });

  test('a retry that is refused keeps the unknown entry: the first attempt may still have created a task', async () => {
    sim.fault('create', { kind: 'drop' });
    const h = engine();
    const t = assertUnknown(h, await submit(h), /lost/);
    sim.fault('create', { kind: 'status', status: 400, body: '{"message":"bad request"}' });
    const refused = await h.engine.retry(t.localId);
    assert.equal(refused.kind, 'notSent');
    if (refused.kind === 'notSent') assert.match(refused.message, /HTTP 400 .*bad request/);
    const kept = h.store.get(t.localId);
    assert.equal(kept?.phase, 'unknown');
    assert.equal(kept?.error, t.error);
    assert.deepEqual(kept?.settings, SETTINGS);
    assert.deepEqual(storedTasks(h).map((x) => x.phase), ['unknown']);
    const port = await unusedPort();
    h.settings.baseUrl = `http://127.0.0.1:${port}/kyyReactApiServer`;
    assert.equal((await h.engine.retry(t.localId)).kind, 'notSent');
    assert.equal(h.store.get(t.localId)?.phase, 'unknown');
  });

  test('track: a task created elsewhere is added once and checked at once', async () => {
    const h = engine();
    const other = await submit(engine(), { ...SETTINGS, prompt: '[id:made elsewhere/1] x' });
    assert.equal(other.outcome.kind, 'created');
    const q0 = countOf(sim, 'query');
    const t = await h.engine.track('  made elsewhere/1 ');
    assert.equal(t.remoteId, 'made elsewhere/1');
    assert.equal(t.phase, 'active');
    assert.deepEqual(t.unreported, ['model', 'aspectRatio', 'seconds', 'createdAt'], 'nothing but the id is known yet');
    assert.equal((await h.engine.track('made elsewhere/1')).localId, t.localId, 'no duplicate');
    await waitFor(() => countOf(sim, 'query') > q0, 'the first check of the tracked task', 5_000);
    await waitFor(() => h.store.get(t.localId)?.status === 'queued', 'its status from the service');
  });
});
