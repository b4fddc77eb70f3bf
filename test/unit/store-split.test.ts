// The task store's two keys (src/tasks/store.ts): finished tasks live under ARCHIVE_KEY so a running
// task's change does not rewrite the whole history.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARCHIVE_KEY, STORE_KEY, STORE_VERSION, TaskStore } from '../../src/tasks/store';
import { hasPendingWork } from '../../src/boot/pending';
import type { Task } from '../../src/tasks/model';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../helpers/memento';
import { makeTask } from '../helpers/tasks';

const noSync = { syncMs: 0 };
const done = (over: Partial<Task> = {}): Task => makeTask({ phase: 'completed', status: 'completed', download: { state: 'done', attempts: 1, path: '/v.mp4' }, ...over });
const ids = (m: MemoryMemento, key: string): string[] => (m.get<{ tasks: Task[] }>(key)?.tasks ?? []).map((t) => t.localId).sort();

describe('TaskStore split layout', () => {
  test('an old single-key value (version 1 and 2) is read and migrated on the next write', async () => {
    for (const version of [1, 2]) {
      const finished = done({ createdAt: 1 });
      const failed = makeTask({ phase: 'failed', status: 'failed', createdAt: 2 });
      const running = makeTask({ phase: 'active', createdAt: 3 });
      const m = new MemoryMemento({ [STORE_KEY]: { version, tasks: [finished, failed, running] } });
      const s = new TaskStore(m, new MemoryLog(), noSync);
      assert.deepEqual(s.all().map((t) => t.localId), [running.localId, failed.localId, finished.localId]);
      await s.update(running.localId, (t) => ({ ...t, status: 'processing' }));
      assert.deepEqual(ids(m, STORE_KEY), [running.localId]);
      assert.deepEqual(ids(m, ARCHIVE_KEY), [finished.localId, failed.localId].sort());
      assert.equal(m.get<{ version: number }>(STORE_KEY)?.version, STORE_VERSION);
      assert.deepEqual(new TaskStore(m, new MemoryLog(), noSync).all().map((t) => t.localId), s.all().map((t) => t.localId));
    }
  });

  test('a running task’s change and a new task write only the short key; finishing one writes both', async () => {
    const history = Array.from({ length: 5 }, (_, i) => done({ createdAt: i }));
    const running = makeTask({ phase: 'active', createdAt: 10 });
    const m = new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [running], removed: {} }, [ARCHIVE_KEY]: { version: STORE_VERSION, tasks: history } });
    const s = new TaskStore(m, new MemoryLog(), noSync);
    await s.update(running.localId, (t) => ({ ...t, status: 'processing' }));
    await s.put(makeTask({ phase: 'submitting', createdAt: 11 }));
    assert.deepEqual(m.writes.map((w) => w.key), [STORE_KEY, STORE_KEY]);
    await s.update(running.localId, (t) => ({ ...t, phase: 'completed', status: 'completed', download: { state: 'done', attempts: 1, path: '/r.mp4' } }));
    assert.deepEqual(m.writes.slice(2).map((w) => w.key).sort(), [ARCHIVE_KEY, STORE_KEY].sort());
    assert.ok(ids(m, ARCHIVE_KEY).includes(running.localId));
    assert.ok(!ids(m, STORE_KEY).includes(running.localId));
  });

  test('newest first across both keys', () => {
    const a = done({ createdAt: 5 });
    const b = makeTask({ phase: 'active', createdAt: 3 });
    const c = done({ createdAt: 9 });
    const d = makeTask({ phase: 'active', createdAt: 7 });
    const m = new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [b, d] }, [ARCHIVE_KEY]: { version: STORE_VERSION, tasks: [a, c] } });
    assert.deepEqual(new TaskStore(m, new MemoryLog(), noSync).all().map((t) => t.createdAt), [9, 7, 5, 3]);
  });

  test('removal works on an archived task, and the removal sticks across windows', async () => {
    const a = done();
    const b = makeTask({ phase: 'active' });
    const m = new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [b] }, [ARCHIVE_KEY]: { version: STORE_VERSION, tasks: [a] } });
    const s = new TaskStore(m, new MemoryLog(), noSync);
    const other = new TaskStore(m, new MemoryLog(), noSync);
    await s.remove([a.localId]);
    assert.deepEqual(ids(m, ARCHIVE_KEY), []);
    other.sync();
    assert.equal(other.get(a.localId), undefined);
    assert.ok(other.get(b.localId));
  });

  test('another window’s write to either key is merged in', async () => {
    const a = makeTask({ phase: 'active', updatedAt: 10 });
    const m = new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [a] } });
    const s = new TaskStore(m, new MemoryLog(), noSync);
    // The other window finished `a` (archive) and added `b` (short list) in the meantime.
    const finishedA = { ...a, phase: 'completed', status: 'completed', updatedAt: 20, download: { state: 'done', attempts: 1, path: '/a.mp4' } } as Task;
    const b = makeTask({ phase: 'active' });
    m.values.set(ARCHIVE_KEY, JSON.parse(JSON.stringify({ version: STORE_VERSION, tasks: [finishedA] })));
    m.values.set(STORE_KEY, JSON.parse(JSON.stringify({ version: STORE_VERSION, tasks: [b], removed: {} })));
    const c = makeTask({ phase: 'submitting' });
    await s.put(c);
    assert.equal(s.get(a.localId)?.phase, 'completed');
    assert.deepEqual(ids(m, STORE_KEY), [b.localId, c.localId].sort());
    assert.deepEqual(ids(m, ARCHIVE_KEY), [a.localId]);
  });

  test('a stale copy under the short key does not undo a newer archived one', () => {
    const a = makeTask({ phase: 'active', updatedAt: 10 });
    const finishedA = { ...a, phase: 'completed', status: 'completed', updatedAt: 20, download: { state: 'done', attempts: 1, path: '/a.mp4' } } as Task;
    const m = new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [a] }, [ARCHIVE_KEY]: { version: STORE_VERSION, tasks: [finishedA] } });
    assert.equal(new TaskStore(m, new MemoryLog(), noSync).get(a.localId)?.phase, 'completed');
  });

  test('corrupt entries in either key are skipped with a log line', () => {
    const a = makeTask({ phase: 'active' });
    const b = done();
    const log = new MemoryLog();
    const m = new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [a, { phase: 7 }] }, [ARCHIVE_KEY]: { version: STORE_VERSION, tasks: [null, b] } });
    const s = new TaskStore(m, log, noSync);
    assert.deepEqual(s.all().map((t) => t.localId).sort(), [a.localId, b.localId].sort());
    assert.ok(log.lines.some((l) => l.includes('unreadable stored task #1')), log.lines.join('\n'));
    assert.ok(log.lines.some((l) => l.includes('unreadable archived task #0')), log.lines.join('\n'));
    const junk = new MemoryLog();
    assert.deepEqual(new TaskStore(new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [a] }, [ARCHIVE_KEY]: 'junk' }), junk, noSync).all().length, 1);
    assert.ok(junk.lines.some((l) => l.includes('task archive is not readable')), junk.lines.join('\n'));
  });

  test('pending work is found in the short key alone, as activation reads it', async () => {
    const m = new MemoryMemento({});
    const s = new TaskStore(m, new MemoryLog(), noSync);
    await s.put(done());
    await s.put(makeTask({ phase: 'failed', status: 'failed' }));
    assert.equal(hasPendingWork(m.get(STORE_KEY)), false);
    await s.put(done({ download: { state: 'pending', attempts: 0 } }));
    assert.equal(hasPendingWork(m.get(STORE_KEY)), true, 'a completed task still to download is pending work');
    const running = makeTask({ phase: 'active' });
    const m2 = new MemoryMemento({ [ARCHIVE_KEY]: { version: STORE_VERSION, tasks: [done()] } });
    const s2 = new TaskStore(m2, new MemoryLog(), noSync);
    await s2.put(running);
    assert.equal(hasPendingWork(m2.get(STORE_KEY)), true);
  });
});
