// Settled tasks live in an append-only log (src/persistence/archiveTable.ts, archiveLog.ts),
// unfinished ones under the short key in global state: a running task's change never rewrites the
// history, and finishing a task appends one line. Removals, failures, compaction across windows.
// Which tasks are settled is the lifecycle rule: see lifecycle.test.ts for its cases.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPACT_SLACK, STORE_KEY, STORE_VERSION, TaskStore } from '../../src/persistence/repository';
import { FileArchiveLog, type ArchiveLog } from '../../src/persistence/archiveLog';
import { MemoryArchiveLog, MemoryLogBook } from '../fixtures/archiveLog';
import type { Task } from '../../src/domain/task';
import { needsWork, RETRY_DELAYS_MS } from '../../src/domain/lifecycle';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { makeTask } from '../helpers/tasks';

const noSync = { syncMs: 0, autoDownload: () => true };
const done = (over: Partial<Task> = {}): Task => makeTask({ phase: 'completed', status: 'completed', download: { state: 'done', attempts: 1, path: '/v.mp4' }, ...over });
const shortIds = (m: MemoryMemento): string[] => (m.get<{ tasks: Task[] }>(STORE_KEY)?.tasks ?? []).map((t) => t.localId).sort();
const logged = (book: MemoryLogBook): Array<{ task?: Task; removed?: string }> => book.lines.map((l) => JSON.parse(l) as { task?: Task; removed?: string });
const loggedIds = (book: MemoryLogBook): string[] => [...new Set(logged(book).flatMap((r) => (r.task ? [r.task.localId] : [])))].sort();

function rig(initial: Record<string, unknown> = {}, book = new MemoryLogBook()) {
  const m = new MemoryMemento(initial);
  const open = (log = new MemoryLog(), archive: ArchiveLog = new MemoryArchiveLog(book), autoDownload = true) =>
    new TaskStore(m, log, { ...noSync, archive, autoDownload: () => autoDownload });
  return { m, book, open };
}

