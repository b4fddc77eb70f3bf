// Polling through the engine against the simulator: tasks reach their final state, errors back off
// and recover, no key means no requests, and the number of queries in flight stays capped.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { STORE_KEY, STORE_VERSION } from '../../src/persistence/repository';
import type { Task } from '../../src/domain/task';
import type { VideoSettings } from '../../src/domain/request';
import { makeEngine, type EngineHarness, type HarnessOptions } from '../helpers/engine';
import { MemoryMemento } from '../fixtures/memento';
import { makeTask } from '../helpers/tasks';
import { countOf, createOnSim, queryTimes } from '../helpers/sim';
import { startCountingProxy } from '../helpers/net';
import { sleep, waitFor } from '../helpers/wait';
import { attentionOf, REFUSED_CHECKS_LIMIT } from '../../src/domain/lifecycle';

const BASE = 50;
const SETTINGS: VideoSettings = { prompt: 'clouds over a valley', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 4 };

let sim: Simulator;
const harnesses: EngineHarness[] = [];
before(async () => {
  sim = await startSimulator({ queuedMs: 100, processingMs: 200 });
});
afterEach(() => {
  sim.clearFaults();
  for (const h of harnesses.splice(0)) h.dispose();
});
after(() => sim.close());

function engine(over: Partial<HarnessOptions> = {}): EngineHarness {
  const h = makeEngine({ baseUrl: sim.url, ...over, settings: { pollBaseMs: BASE, autoDownload: false, ...over.settings } });
  harnesses.push(h);
  return h;
}

async function created(h: EngineHarness, prompt = SETTINGS.prompt): Promise<Task> {
  const o = await h.engine.submit({ ...SETTINGS, prompt });
  assert.equal(o.kind, 'created', JSON.stringify(o));
  if (o.kind !== 'created') throw new Error('unreachable');
  return o.task;
}

const finalOf = (h: EngineHarness, localId: string) =>
  waitFor(() => {
    const t = h.store.get(localId);
    return t && (t.phase === 'completed' || t.phase === 'failed') ? t : undefined;
  }, `task ${localId} to finish`, 20_000);

/** A memento holding active tasks that are due for a check right away. */
function mementoWith(remoteIds: string[]): { memento: MemoryMemento; tasks: Task[] } {
  const tasks = remoteIds.map((remoteId) => makeTask({ remoteId, phase: 'active', status: 'queued', createdAt: Date.now() - 3_600_000 }));
  return { memento: new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks } }), tasks };
}

