// The task store shared by several windows (src/persistence/repository.ts, stateTable.ts): what another window wrote is
// merged in, never overwritten, and removals stay removed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE_KEY, STORE_VERSION, TOMBSTONE_MS } from '../../src/persistence/repository';
import { mergeState, readState, type StoreState } from '../../src/persistence/stateTable';
import type { Task } from '../../src/domain/task';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import { waitFor } from '../helpers/wait';

const state = (tasks: Task[], removed: Array<[string, number]> = []): StoreState => ({
  tasks: new Map(tasks.map((t) => [t.localId, t])),
  removed: new Map(removed),
});
const noSync = { syncMs: 0 };
/** Another window's write, as VS Code delivers it: the value changes under us, no event. */
function otherWindowWrites(m: MemoryMemento, tasks: Task[], removed: Record<string, number> = {}): void {
  m.values.set(STORE_KEY, JSON.parse(JSON.stringify({ version: STORE_VERSION, tasks, removed })));
}

describe('mergeState', () => {
  test('per task the later updatedAt wins; equal times pick the same version in either order', () => {
    const a1 = makeTask({ updatedAt: 10, status: 'queued' });
    const a2 = { ...a1, updatedAt: 20, status: 'processing' };
    const b = makeTask({ updatedAt: 5 });
    const x = state([a1]);
    mergeState(x, state([a2, b]), 100);
    assert.equal(x.tasks.get(a1.localId)?.status, 'processing');
    assert.ok(x.tasks.get(b.localId));
    const y = state([a2]);
    mergeState(y, state([a1]), 100);
    assert.equal(y.tasks.get(a1.localId)?.status, 'processing', 'an older copy never wins');

    const tieA = { ...a1, updatedAt: 30, status: 'one' };
    const tieB = { ...a1, updatedAt: 30, status: 'two' };
    const p = state([tieA]);
    mergeState(p, state([tieB]), 100);
    const q = state([tieB]);
    mergeState(q, state([tieA]), 100);
    assert.deepEqual(p.tasks.get(a1.localId), q.tasks.get(a1.localId));
  });

  test('a tombstone beats any version of the task, even a newer one; old tombstones are dropped', () => {
    const a = makeTask({ updatedAt: 1_000 });
    const x = state([{ ...a, updatedAt: 5_000 }]);
    mergeState(x, state([], [[a.localId, 2_000]]), 3_000);
    assert.equal(x.tasks.has(a.localId), false);
    assert.equal(x.removed.get(a.localId), 2_000);
    mergeState(x, state([]), 2_000 + TOMBSTONE_MS + 1);
    assert.equal(x.removed.size, 0, 'a removal is remembered for a bounded time');
  });
});

describe('TaskStore with other windows', () => {
  test('a change re-reads first: another window\'s new task is kept, not overwritten', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog(), noSync);
    const mine = makeTask();
    await s.put(mine);
    const theirs = makeTask();
    otherWindowWrites(m, [theirs]); // written without knowing of `mine`
    await s.update(mine.localId, (t) => ({ ...t, status: 'processing' }));
    const saved = readState(m.get(STORE_KEY), new MemoryLog());
    assert.deepEqual([...saved.tasks.keys()].sort(), [mine.localId, theirs.localId].sort());
    assert.equal(saved.tasks.get(mine.localId)?.status, 'processing');
  });

  test('update applies to the other window\'s newer version of the task', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog(), noSync);
    const a = makeTask({ updatedAt: 1 });
    await s.put(a);
    otherWindowWrites(m, [{ ...a, updatedAt: Date.now() + 1_000, remoteId: 'sora_x', status: 'processing' }]);
    const u = await s.update(a.localId, (t) => ({ ...t, amount: 1 }));
    assert.equal(u?.remoteId, 'sora_x');
    assert.equal(u?.amount, 1);
    assert.ok(u.updatedAt > Date.now(), 'later than the version it changed');
  });

  test('a removal in another window removes the task here and is not undone by a later write here', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog(), noSync);
    const a = makeTask();
    const b = makeTask();
    await s.put(a);
    await s.put(b);
    otherWindowWrites(m, [b], { [a.localId]: Date.now() });
    let fired = 0;
    s.onDidChange(() => fired++);
    s.sync();
    assert.equal(fired, 1, 'listeners hear of it');
    assert.equal(s.get(a.localId), undefined);
    assert.equal(await s.update(a.localId, (t) => t), undefined);
    await s.put({ ...a, updatedAt: Date.now() + 10_000 });
    assert.equal(s.get(a.localId), undefined, 'a removed id is never put back');
    await s.update(b.localId, (t) => ({ ...t, status: 'processing' }));
    const saved = readState(m.get(STORE_KEY), new MemoryLog());
    assert.deepEqual([...saved.tasks.keys()], [b.localId]);
    assert.ok(saved.removed.has(a.localId));
  });

  test('a change that turns out to be moot still tells listeners what it merged in', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog(), noSync);
    const theirs = makeTask();
    otherWindowWrites(m, [theirs]);
    let fired = 0;
    s.onDidChange(() => fired++);
    assert.equal(await s.update('no-such-task', (t) => t), undefined);
    assert.equal(fired, 1);
    assert.ok(s.get(theirs.localId));
  });

  test('sync: an unchanged value costs nothing; a value lacking our tasks is written back once', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog(), noSync);
    const a = makeTask();
    await s.put(a);
    const writes = m.writes.length;
    s.sync();
    s.sync();
    assert.equal(m.writes.length, writes, 'nothing changed, nothing written');
    const theirs = makeTask();
    otherWindowWrites(m, [theirs]); // overwrote ours: it raced with our write
    s.sync();
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(m.writes.length, writes + 1);
    const saved = readState(m.get(STORE_KEY), new MemoryLog());
    assert.deepEqual([...saved.tasks.keys()].sort(), [a.localId, theirs.localId].sort());
    s.sync();
    assert.equal(m.writes.length, writes + 1, 'and then it is settled');
  });

  test('the periodic re-read picks up another window\'s write without being asked', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog(), { syncMs: 20 });
    const theirs = makeTask();
    let fired = 0;
    s.onDidChange(() => fired++);
    otherWindowWrites(m, [theirs]);
    // (The store's own timer does not keep a process alive; this wait does.)
    await waitFor(() => fired > 0, 'the store to notice');
    assert.ok(s.get(theirs.localId));
    s.dispose();
  });

  test('version 1 (no tombstones) is read and written back as the current version', async () => {
    const a = makeTask();
    const m = new MemoryMemento({ [STORE_KEY]: { version: 1, tasks: [a] } });
    const s = openStore(m, new MemoryLog(), noSync);
    assert.ok(s.get(a.localId));
    await s.remove([a.localId]);
    const raw = m.get<{ version: number; removed: Record<string, number> }>(STORE_KEY)!;
    assert.equal(raw.version, STORE_VERSION);
    assert.ok(a.localId in raw.removed);
  });
});
