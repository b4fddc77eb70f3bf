// The poller's scheduling and bookkeeping (src/engine/poller.ts) against a fake client: no network.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applySnapshot, Poller, type PollerDeps, type QueryClient } from '../../src/engine/poller';
import type { TaskStore } from '../../src/persistence/repository';
import { ApiError } from '../../src/domain/errors';
import { SettingsError } from '../../src/domain/endpoints';
import type { TaskSnapshot } from '../../src/http/schemas';
import type { Task } from '../../src/domain/task';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import { sleep, waitFor } from '../helpers/wait';

const BASE = 20;

class FakeClient implements QueryClient {
  calls: string[] = [];
  active = 0;
  maxActive = 0;
  constructor(public answer: (id: string) => Promise<TaskSnapshot> | TaskSnapshot) {}
  async query(id: string): Promise<TaskSnapshot> {
    this.calls.push(id);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      return await this.answer(id);
    } finally {
      this.active--;
    }
  }
}

const snap = (id: string, status: string, extra: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  id,
  status,
  state: status === 'completed' || status === 'failed' || status === 'queued' || status === 'processing' ? status : 'other',
  ...extra,
});

/** An active task whose first check is due now (created long enough ago). */
const due = (remoteId: string, over: Partial<Task> = {}): Task => makeTask({ remoteId, phase: 'active', createdAt: Date.now() - 3_600_000, ...over });

interface Rig {
  store: TaskStore;
  poller: Poller;
  log: MemoryLog;
  finals: Task[];
  clientCalls: { n: number };
}

/** Every poller a test made is disposed afterwards, even when the test fails half-way. */
const live: Poller[] = [];
afterEach(() => {
  for (const p of live.splice(0)) p.dispose();
});

async function rig(tasks: Task[], client: () => Promise<QueryClient | undefined>, over: Partial<PollerDeps> = {}): Promise<Rig> {
  const log = new MemoryLog();
  const store = openStore(new MemoryMemento(), log);
  for (const t of tasks) await store.put(t);
  const finals: Task[] = [];
  const clientCalls = { n: 0 };
  const poller = new Poller({
    store,
    log,
    baseMs: () => BASE,
    getClient: () => {
      clientCalls.n++;
      return client();
    },
    random: () => 0,
    onFinal: (t) => finals.push(t),
    ...over,
  });
  live.push(poller);
  return { store, poller, log, finals, clientCalls };
}

describe('applySnapshot', () => {
  const t = makeTask({ phase: 'active', poll: { errors: 3, retryAfterMs: 5000, lastError: 'old' } });

  test('maps the service state to a phase, and resets the error count', () => {
    const n = applySnapshot(t, snap('r1', 'processing'), 1000);
    assert.equal(n.phase, 'active');
    assert.equal(n.status, 'processing');
    assert.equal(n.remoteId, 'r1');
    assert.deepEqual(n.poll, { errors: 0, lastAt: 1000 });
  });

  test('an unknown status stays active and keeps the raw word', () => {
    const n = applySnapshot(t, snap('r1', 'moderating'), 1);
    assert.equal(n.phase, 'active');
    assert.equal(n.status, 'moderating');
  });

  test('completed keeps URL, duration, amount and sets completedAt once', () => {
    const n = applySnapshot(t, snap('r1', 'completed', { videoUrl: 'https://v/x.mp4', actualDuration: 8, amount: 0.8 }), 500);
    assert.deepEqual([n.phase, n.videoUrl, n.actualDuration, n.amount, n.completedAt], ['completed', 'https://v/x.mp4', 8, 0.8, 500]);
    assert.equal(applySnapshot(n, snap('r1', 'completed', { videoUrl: 'https://v/x.mp4' }), 900).completedAt, 500);
  });

  test('failed keeps the service error; an existing remote id is never replaced', () => {
    const n = applySnapshot({ ...t, remoteId: 'mine' }, snap('other', 'failed', { error: 'policy' }), 1);
    assert.deepEqual([n.phase, n.error, n.remoteId], ['failed', 'policy', 'mine']);
  });
});