describe('TaskStore archive log', () => {
  test('finished tasks under the short key (as development versions 1 and 2 kept them) move to the log', async () => {
    for (const version of [1, 2]) {
      const finished = done({ createdAt: 1 });
      const failed = makeTask({ phase: 'failed', status: 'failed', createdAt: 2 });
      const running = makeTask({ phase: 'active', createdAt: 3 });
      const { m, book, open } = rig({ [STORE_KEY]: { version, tasks: [finished, failed, running] } });
      const s = open();
      assert.deepEqual(s.all().map((t) => t.localId), [running.localId, failed.localId, finished.localId]);
      await s.update(running.localId, (t) => ({ ...t, status: 'processing' }));
      assert.deepEqual(shortIds(m), [running.localId]);
      assert.deepEqual(loggedIds(book), [finished.localId, failed.localId].sort());
      assert.equal(m.get<{ version: number }>(STORE_KEY)?.version, STORE_VERSION);
      assert.deepEqual(open().all(), s.all());
    }
  });

  test('a task of another model, running and then finished, reads back with its model and values in a new window', async () => {
    const settings = { prompt: 'a kite', model: 'viduq3-pro', family: 'vidu', familyLabel: 'Vidu Q3', fields: { duration: 6, first_image: 'https://img.example/f.png', generateAudio: true, refs: ['https://img.example/r.png'] }, typicalMs: 300_000 };
    const running = makeTask({ phase: 'active', remoteId: 'video_1', settings });
    const { m, book, open } = rig();
    const s = open();
    await s.put(running);
    assert.deepEqual(open().get(running.localId), running, 'from the short key');
    await s.update(running.localId, (t) => ({ ...t, phase: 'completed', status: 'completed', totalTokens: 42, download: { state: 'done', attempts: 1, path: '/v.mp4' } }));
    assert.deepEqual(shortIds(m), []);
    assert.deepEqual(loggedIds(book), [running.localId]);
    const again = open().get(running.localId);
    assert.deepEqual(again?.settings, settings, 'from the archive log');
    assert.equal(again?.totalTokens, 42);
  });

  test('a running task’s change and a new task write only the short key; finishing one appends one line', async () => {
    const book = new MemoryLogBook();
    const history = Array.from({ length: 50 }, (_, i) => done({ createdAt: i }));
    const seed = new TaskStore(new MemoryMemento(), new MemoryLog(), { ...noSync, archive: new MemoryArchiveLog(book) });
    for (const t of history) await seed.put(t);
    const running = makeTask({ phase: 'active', createdAt: 100 });
    const { m, open } = rig({ [STORE_KEY]: { version: STORE_VERSION, tasks: [running], removed: {} } }, book);
    const s = open();
    const lines = book.lines.length;
    await s.update(running.localId, (t) => ({ ...t, status: 'processing' }));
    await s.put(makeTask({ phase: 'submitting', createdAt: 101 }));
    assert.deepEqual(m.writes.map((w) => w.key), [STORE_KEY, STORE_KEY]);
    assert.equal(book.lines.length, lines, 'no line for an unfinished task');
    await s.update(running.localId, (t) => ({ ...t, phase: 'completed', status: 'completed', download: { state: 'done', attempts: 1, path: '/r.mp4' } }));
    assert.equal(book.lines.length, lines + 1);
    assert.equal(logged(book).at(-1)?.task?.localId, running.localId);
    assert.ok(!shortIds(m).includes(running.localId));
    assert.equal(open().get(running.localId)?.download?.state, 'done');
  });

  test('a removed archived task stays removed after its tombstone has expired', async () => {
    const a = done();
    const b = makeTask({ phase: 'active' });
    const { m, book, open } = rig({ [STORE_KEY]: { version: STORE_VERSION, tasks: [b] } });
    await open().put(a);
    const s = open();
    const other = open();
    await s.remove([a.localId]);
    assert.deepEqual(logged(book).at(-1), { removed: a.localId, at: (m.get<{ removed: Record<string, number> }>(STORE_KEY)?.removed ?? {})[a.localId] });
    other.sync();
    assert.equal(other.get(a.localId), undefined);
    assert.ok(other.get(b.localId));
    // A day later the short key has forgotten the removal; the log has not.
    m.values.set(STORE_KEY, { version: STORE_VERSION, tasks: [b], removed: {} });
    assert.equal(open().get(a.localId), undefined);
    assert.ok(open().get(b.localId));
  });

  test('a removal that arrives through the log before its tombstone: gone at once, and not written back', async () => {
    const book = new MemoryLogBook();
    const a = done();
    const keep = done();
    // Two windows whose global state has not caught up with each other: only the log is shared.
    const w1 = rig({}, book).open();
    await w1.put(a);
    await w1.put(keep);
    const m2 = new MemoryMemento();
    const w2 = new TaskStore(m2, new MemoryLog(), { ...noSync, archive: new MemoryArchiveLog(book) });
    assert.ok(w2.get(a.localId));
    await w1.remove([a.localId]);
    const lines = book.lines.length;
    let heard = 0;
    w2.onDidChange(() => heard++);
    w2.sync();
    assert.equal(w2.get(a.localId), undefined);
    assert.ok(w2.get(keep.localId));
    assert.equal(heard, 1);
    await w2.put(makeTask({ phase: 'active' }));
    assert.equal(book.lines.length, lines, 'the removed task is not appended again');
    assert.ok(m2.get<{ removed: Record<string, number> }>(STORE_KEY)?.removed[a.localId], 'w2 keeps the tombstone too');
  });

  test('another window’s appended line and short-key write are merged in', async () => {
    const a = makeTask({ phase: 'active', updatedAt: 10 });
    const { m, book, open } = rig({ [STORE_KEY]: { version: STORE_VERSION, tasks: [a] } });
    const s = open();
    let heard = 0;
    s.onDidChange(() => heard++);
    // The other window finished `a` (log) and added `b` (short key) in the meantime.
    const finishedA = { ...a, phase: 'completed', status: 'completed', updatedAt: 20, download: { state: 'done', attempts: 1, path: '/a.mp4' } } as Task;
    const b = makeTask({ phase: 'active' });
    book.lines.push(JSON.stringify({ task: finishedA }));
    m.values.set(STORE_KEY, JSON.parse(JSON.stringify({ version: STORE_VERSION, tasks: [b], removed: {} })));
    s.sync();
    assert.equal(heard, 1);
    assert.equal(s.get(a.localId)?.phase, 'completed');
    const c = makeTask({ phase: 'submitting' });
    await s.put(c);
    assert.deepEqual(shortIds(m), [b.localId, c.localId].sort());
    assert.equal(book.lines.length, 1, 'the other window’s line is not written again');
  });

  test('a stale copy under the short key does not undo a newer archived one', () => {
    const a = makeTask({ phase: 'active', updatedAt: 10 });
    const finishedA = { ...a, phase: 'completed', status: 'completed', updatedAt: 20, download: { state: 'done', attempts: 1, path: '/a.mp4' } } as Task;
    const book = new MemoryLogBook();
    book.lines.push(JSON.stringify({ task: finishedA }));
    const { open } = rig({ [STORE_KEY]: { version: STORE_VERSION, tasks: [a] } }, book);
    assert.equal(open().get(a.localId)?.phase, 'completed');
  });

  test('unreadable lines and entries are skipped with a log line; the rest is read', () => {
    const a = makeTask({ phase: 'active' });
    const b = done();
    const book = new MemoryLogBook();
    book.lines.push('{"task": {"phase": 7}}', 'not json', JSON.stringify({ task: b }), '{"removed": 5}');
    const log = new MemoryLog();
    const { open } = rig({ [STORE_KEY]: { version: STORE_VERSION, tasks: [a, { phase: 7 }] } }, book);
    const s = open(log);
    assert.deepEqual(s.all().map((t) => t.localId).sort(), [a.localId, b.localId].sort());
    assert.ok(log.lines.some((l) => l.includes('unreadable stored task #1')), log.lines.join('\n'));
    assert.ok(log.lines.some((l) => l.includes('unreadable archived task on line 1')), log.lines.join('\n'));
    assert.ok(log.lines.some((l) => l.includes('unreadable line 2 of the task archive')), log.lines.join('\n'));
  });

  test('a failed append keeps the finished task under the short key; the next write moves it', async () => {
    const book = new MemoryLogBook();
    let failing = true;
    const flaky: ArchiveLog = {
      readNew: () => inner.readNew(),
      rewrite: (l) => inner.rewrite(l),
      append: async (l) => {
        if (failing) throw new Error('ENOSPC: no space left on device');
        return inner.append(l);
      },
    };
    const inner = new MemoryArchiveLog(book);
    const log = new MemoryLog();
    const { m, open } = rig({}, book);
    const s = open(log, flaky);
    const a = done();
    await s.put(a);
    assert.ok(log.lines.some((l) => l.includes('could not save tasks') && l.includes('ENOSPC')), log.lines.join('\n'));
    assert.deepEqual(shortIds(m), [a.localId], 'kept where it can be read back');
    assert.deepEqual(open().get(a.localId), s.get(a.localId));
    failing = false;
    await s.put(makeTask({ phase: 'active' }));
    assert.deepEqual(loggedIds(book), [a.localId]);
    assert.ok(!shortIds(m).includes(a.localId));
    assert.equal(open().get(a.localId)?.download?.state, 'done');
  });

  test('a log of superseded lines is compacted when a store first reads it; nothing live is lost', async () => {
    const { book, open } = rig();
    const s = open();
    const a = done();
    const gone = done();
    await s.put(a);
    await s.put(gone);
    for (let i = 0; i < COMPACT_SLACK + 10; i++) await s.update(a.localId, (t) => ({ ...t, status: 'completed' }));
    await s.remove([gone.localId]);
    const before = book.lines.length;
    const reopened = open();
    reopened.all();
    assert.ok(book.lines.length < before, `${book.lines.length} lines after compaction, ${before} before`);
    assert.equal(book.lines.length, 2, 'the task and the recent removal');
    assert.deepEqual(reopened.get(a.localId), s.get(a.localId));
    assert.equal(open().get(gone.localId), undefined);
  });

  test('an append racing another window’s compaction is written back by its window', async () => {
    const { book, open } = rig();
    const a = done();
    const w1 = open();
    for (let i = 0; i < 20; i++) await w1.put(done());
    await w1.put(a);
    for (let i = 0; i < COMPACT_SLACK + 10; i++) await w1.update(a.localId, (t) => ({ ...t, status: 'completed' }));
    const w2 = open();
    const x = done();
    // w2 appends x, but w3's compaction (from a read before that line) replaces the file without it.
    const w3Archive = new MemoryArchiveLog(book);
    w3Archive.readNew();
    await w2.put(x);
    const live = [...new Map(logged(book).filter((r) => r.task && r.task.localId !== x.localId).map((r) => [r.task!.localId, r.task!])).values()];
    w3Archive.rewrite(live.map((t) => JSON.stringify({ task: t })));
    assert.ok(!loggedIds(book).includes(x.localId));
    w2.sync();
    await new Promise((r) => setTimeout(r, 10));
    assert.ok(loggedIds(book).includes(x.localId), 'w2 wrote x back');
    assert.deepEqual(open().get(x.localId), w2.get(x.localId));
    assert.equal(book.lines.length, 22, 'the 21 compacted tasks and x: the history read back is not appended again');
  });

});