describe('polling', () => {
  test('a created task goes queued → completed, then is never asked about again', async () => {
    const h = engine();
    h.engine.start();
    const statuses: string[] = [];
    h.store.onDidChange(() => {
      const s = h.store.all()[0]?.status;
      if (s && statuses.at(-1) !== s) statuses.push(s);
    });
    const t = await created(h);
    const done = await finalOf(h, t.localId);
    assert.equal(done.phase, 'completed');
    assert.equal(done.status, 'completed');
    assert.equal(done.videoUrl, `${sim.origin}/files/${t.remoteId}.mp4`);
    assert.equal(done.actualDuration, 4);
    assert.equal(done.amount, 0.4);
    assert.ok(done.completedAt && done.completedAt >= t.createdAt);
    assert.deepEqual(statuses.slice(0, 2), ['sending', 'queued'], 'the draft, then the create reply');
    assert.equal(statuses.at(-1), 'completed');
    assert.deepEqual(h.finals.map((f) => f.localId), [t.localId], 'reported final once');
    const asked = queryTimes(sim, t.remoteId!).length;
    assert.ok(asked >= 1);
    await sleep(BASE * 12);
    assert.equal(queryTimes(sim, t.remoteId!).length, asked, 'no query after the final state');
    // The first check waits 8 × base after creation; never earlier.
    assert.ok(queryTimes(sim, t.remoteId!)[0] - t.createdAt >= 8 * BASE - 5);
  });

  test('[fail]: ends failed with the service error text', async () => {
    const h = engine();
    h.engine.start();
    const t = await created(h, 'a riot [fail]');
    const done = await finalOf(h, t.localId);
    assert.equal(done.phase, 'failed');
    assert.equal(done.error, 'Content policy violation: the prompt was rejected');
    assert.equal(h.finals.length, 1);
  });

  test('[nourl]: completed without a URL ends failed with a message', async () => {
    const h = engine();
    h.engine.start();
    const t = await created(h, 'a sunset [nourl]');
    const done = await finalOf(h, t.localId);
    assert.equal(done.phase, 'failed');
    assert.match(done.error ?? '', /no video URL/);
    assert.equal(done.videoUrl, undefined);
  });

  test('query faults (500, dropped, malformed) back off, keep the message, then recover', async () => {
    const h = engine();
    sim.fault('query', { kind: 'status', status: 500, body: '{"message":"db down"}' });
    sim.fault('query', { kind: 'drop' });
    sim.fault('query', { kind: 'malformed' });
    const seen: Array<{ errors: number; lastError?: string }> = [];
    h.store.onDidChange(() => {
      const p = h.store.all()[0]?.poll;
      if (p && p.errors > 0) seen.push({ errors: p.errors, lastError: p.lastError });
    });
    h.engine.start();
    const t = await created(h);
    const done = await finalOf(h, t.localId);
    assert.equal(done.phase, 'completed', 'recovered');
    assert.equal(done.poll.errors, 0);
    assert.equal(done.poll.lastError, undefined);
    assert.deepEqual([...new Set(seen.map((s) => s.errors))], [1, 2, 3]);
    assert.match(seen.find((s) => s.errors === 1)!.lastError!, /HTTP 500 .*db down/);
    assert.match(seen.find((s) => s.errors === 2)!.lastError!, /was lost/);
    assert.match(seen.find((s) => s.errors === 3)!.lastError!, /could not be understood/);
    // Backoff: after the n-th consecutive error the next query waits at least base × 2^n.
    const times = queryTimes(sim, t.remoteId!);
    assert.ok(times.length >= 4, `${times.length} queries`);
    for (let n = 1; n <= 3; n++) {
      const gap = times[n] - times[n - 1];
      assert.ok(gap >= BASE * 2 ** n - 5, `gap after error ${n} was ${gap} ms`);
    }
  });

  test('429 on a query: the Retry-After wait is honoured', async () => {
    const h = engine();
    sim.fault('query', { kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    h.engine.start();
    const t = await created(h);
    await finalOf(h, t.localId);
    const times = queryTimes(sim, t.remoteId!);
    assert.ok(times[1] - times[0] >= 990, `waited only ${times[1] - times[0]} ms`);
  });

  test('no key: polling pauses with zero queries; a key resumes it', async () => {
    const id = await createOnSim(sim);
    const { memento, tasks } = mementoWith([id]);
    const h = engine({ apiKey: undefined, memento });
    const q0 = countOf(sim, 'query');
    h.engine.start();
    await waitFor(() => h.engine.poller.isPaused, 'the poller to pause');
    await sleep(BASE * 10);
    assert.equal(countOf(sim, 'query'), q0, 'no query without a key');
    assert.equal(h.store.get(tasks[0].localId)?.phase, 'active', 'state kept');
    h.key.value = 'sim-key';
    h.engine.settingsChanged();
    const done = await finalOf(h, tasks[0].localId);
    assert.equal(done.phase, 'completed');
  });

  test('many tasks: never more than 4 queries in flight at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await createOnSim(sim, `task ${i}`));
    await sleep(350); // all finished at the service: one check each completes them
    const proxy = await startCountingProxy(sim.origin);
    try {
      sim.fault('query', { kind: 'delay', ms: 300 }, 10);
      const { memento, tasks } = mementoWith(ids);
      const h = engine({ baseUrl: `${proxy.origin}/kyyReactApiServer`, memento });
      h.engine.start();
      for (const t of tasks) assert.equal((await finalOf(h, t.localId)).phase, 'completed');
      assert.equal(proxy.total, 10, 'one query per task');
      assert.ok(proxy.maxActive <= 4, `${proxy.maxActive} queries were in flight at once`);
      assert.ok(proxy.maxActive >= 2, 'queries do run side by side');
    } finally {
      await proxy.close();
    }
  });

  test('a hung query times out (sora.requestTimeoutSeconds) and never holds up the other tasks', async () => {
    const ids = [await createOnSim(sim, 'one'), await createOnSim(sim, 'two'), await createOnSim(sim, 'three')];
    await sleep(350); // finished at the service: one good answer completes each
    sim.fault('query', { kind: 'hang' });
    const { memento, tasks } = mementoWith(ids);
    const TIMEOUT = 1_500;
    const h = engine({ memento, settings: { timeoutMs: TIMEOUT } });
    const t0 = Date.now();
    h.engine.start();
    // Two of the three complete while the third query hangs.
    const others = await waitFor(() => {
      const done = tasks.filter((t) => h.store.get(t.localId)?.phase === 'completed');
      return done.length === 2 ? done : undefined;
    }, 'the other tasks to complete');
    assert.ok(Date.now() - t0 < TIMEOUT, `the others finished only after ${Date.now() - t0} ms`);
    const hung = tasks.find((t) => !others.includes(t))!;
    assert.equal(h.store.get(hung.localId)?.phase, 'active');
    // Then the hung check gives up, is counted as an error, and a later check completes the task.
    const failedCheck = await waitFor(() => h.store.get(hung.localId)?.poll.lastError, 'the timeout to be recorded');
    assert.match(failedCheck, /did not answer in time/);
    assert.ok(Date.now() - t0 >= TIMEOUT - 50);
    assert.equal((await finalOf(h, hung.localId)).phase, 'completed');
  });

  test('a setting that breaks the URL: polling logs it and carries on once fixed', async () => {
    const id = await createOnSim(sim);
    const { memento, tasks } = mementoWith([id]);
    const h = engine({ memento, settings: { queryPath: '/v1/result/' } });
    const q0 = countOf(sim, 'query');
    h.engine.start();
    await waitFor(() => h.log.lines.some((l) => l.includes('polling skipped') && l.includes('sora.queryPath')), 'the log line');
    assert.equal(countOf(sim, 'query'), q0);
    h.settings.queryPath = '/v1/result/{id}';
    h.engine.settingsChanged();
    assert.equal((await finalOf(h, tasks[0].localId)).phase, 'completed');
  });
});

describe('tasks that need attention', () => {
  test('a task the service does not know (404 on every check): three checks, then none until Check Again', async () => {
    const { memento, tasks } = mementoWith(['sora_not_made_yet']);
    const h = engine({ memento });
    h.engine.start();
    await waitFor(() => attentionOf(h.store.get(tasks[0].localId)!) === 'refused', 'the task to need attention');
    const asked = queryTimes(sim, 'sora_not_made_yet').length;
    assert.equal(asked, REFUSED_CHECKS_LIMIT);
    await sleep(BASE * 40);
    assert.equal(queryTimes(sim, 'sora_not_made_yet').length, asked, 'no more checks by itself');
    assert.match(h.store.get(tasks[0].localId)!.poll.lastError ?? '', /HTTP 404 .*task not found/);
    // The task turns up at the service (a slow gateway, a fixed query path): Check Again finds it.
    await createOnSim(sim, 'late [id:sora_not_made_yet]');
    h.engine.poller.pollSoon(tasks[0].localId);
    assert.equal((await finalOf(h, tasks[0].localId)).phase, 'completed');
  });

  test('a wrong key (401 on every check): needs attention; with the key fixed, Check Again resumes polling', async () => {
    const h = engine({ apiKey: 'not-the-key' });
    h.engine.start();
    const id = await createOnSim(sim, 'wrong key');
    const task = await h.engine.track(id);
    await waitFor(() => attentionOf(h.store.get(task.localId)!) === 'refused', 'the task to need attention');
    assert.equal(h.store.get(task.localId)!.poll.refused?.status, 401);
    await sleep(BASE * 40);
    assert.equal(queryTimes(sim, id).length, REFUSED_CHECKS_LIMIT);
    h.key.value = sim.apiKey;
    h.engine.poller.pollSoon(task.localId);
    assert.equal((await finalOf(h, task.localId)).phase, 'completed');
  });
});