describe('Poller', () => {
  test('polls an active task, stops after it completes, and reports it final once', async () => {
    let n = 0;
    const client = new FakeClient((id) => (++n < 3 ? snap(id, 'processing') : snap(id, 'completed', { videoUrl: 'https://v/1.mp4' })));
    const r = await rig([due('r1')], async () => client);
    r.poller.resume();
    await waitFor(() => r.finals.length === 1, 'the task to complete');
    const calls = client.calls.length;
    await sleep(BASE * 10);
    assert.equal(client.calls.length, calls, 'no more queries after the final state');
    assert.equal(calls, 3);
    assert.equal(r.finals.length, 1);
    assert.equal(r.store.all()[0].phase, 'completed');
    r.poller.dispose();
  });

  test('tasks that are not active or have no remote id are never polled', async () => {
    const client = new FakeClient((id) => snap(id, 'processing'));
    const tasks = [
      due('done', { phase: 'completed' }),
      due('failed', { phase: 'failed' }),
      due('unknown', { phase: 'unknown' }),
      makeTask({ phase: 'submitting', createdAt: 0 }),
      makeTask({ phase: 'active', remoteId: undefined, createdAt: 0 }),
    ];
    const r = await rig(tasks, async () => client);
    r.poller.resume();
    r.poller.refresh();
    await sleep(BASE * 10);
    assert.deepEqual(client.calls, []);
    r.poller.dispose();
  });

  test('the first check of a new task waits for the first-poll delay', async () => {
    const calledAt: number[] = [];
    const client = new FakeClient((id) => {
      calledAt.push(Date.now());
      return snap(id, 'queued');
    });
    const createdAt = Date.now();
    const r = await rig([makeTask({ remoteId: 'young', phase: 'active', createdAt })], async () => client);
    r.poller.resume();
    await waitFor(() => calledAt.length > 0, 'the first check');
    assert.ok(calledAt[0] - createdAt >= 8 * BASE - 2, `first check after ${calledAt[0] - createdAt} ms`);
  });

  test('without a key it pauses: no query, state kept; resume picks up again', async () => {
    let key = false;
    const client = new FakeClient((id) => snap(id, 'completed', { videoUrl: 'https://v/x.mp4' }));
    const r = await rig([due('r1')], async () => (key ? client : undefined));
    r.poller.resume();
    await waitFor(() => r.poller.isPaused, 'the poller to pause');
    const asked = r.clientCalls.n;
    await sleep(BASE * 10);
    assert.equal(r.clientCalls.n, asked, 'a paused poller does not keep asking for a client');
    assert.deepEqual(client.calls, []);
    assert.equal(r.store.all()[0].phase, 'active');
    assert.ok(r.log.lines.some((l) => l.includes('polling paused: no API key')));
    key = true;
    r.poller.resume();
    assert.equal(r.poller.isPaused, false);
    await waitFor(() => r.finals.length === 1, 'the task to complete after resume');
    r.poller.dispose();
  });

  test('bad settings: logged, and tried again a base interval later', async () => {
    let fixed = false;
    const client = new FakeClient((id) => snap(id, 'completed', { videoUrl: 'https://v/x.mp4' }));
    const r = await rig([due('r1')], async () => {
      if (!fixed) throw new SettingsError('The setting sora.baseUrl is not a valid URL: "x".');
      return client;
    });
    r.poller.resume();
    await waitFor(() => r.clientCalls.n >= 2, 'a second attempt');
    assert.ok(r.log.lines.some((l) => l.startsWith('warn polling skipped: The setting sora.baseUrl')), r.log.lines.join('\n'));
    assert.equal(r.poller.isPaused, false);
    fixed = true;
    await waitFor(() => r.finals.length === 1, 'completion once the settings are fixed');
    r.poller.dispose();
  });

  test('a failed check counts, keeps the message, backs off, and a success resets it', async () => {
    let n = 0;
    const client = new FakeClient((id) => {
      n++;
      if (n === 1) throw new ApiError('http', 'query', 'u', 'busy', 503);
      if (n === 2) throw new ApiError('http', 'query', 'u', 'slow down', 429, 150);
      return snap(id, n < 4 ? 'processing' : 'completed', { videoUrl: 'https://v/x.mp4' });
    });
    const r = await rig([due('r1')], async () => client);
    const seen: Task['poll'][] = [];
    r.store.onDidChange(() => seen.push(r.store.all()[0].poll));
    r.poller.resume();
    await waitFor(() => r.finals.length === 1, 'completion after errors');
    assert.equal(seen.find((p) => p.errors === 1)?.lastError, new ApiError('http', 'query', 'u', 'busy', 503).message);
    assert.equal(seen.find((p) => p.errors === 1)?.retryAfterMs, undefined, 'only a 429 carries Retry-After');
    assert.equal(seen.find((p) => p.errors === 2)?.retryAfterMs, 150);
    assert.deepEqual(r.store.all()[0].poll.errors, 0);
    assert.equal(r.store.all()[0].poll.lastError, undefined);
    r.poller.dispose();
  });

  test('never more queries in flight than the cap, and no busy loop while the cap is reached', async () => {
    const gates: Array<() => void> = [];
    const client = new FakeClient(
      (id) => new Promise<TaskSnapshot>((resolve) => gates.push(() => resolve(snap(id, 'completed', { videoUrl: 'https://v/x.mp4' })))),
    );
    const tasks = Array.from({ length: 7 }, (_, i) => due(`r${i}`));
    const r = await rig(tasks, async () => client, { maxInFlight: 2 });
    r.poller.resume();
    await waitFor(() => client.active === 2, 'two checks in flight');
    const asked = r.clientCalls.n;
    await sleep(200);
    assert.equal(client.active, 2);
    assert.ok(r.clientCalls.n - asked <= 2, `the poller spun ${r.clientCalls.n - asked} times while every slot was busy`);
    while (r.finals.length < 7) {
      await waitFor(() => gates.length > 0, 'a check to release');
      gates.shift()!();
      await sleep(5);
    }
    assert.equal(client.maxActive, 2);
    assert.equal(client.calls.length, 7);
    r.poller.dispose();
  });

  test('refresh checks now, but never sooner than a base interval after the last check', async () => {
    const client = new FakeClient((id) => snap(id, 'processing'));
    const recent = due('recent', { poll: { errors: 0, lastAt: Date.now() + 60_000 } });
    const stale = due('stale', { poll: { errors: 0, lastAt: Date.now() - 60_000 }, createdAt: Date.now() - 10 });
    const r = await rig([recent, stale], async () => client, { baseMs: () => 30_000 });
    r.poller.resume();
    await sleep(50);
    assert.deepEqual(client.calls, [], 'neither is due by the schedule yet');
    r.poller.refresh();
    await waitFor(() => client.calls.length > 0, 'the refreshed check');
    await sleep(50);
    assert.deepEqual(client.calls, ['stale']);
    r.poller.dispose();
  });

  test('following (another window leads): nothing by itself, each task once on request, all again when leading', async () => {
    const client = new FakeClient((id) => snap(id, 'processing'));
    const r = await rig([due('a'), due('b')], async () => client);
    r.poller.setLeading(false);
    r.poller.resume();
    await sleep(BASE * 5);
    assert.deepEqual(client.calls, [], 'a follower does not poll on its own');
    r.poller.refresh();
    await waitFor(() => client.calls.length === 2, 'the requested checks');
    await sleep(BASE * 6);
    assert.deepEqual([...client.calls].sort(), ['a', 'b'], 'once each, not rescheduled');
    r.poller.setLeading(true);
    await waitFor(() => client.calls.length >= 4, 'the schedule to resume');
  });

  test('never sooner than a base interval after another window\'s check of the task', async () => {
    const client = new FakeClient((id) => snap(id, 'processing'));
    const t = due('shared');
    const r = await rig([t], async () => client, { baseMs: () => 200 });
    r.poller.resume(); // due now
    // Before the timer fires, another window's check lands in the store.
    await r.store.update(t.localId, (cur) => ({ ...cur, poll: { errors: 0, lastAt: Date.now() } }));
    const at = Date.now();
    await waitFor(() => client.calls.length === 1, 'the check', 5_000);
    assert.ok(Date.now() - at >= 190, `asked again after ${Date.now() - at} ms`);
  });

  test('a task removed while its check is in flight stays removed', async () => {
    let release!: () => void;
    const client = new FakeClient((id) => new Promise<TaskSnapshot>((res) => (release = () => res(snap(id, 'completed', { videoUrl: 'https://v/x.mp4' })))));
    const t = due('r1');
    const r = await rig([t], async () => client);
    r.poller.resume();
    await waitFor(() => client.active === 1, 'the check to start');
    await r.store.remove([t.localId]);
    release();
    await sleep(50);
    assert.equal(r.store.get(t.localId), undefined);
    assert.equal(r.finals.length, 0);
    r.poller.dispose();
  });

  test('after dispose nothing is polled', async () => {
    const client = new FakeClient((id) => snap(id, 'processing'));
    const r = await rig([due('r1')], async () => client);
    r.poller.dispose();
    r.poller.resume();
    r.poller.refresh();
    await r.store.put(due('r2'));
    await sleep(100);
    assert.deepEqual(client.calls, []);
  });
});