describe('TaskStore and the lifecycle rule: a settled task leaves the short key and is no work', () => {
  const video = (over: Partial<Task> = {}): Task => makeTask({ phase: 'completed', status: 'completed', remoteId: `r-${Math.random()}`, videoUrl: 'https://x/v.mp4', ...over });
  const tick = () => new Promise((r) => setTimeout(r, 10));
  const anyWork = (s: TaskStore, autoDownload: boolean): boolean => s.all().some((t) => needsWork(t, { autoDownload }));

  test('a completed task whose download expired, or failed for good, moves to the log', async () => {
    const { m, book, open } = rig();
    const s = open();
    const expired = video({ download: { state: 'downloading', attempts: 1, startedAt: Date.now() } });
    const broken = video({ download: { state: 'failed', attempts: 1, nextAt: Date.now() + 5_000 } });
    await s.put(expired);
    await s.put(broken);
    assert.deepEqual(shortIds(m), [expired.localId, broken.localId].sort(), 'still to save: under the short key');
    assert.equal(anyWork(s, true), true);
    await s.update(expired.localId, (t) => ({ ...t, download: { state: 'expired', attempts: 1, error: 'gone' } }));
    await s.update(broken.localId, (t) => ({ ...t, download: { state: 'failed', attempts: RETRY_DELAYS_MS.length + 1, error: 'disk full' } }));
    assert.deepEqual(shortIds(m), []);
    assert.deepEqual(loggedIds(book), [expired.localId, broken.localId].sort());
    const next = open();
    assert.equal(next.get(expired.localId)?.download?.state, 'expired');
    assert.equal(anyWork(next, true), false, 'nothing for the engine at the next start');
  });

  test('with autoDownload off a completed task is settled: logged, not under the short key, no work', async () => {
    const { m, book, open } = rig();
    const s = open(undefined, undefined, false);
    const a = makeTask({ phase: 'active', remoteId: 'sora_a' });
    await s.put(a);
    assert.equal(anyWork(s, false), true, 'polling is work whatever the setting');
    await s.update(a.localId, (t) => ({ ...t, phase: 'completed', status: 'completed', videoUrl: 'https://x/a.mp4' }));
    assert.deepEqual(shortIds(m), []);
    assert.deepEqual(loggedIds(book), [a.localId]);
    const writes = m.writes.length;
    const next = open(undefined, undefined, false);
    assert.equal(anyWork(next, false), false, 'no work at the next start');
    await tick();
    assert.equal(m.writes.length, writes, 'and opening writes nothing');
    assert.equal(next.get(a.localId)?.download, undefined, 'the video is still there to save when asked');
  });

  test('a task under the short key that has become settled (autoDownload turned off since) moves when the store opens, once', async () => {
    const pending = video();
    const running = makeTask({ phase: 'active', remoteId: 'sora_r' });
    const expired = video({ download: { state: 'expired', attempts: 1 } });
    const { m, book, open } = rig({ [STORE_KEY]: { version: STORE_VERSION, tasks: [pending, running], removed: {} } });
    open();
    await tick();
    assert.equal(m.writes.length, 0, 'with autoDownload on the unsaved video is work: it stays');
    const s = open(undefined, undefined, false);
    await tick();
    assert.deepEqual(shortIds(m), [running.localId]);
    assert.deepEqual(loggedIds(book), [pending.localId]);
    const writes = m.writes.length;
    assert.deepEqual(open(undefined, undefined, false).all(), s.all());
    await tick();
    assert.equal(m.writes.length, writes, 'moved once');

    // The same for a task settled whatever the setting, found under the short key.
    const r2 = rig({ [STORE_KEY]: { version: STORE_VERSION, tasks: [expired, running], removed: {} } });
    r2.open();
    await tick();
    assert.deepEqual(shortIds(r2.m), [running.localId]);
    assert.deepEqual(loggedIds(r2.book), [expired.localId]);
  });
});

