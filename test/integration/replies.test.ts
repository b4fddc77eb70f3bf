// Replies that name a task are never lost to a parsing detail: the real engine against the simulator
// over HTTP, with the replies a gateway has been seen to send (wrong-typed optional fields, ids as
// big JSON numbers, string codes, success wrappers, status words the extension does not know).
import '../fixtures/vscode'; // the Track command below runs under the fake
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { countOf, requestsOf } from '../helpers/sim';
import { waitFor } from '../helpers/wait';
import { fake, extensionContext, resetFake } from '../fixtures/vscode';
import { registerTaskCommands } from '../../src/vscode/commands/taskCommands';
import type { VideoSettings } from '../../src/domain/request';

const SETTINGS: VideoSettings = { prompt: 'a red fox in the snow', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 };

let sim: Simulator;
const harnesses: EngineHarness[] = [];
before(async () => {
  sim = await startSimulator({ queuedMs: 50, processingMs: 50 });
});
afterEach(() => {
  sim.clearFaults();
  for (const h of harnesses.splice(0)) h.dispose();
});
after(async () => {
  await sim.close();
});

function engine(): EngineHarness {
  const h = makeEngine({ baseUrl: sim.url, settings: { autoDownload: false } });
  harnesses.push(h);
  return h;
}

/** One create whose reply is `body` with HTTP 200. */
async function createWith(body: string) {
  const h = engine();
  sim.fault('create', { kind: 'status', status: 200, body });
  const outcome = await h.engine.submit(SETTINGS);
  return { h, outcome };
}

describe('create: a reply that names the task is a created task', () => {
  for (const [name, body] of [
    ['created as a string', '{"id":"sora_c1","status":"queued","created":"2025-10-28T07:11:18Z"}'],
    ['actualDuration as a string', '{"id":"sora_c1","status":"queued","actualDuration":"eight seconds"}'],
    ['model as a number', '{"id":"sora_c1","status":"queued","model":2}'],
    ['error as a number', '{"id":"sora_c1","status":"queued","error":0}'],
    ['error as {message: null}', '{"id":"sora_c1","status":"queued","error":{"message":null}}'],
    ['no status at all', '{"id":"sora_c1","object":"video.generation"}'],
    ['the id under task_id', '{"task_id":"sora_c1","status":"queued"}'],
    ['{status:"success",data:{…}}', '{"status":"success","data":{"id":"sora_c1","status":"queued"}}'],
  ] as const) {
    test(name, async () => {
      const { h, outcome } = await createWith(body);
      assert.equal(outcome.kind, 'created', JSON.stringify(outcome));
      if (outcome.kind !== 'created') return;
      assert.equal(outcome.task.remoteId, 'sora_c1');
      assert.equal(outcome.task.phase, 'active');
      assert.equal(h.store.all().length, 1);
    });
  }

  test('the fields that could not be read are named in the log', async () => {
    const { h } = await createWith('{"id":"sora_c2","status":"queued","created":"yesterday","model":7}');
    assert.ok(h.log.lines.some((l) => /^warn create reply from .*: ignored unreadable created \(string\), model \(number\)$/.test(l)), h.log.lines.join('\n'));
  });

  test('an id beyond 2^53 keeps its digits, and is queried with them', async () => {
    const { h, outcome } = await createWith('{"id":9007199254740993,"status":"queued"}');
    assert.equal(outcome.kind, 'created');
    if (outcome.kind !== 'created') return;
    assert.equal(outcome.task.remoteId, '9007199254740993');
    const q0 = countOf(sim, 'query');
    h.engine.poller.refresh();
    await waitFor(() => requestsOf(sim, 'query').slice(q0)[0], 'the first check');
    assert.ok(requestsOf(sim, 'query').slice(q0)[0].path.endsWith('/v1/result/9007199254740993'));
  });

  test('an over-long id is not cut into another id: the outcome is unknown, and the log has the reason', async () => {
    const { h, outcome } = await createWith(JSON.stringify({ id: 'x'.repeat(600), status: 'queued' }));
    assert.equal(outcome.kind, 'unknown');
    if (outcome.kind !== 'unknown') return;
    assert.equal(outcome.task.remoteId, undefined);
    assert.match(outcome.message, /longer than 500 characters/);
    assert.equal(h.store.all()[0].phase, 'unknown');
  });
});

