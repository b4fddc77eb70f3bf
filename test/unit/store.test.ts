// The task store's API over VS Code's global state (src/persistence/repository.ts, stateTable.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE_KEY, STORE_VERSION, type TaskStore } from '../../src/persistence/repository';
import { readState } from '../../src/persistence/stateTable';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';

interface Stored {
  version: number;
  tasks: Array<{ localId: string; status?: string }>;
  removed?: Record<string, number>;
}
const stored = (m: MemoryMemento): Stored => m.get<Stored>(STORE_KEY)!;
const ids = (s: TaskStore): string[] => s.all().map((t) => t.localId);

describe('TaskStore', () => {
  test('put, update and remove are written through to the memento with the version', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog());
    const a = makeTask();
    await s.put(a);
    assert.equal(stored(m).version, STORE_VERSION);
    assert.deepEqual(stored(m).tasks.map((t) => t.localId), [a.localId]);

    const before = a.updatedAt;
    const u = await s.update(a.localId, (t) => ({ ...t, status: 'processing' }));
    assert.equal(u?.status, 'processing');
    assert.ok(u.updatedAt >= before);
    assert.equal(stored(m).tasks[0].status, 'processing');

    await s.remove([a.localId]);
    assert.equal(stored(m).version, STORE_VERSION);
    assert.deepEqual(stored(m).tasks, []);
    assert.deepEqual(Object.keys(stored(m).removed ?? {}), [a.localId], 'the removal is remembered for the other windows');
    assert.equal(m.writes.length, 3);
  });

  test('a new store reads back what an old one wrote', async () => {
    const m = new MemoryMemento();
    const log = new MemoryLog();
    const s1 = openStore(m, log);
    const a = makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_1', videoUrl: 'https://x/y.mp4', download: { state: 'done', attempts: 1, path: '/tmp/x.mp4' } });
    const b = makeTask({ phase: 'unknown', status: 'outcome unknown', error: 'lost' });
    await s1.put(a);
    await s1.put(b);
    const s2 = openStore(m, log);
    assert.deepEqual(s2.get(a.localId), a);
    assert.deepEqual(s2.get(b.localId), b);
    assert.equal(s2.findByRemoteId('sora_1')?.localId, a.localId);
    assert.equal(s2.findByRemoteId('nope'), undefined);
  });

  test('all() is newest first', async () => {
    const s = openStore(new MemoryMemento());
    const old = makeTask({ createdAt: 1000 });
    const mid = makeTask({ createdAt: 2000 });
    const young = makeTask({ createdAt: 3000 });
    for (const t of [mid, young, old]) await s.put(t);
    assert.deepEqual(ids(s), [young.localId, mid.localId, old.localId]);
  });

  test('corrupt entries are skipped with a log line; the rest are kept', () => {
    const good1 = makeTask();
    const good2 = makeTask();
    const m = new MemoryMemento({
      [STORE_KEY]: {
        version: 1,
        tasks: [good1, null, 'x', { ...makeTask(), phase: 'exploded' }, { ...makeTask(), settings: { prompt: 'p', model: 'gpt', aspectRatio: '16:9', seconds: 8 } }, good2, { ...good2, status: 'duplicate' }],
      },
    });
    const log = new MemoryLog();
    const s = openStore(m, log);
    assert.deepEqual(ids(s).sort(), [good1.localId, good2.localId].sort());
    assert.equal(s.get(good2.localId)?.status, good2.status, 'the first of two entries with one localId wins');
    const warnings = log.lines.filter((l) => l.startsWith('warn') && l.includes('skipping unreadable stored task'));
    assert.equal(warnings.length, 4, log.lines.join('\n'));
    assert.ok(warnings.some((l) => l.includes('#3') && l.includes('phase')), warnings.join('\n'));
    assert.ok(warnings.some((l) => l.includes('#4') && l.includes('settings.model')), warnings.join('\n'));
  });

  test('an unreadable value gives an empty list and an error line, and is kept until the next change', async () => {
    for (const raw of ['garbage', 42, { version: 1 }, { tasks: 'no' }, null]) {
      const m = new MemoryMemento({ [STORE_KEY]: raw });
      const log = new MemoryLog();
      const s = openStore(m, log);
      assert.deepEqual(s.all(), [], JSON.stringify(raw));
      assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes('not readable')), JSON.stringify(raw));
      assert.equal(m.writes.length, 0, 'nothing is overwritten just by reading');
    }
  });

  test('an empty memento is an empty list without complaint', () => {
    const log = new MemoryLog();
    assert.deepEqual(openStore(new MemoryMemento(), log).all(), []);
    assert.deepEqual(log.lines, []);
  });

  test('a newer version is read as far as it fits, with a warning', () => {
    const a = makeTask();
    const m = new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION + 1, tasks: [{ ...a, futureField: { x: 1 } }], other: true } });
    const log = new MemoryLog();
    const s = openStore(m, log);
    assert.deepEqual(ids(s), [a.localId]);
    assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes(`version ${STORE_VERSION + 1} is newer`)), log.lines.join('\n'));
  });

  test('writes are serialised: never two at once, and the last one holds the newest state', async () => {
    // The first write is slow, later ones fast: unserialised, an old snapshot would land last.
    const m = new MemoryMemento({}, { delayMs: (n) => (n === 0 ? 80 : n % 2 ? 5 : 0) });
    const s = openStore(m, new MemoryLog());
    const a = makeTask();
    const ops: Array<Promise<unknown>> = [s.put(a)];
    for (let i = 1; i <= 10; i++) ops.push(s.update(a.localId, (t) => ({ ...t, status: `step ${i}` })));
    await Promise.all(ops);
    assert.equal(m.maxActive, 1, 'one write at a time');
    assert.equal(m.writes.length, 11);
    assert.equal(stored(m).tasks[0].status, 'step 10');
    // Each write carries the state as of its call, in call order.
    assert.deepEqual(
      m.writes.slice(1).map((w) => (JSON.parse(w.json) as Stored).tasks[0].status),
      Array.from({ length: 10 }, (_, i) => `step ${i + 1}`),
    );
  });

  test('a failing write is logged and does not block later writes', async () => {
    const m = new MemoryMemento({}, { fail: (n) => n === 0 });
    const log = new MemoryLog();
    const s = openStore(m, log);
    const a = makeTask();
    await s.put(a); // resolves: the failure is logged, not thrown at the caller
    assert.ok(log.lines.some((l) => l.startsWith('error') && l.includes('could not save tasks')), log.lines.join('\n'));
    await s.update(a.localId, (t) => ({ ...t, status: 'processing' }));
    assert.equal(stored(m).tasks[0].status, 'processing');
  });

  test('a removed task stays removed: a late update does not bring it back', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog());
    const a = makeTask();
    await s.put(a);
    await s.remove([a.localId]);
    let called = false;
    const r = await s.update(a.localId, (t) => {
      called = true;
      return { ...t, status: 'completed' };
    });
    assert.equal(r, undefined);
    assert.equal(called, false);
    assert.equal(s.get(a.localId), undefined);
    assert.deepEqual(stored(m).tasks, []);
  });

  test('update keeps the localId and sets updatedAt, whatever the change returns', async () => {
    const s = openStore(new MemoryMemento());
    const a = makeTask({ updatedAt: 1 });
    await s.put(a);
    const u = await s.update(a.localId, (t) => ({ ...t, localId: 'hijacked', updatedAt: 0 }));
    assert.equal(u?.localId, a.localId);
    assert.ok(u.updatedAt > 1);
    assert.equal(s.get('hijacked'), undefined);
  });

  test('removing unknown ids writes nothing; onDidChange fires on each change', async () => {
    const m = new MemoryMemento();
    const s = openStore(m, new MemoryLog());
    let fired = 0;
    const sub = s.onDidChange(() => fired++);
    await s.remove(['nope']);
    assert.equal(m.writes.length, 0);
    assert.equal(fired, 0);
    const a = makeTask();
    await s.put(a);
    await s.update(a.localId, (t) => t);
    await s.remove([a.localId, 'nope']);
    assert.equal(fired, 3);
    sub.dispose();
    await s.put(makeTask());
    assert.equal(fired, 3, 'a disposed listener is not called');
  });
});

describe('readState', () => {
  test('undefined is an empty list without logging', () => {
    const log = new MemoryLog();
    assert.deepEqual([...readState(undefined, log).tasks.values()], []);
    assert.deepEqual(log.lines, []);
  });
});