describe('TaskStore opening', () => {
  test('opening reads only the short key; the log is read once, when the whole list is first needed', async () => {
    const { book, open } = rig();
    const first = open();
    const finished = done({ createdAt: 1 });
    const running = makeTask({ phase: 'active', status: 'queued', remoteId: 'sora_r', createdAt: 2 });
    await first.put(finished);
    await first.put(running);
    let reads = 0;
    const archive = new MemoryArchiveLog(book);
    const counting: ArchiveLog = { readNew: () => (reads++, archive.readNew()), append: (l) => archive.append(l), rewrite: (l) => archive.rewrite(l) };
    const s = open(new MemoryLog(), counting);
    assert.equal(reads, 0, 'activation reads no log');
    assert.deepEqual(s.unsettled().map((t) => t.localId), [running.localId]);
    s.sync();
    assert.equal(reads, 0, 'nor does a sync before the list is needed');
    assert.deepEqual(s.all().map((t) => t.localId), [running.localId, finished.localId]);
    assert.equal(reads, 1);
    s.all();
    s.sync();
    assert.equal(reads, 2, 'from then on a sync reads what was appended');
  });
});

describe('FileArchiveLog', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const file = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'sora-unit-archive-'));
    dirs.push(d);
    return join(d, 'sub', 'tasks-archive.jsonl');
  };

  test('two readers of one file: each sees the other’s appends once, a line still being written waits', async () => {
    const f = file();
    const a = new FileArchiveLog(f);
    const b = new FileArchiveLog(f);
    assert.deepEqual(a.readNew(), { reset: false, lines: [] }, 'no file yet');
    await a.append(['{"n":1}', '{"n":2}']);
    assert.deepEqual(b.readNew(), { reset: false, lines: ['{"n":1}', '{"n":2}'] }, 'a new file is an addition');
    appendFileSync(f, '{"n":3}\n{"n":');
    assert.deepEqual(b.readNew(), { reset: false, lines: ['{"n":3}'] });
    appendFileSync(f, '4,"s":"é"}\n');
    assert.deepEqual(b.readNew(), { reset: false, lines: ['{"n":4,"s":"é"}'] });
    assert.deepEqual(b.readNew(), { reset: false, lines: [] });
    assert.equal(a.readNew().lines.length, 4);
  });

  test('an append the file system refuses is a rejection, and the store keeps the task under the short key', async () => {
    const f = file();
    mkdirSync(f, { recursive: true });
    const archive = new FileArchiveLog(f);
    await assert.rejects(archive.append(['{"n":1}']), { code: 'EISDIR' });
    const m = new MemoryMemento();
    const log = new MemoryLog();
    const s = new TaskStore(m, log, { ...noSync, archive });
    const a = done();
    await s.put(a);
    assert.deepEqual(shortIds(m), [a.localId]);
    assert.ok(log.lines.some((l) => l.includes('could not save tasks')));
  });

  test('a rewrite is a reset for the other reader, and not for the writer', async () => {
    const f = file();
    const a = new FileArchiveLog(f);
    const b = new FileArchiveLog(f);
    await a.append(['{"n":1}', '{"n":2}', '{"n":3}']);
    b.readNew();
    a.readNew();
    a.rewrite(['{"n":3}']);
    assert.deepEqual(a.readNew(), { reset: false, lines: [] });
    assert.deepEqual(b.readNew(), { reset: true, lines: ['{"n":3}'] });
    assert.equal(readFileSync(f, 'utf8'), '{"n":3}\n');
  });

  test('a store over a real file: finished tasks survive a new store, running ones stay in global state', async () => {
    const f = file();
    const m = new MemoryMemento();
    const s = new TaskStore(m, new MemoryLog(), { ...noSync, archive: new FileArchiveLog(f) });
    const a = done();
    const r = makeTask({ phase: 'active' });
    await s.put(a);
    await s.put(r);
    assert.deepEqual(shortIds(m), [r.localId]);
    assert.equal(readFileSync(f, 'utf8').trim().split('\n').length, 1);
    let heard = 0;
    s.onDidChange(() => heard++);
    s.sync();
    assert.equal(heard, 0, 'reading back the file its own append created is no change');
    const again = new TaskStore(m, new MemoryLog(), { ...noSync, archive: new FileArchiveLog(f) });
    assert.deepEqual(again.all(), s.all());
    writeFileSync(f, 'garbage\n');
    const log = new MemoryLog();
    assert.deepEqual(new TaskStore(m, log, { ...noSync, archive: new FileArchiveLog(f) }).all().map((t) => t.localId), [r.localId]);
    assert.ok(log.lines.some((l) => l.includes('unreadable line 1')));
  });
});