describe('create: error envelopes at HTTP 200 carry the service words', () => {
  for (const [name, body, words] of [
    ['a string code', '{"code":"500","msg":"服务繁忙，请稍后再试"}', /HTTP 200 .*服务繁忙，请稍后再试/],
    ['a success code around no data', '{"code":0,"data":null,"msg":"余额不足"}', /HTTP 200 .*余额不足/],
  ] as const) {
    test(name, async () => {
      const { h, outcome } = await createWith(body);
      assert.equal(outcome.kind, 'notSent', JSON.stringify(outcome));
      if (outcome.kind !== 'notSent') return;
      assert.match(outcome.message, words);
      assert.deepEqual(h.store.all(), [], 'the service refused: nothing to track');
    });
  }
});

describe('query: a reply with an id and a status is applied', () => {
  /** Tracks a task and answers its checks with `bodies`, in order. */
  async function trackWith(...bodies: string[]) {
    const h = engine();
    for (const body of bodies) sim.fault('query', { kind: 'status', status: 200, body });
    const q0 = countOf(sim, 'query');
    const task = await h.engine.track('sora_q1');
    return { h, task, queries: () => countOf(sim, 'query') - q0 };
  }

  test('wrong-typed optional fields do not keep a finished task spinning', async () => {
    const video = `${sim.origin}/files/sora_q1.mp4`;
    const { h, task } = await trackWith(JSON.stringify({ id: 'sora_q1', status: 'completed', video_url: video, created: 'x', model: 5, actualDuration: '8', error: { message: null } }));
    const done = await waitFor(() => h.store.get(task.localId)?.phase === 'completed' && h.store.get(task.localId), 'the task to complete');
    assert.equal(done.videoUrl, video);
    assert.equal(done.actualDuration, 8);
    assert.equal(done.poll.errors, 0);
  });

  test('a status the extension does not know, with an error: final and failed, with the reason', async () => {
    const { h, task } = await trackWith('{"id":"sora_q1","status":"moderation_failed","error":{"message":"The prompt was flagged"}}');
    const failed = await waitFor(() => h.store.get(task.localId)?.phase === 'failed' && h.store.get(task.localId), 'the task to fail');
    assert.equal(failed.error, 'The prompt was flagged');
    assert.deepEqual(h.finals.map((t) => t.localId), [task.localId]);
  });

  test('a status the extension does not know, without an error: kept and checked again', async () => {
    const { h, task, queries } = await trackWith('{"id":"sora_q1","status":"Rejected"}', '{"id":"sora_q1","status":"rejected"}');
    await waitFor(() => queries() >= 2, 'a second check', 10_000);
    await waitFor(() => h.store.get(task.localId)?.poll.lastAt !== undefined && h.store.get(task.localId)?.status === 'rejected', 'the status');
    const t = h.store.get(task.localId)!;
    assert.equal(t.phase, 'active');
    assert.equal(t.poll.errors, 0);
  });
});

describe('track: an over-long id is refused, not cut', () => {
  test('the engine refuses it: nothing stored, nothing sent', async () => {
    const h = engine();
    const q0 = countOf(sim, 'query');
    await assert.rejects(h.engine.track(`${'x'.repeat(499)}  `), /at most|1 to 500 characters/);
    assert.deepEqual(h.store.all(), []);
    assert.equal(countOf(sim, 'query'), q0);
  });

  test('the Track command refuses it with a message, and tracks a padded id trimmed', async () => {
    const h = engine();
    const context = extensionContext();
    fake.reset();
    registerTaskCommands(context as never, { store: h.store, engine: () => h.engine, showLog: () => undefined });
    try {
      fake.inputAnswers.push('y'.repeat(501));
      await fake.commands.get('sora.trackTask')!();
      assert.deepEqual(h.store.all(), []);
      assert.ok(fake.messages.some((m) => m.level === 'error' && /at most 500 characters/.test(m.message)), JSON.stringify(fake.messages));
      fake.inputAnswers.push('  sora_padded  ');
      await fake.commands.get('sora.trackTask')!();
      assert.deepEqual(h.store.all().map((t) => t.remoteId), ['sora_padded']);
    } finally {
      resetFake(context);
    }
  });
});
