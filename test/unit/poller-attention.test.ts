// Tasks the poller stops checking by itself (lifecycle.ts attentionOf): refused checks in a row, and
// tasks still running a day after they were created. The user can still check them by hand.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Poller, type QueryClient } from '../../src/engine/poller';
import type { TaskStore } from '../../src/persistence/repository';
import { ApiError } from '../../src/domain/errors';
import { attentionOf, needsWork, REFUSED_CHECKS_LIMIT } from '../../src/domain/lifecycle';
import { STOP_POLLING_AFTER_MS } from '../../src/domain/schedule';
import type { TaskSnapshot } from '../../src/http/schemas';
import type { Task } from '../../src/domain/task';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import { sleep, waitFor } from '../helpers/wait';

const BASE = 20;

/** Answers each query with the next of `answers` (the last one repeats); an Error is thrown. */
function client(answers: Array<Error | string>): QueryClient & { calls: number } {
  const c = {
    calls: 0,
    query(id: string): Promise<TaskSnapshot> {
      const a = answers[Math.min(c.calls, answers.length - 1)];
      c.calls++;
      if (a instanceof Error) return Promise.reject(a);
      const state = a === 'completed' || a === 'failed' || a === 'queued' || a === 'processing' ? a : 'other';
      return Promise.resolve({ id, status: a, state, videoUrl: a === 'completed' ? 'https://v/x.mp4' : undefined });
    },
  };
  return c;
}

const refused = (status: number) => new ApiError('http', 'query', 'https://api.example/v1/result/r1', 'no', status);

const live: Poller[] = [];
afterEach(() => {
  for (const p of live.splice(0)) p.dispose();
});

async function rig(task: Task, c: QueryClient): Promise<{ store: TaskStore; poller: Poller; log: MemoryLog; finals: Task[] }> {
  const log = new MemoryLog();
  const store = openStore(new MemoryMemento(), log);
  await store.put(task);
  const finals: Task[] = [];
  const poller = new Poller({ store, log, baseMs: () => BASE, getClient: () => Promise.resolve(c), random: () => 0, onFinal: (t) => finals.push(t) });
  live.push(poller);
  return { store, poller, log, finals };
}

/** At the service, its first check due now. */
const due = (over: Partial<Task> = {}): Task => makeTask({ remoteId: 'r1', phase: 'active', createdAt: Date.now() - 3_600_000, ...over });

describe('refused checks', () => {
  for (const status of [401, 403, 404]) {
    test(`HTTP ${status} on ${REFUSED_CHECKS_LIMIT} checks in a row: no longer checked automatically, until the user checks it`, async () => {
      const c = client([refused(status), refused(status), refused(status), 'processing', 'completed']);
      const r = await rig(due(), c);
      r.poller.resume();
      await waitFor(() => c.calls === REFUSED_CHECKS_LIMIT, 'three refused checks');
      // Unchecked, the backoff after three errors is 8 × BASE at most: wait well past it.
      await sleep(BASE * 30);
      assert.equal(c.calls, REFUSED_CHECKS_LIMIT, 'not checked again by itself');
      const t = r.store.all()[0];
      assert.equal(attentionOf(t), 'refused');
      assert.deepEqual(t.poll.refused, { status, count: REFUSED_CHECKS_LIMIT });
      assert.equal(t.phase, 'active', 'still unfinished');
      assert.equal(needsWork(t, { autoDownload: true }), false, 'start-up does not start the engine for it');
      assert.ok(r.log.lines.some((l) => l.includes('needs attention') && l.includes(`HTTP ${status}`)), r.log.lines.join('\n'));

      r.poller.pollSoon(t.localId); // Check Again
      await waitFor(() => r.finals.length === 1, 'the check asked for, then automatic polling to finish the task');
      assert.equal(c.calls, REFUSED_CHECKS_LIMIT + 2, 'the success resumed automatic polling');
      assert.equal(r.store.all()[0].poll.refused, undefined);
    });
  }

  test('only answers in a row count: another status or no answer breaks the row', async () => {
    const lost = new ApiError('lost', 'query', 'u', 'ECONNRESET');
    const c = client([refused(401), refused(401), new ApiError('http', 'query', 'u', 'busy', 503), refused(401), refused(401), lost, refused(401), refused(401), 'completed']);
    const r = await rig(due(), c);
    r.poller.resume();
    await waitFor(() => r.finals.length === 1, 'the task to complete', 20_000);
    assert.equal(c.calls, 9);
  });

  test('a refused check the user asked for counts, and leaves the task needing attention', async () => {
    const c = client([refused(401)]);
    const r = await rig(due({ poll: { errors: 3, lastAt: Date.now() - 60_000, refused: { status: 401, count: REFUSED_CHECKS_LIMIT } } }), c);
    r.poller.resume();
    await sleep(BASE * 10);
    assert.equal(c.calls, 0, 'a stored task needing attention is not checked at start');
    r.poller.refresh();
    await waitFor(() => c.calls === 1, 'the refresh');
    await sleep(BASE * 20);
    assert.equal(c.calls, 1);
    assert.deepEqual(r.store.all()[0].poll.refused, { status: 401, count: REFUSED_CHECKS_LIMIT + 1 });
  });
});

describe('tasks running far too long', () => {
  test(`a check ${STOP_POLLING_AFTER_MS / 3_600_000} h after creation that finds it running stops automatic checks; Refresh still asks`, async () => {
    const c = client(['processing', 'processing', 'completed']);
    const r = await rig(due({ createdAt: Date.now() - STOP_POLLING_AFTER_MS - 60_000 }), c);
    r.poller.resume();
    await waitFor(() => c.calls === 1, 'the first check');
    await sleep(BASE * 20);
    assert.equal(c.calls, 1, 'not checked again by itself');
    assert.equal(attentionOf(r.store.all()[0]), 'overdue');
    r.poller.refresh();
    await waitFor(() => c.calls === 2, 'the refresh');
    await sleep(BASE * 20);
    assert.equal(c.calls, 2, 'still running: still not checked by itself');
    r.poller.pollSoon(r.store.all()[0].localId);
    await waitFor(() => r.finals.length === 1, 'Check Again to find it completed');
  });

  test('a check before the day is out keeps the normal schedule', async () => {
    const c = client(['processing']);
    const r = await rig(due({ createdAt: Date.now() - STOP_POLLING_AFTER_MS + 3_600_000 }), c);
    r.poller.resume();
    await waitFor(() => c.calls >= 3, 'checks on the normal schedule');
    assert.equal(attentionOf(r.store.all()[0]), undefined);
  });
});
