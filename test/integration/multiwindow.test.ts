// Several VS Code windows over one global state, against the simulator: no window overwrites
// another's tasks, a removal stays removed, one window polls for all (so traffic does not grow
// with the number of windows), and when it closes another takes over and finishes the work.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { STORE_KEY } from '../../src/persistence/repository';
import { LEASE_KEY } from '../../src/engine/lease';
import type { Task } from '../../src/domain/task';
import type { VideoSettings } from '../../src/domain/request';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { SharedMementoHub, type WindowMemento } from '../helpers/sharedMemento';
import { countOf, requestsOf } from '../helpers/sim';
import { sleep, waitFor } from '../helpers/wait';

const SETTINGS: VideoSettings = { prompt: 'a kite over dunes', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 4 };
/** Fast, but in the same proportions as VS Code's (sync 2 s, renew 5 s, lease 15 s). */
const TIMING = { syncMs: 40, renewMs: 100, ttlMs: 400 };

interface Win {
  h: EngineHarness;
  memento: WindowMemento;
  close(): void;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(queuedMs = 600, processingMs = 900): Promise<Simulator> {
  const s = await startSimulator({ queuedMs, processingMs });
  cleanups.push(() => s.close());
  return s;
}

function videoFolder(): string {
  const d = mkdtempSync(join(tmpdir(), 'sora-mw-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

function openWindows(s: Simulator, hub: SharedMementoHub, n: number, folder: string, archiveFile?: string): Win[] {
  return Array.from({ length: n }, (_, i) => {
    const memento = hub.window();
    const h = makeEngine({ baseUrl: s.url, folder, archiveFile, settings: { pollBaseMs: 50 }, window: { memento, ...TIMING, id: `window-${i}` } });
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      h.dispose();
      memento.close();
    };
    cleanups.push(close);
    h.engine.start();
    return { h, memento, close };
  });
}

async function create(w: Win, prompt: string): Promise<Task> {
  const o = await w.h.engine.submit({ ...SETTINGS, prompt });
  assert.equal(o.kind, 'created', JSON.stringify(o));
  if (o.kind !== 'created') throw new Error('unreachable');
  return o.task;
}

const promptsIn = (w: Win): string[] => w.h.store.all().map((t) => t.settings.prompt).sort();
const storedPrompts = (hub: SharedMementoHub): string[] => (hub.get<{ tasks: Task[] }>(STORE_KEY)?.tasks ?? []).map((t) => t.settings.prompt).sort();
const leaders = (ws: Win[]): Win[] => ws.filter((w) => w.h.engine.isLeader);
const allSaved = (w: Win, n: number): boolean => w.h.store.all().length === n && w.h.store.all().every((t) => t.download?.state === 'done');

/** Creates `perWindow` tasks in each window at once and waits until every window sees them all saved. */
async function runAll(s: Simulator, windows: number, perWindow: number[]): Promise<{ queries: number; videos: number; ws: Win[] }> {
  const hub = new SharedMementoHub();
  const ws = openWindows(s, hub, windows, videoFolder());
  await waitFor(() => leaders(ws).length === 1, 'one leader');
  await Promise.all(ws.flatMap((w, i) => Array.from({ length: perWindow[i] }, (_, k) => create(w, `w${i} t${k}`))));
  const total = perWindow.reduce((a, b) => a + b, 0);
  await waitFor(() => ws.every((w) => allSaved(w, total)), 'every window to see every video saved', 30_000);
  return { queries: countOf(s, 'query'), videos: countOf(s, 'video'), ws };
}

describe('several windows', () => {
  test('tasks created in different windows at the same moment all survive, in every window and in storage', async () => {
    const s = await sim(60_000, 60_000); // nothing finishes: only the list is under test
    const hub = new SharedMementoHub();
    const ws = openWindows(s, hub, 3, videoFolder());
    const made = await Promise.all(ws.flatMap((w, i) => [create(w, `w${i} a`), create(w, `w${i} b`)]));
    // A third wave while the first writes are still on their way to the other windows.
    made.push(...(await Promise.all(ws.map((w, i) => create(w, `w${i} c`)))));
    const expected = made.map((t) => t.settings.prompt).sort();
    assert.equal(expected.length, 9);
    for (const [i, w] of ws.entries()) {
      await waitFor(() => JSON.stringify(promptsIn(w)) === JSON.stringify(expected) || undefined, `window ${i} to list all 9 tasks`);
    }
    await waitFor(() => JSON.stringify(storedPrompts(hub)) === JSON.stringify(expected) || undefined, 'storage to hold all 9 tasks');
    assert.equal(countOf(s, 'create'), 9, 'one request per task');
    // A window opened now reads them all.
    const [late] = openWindows(s, hub, 1, videoFolder());
    assert.deepEqual(promptsIn(late), expected);
  });

  test('finished tasks in the real archive file: every window and a late one list them, each finish is one line, a removal sticks', async () => {
    const s = await sim(100, 200);
    const hub = new SharedMementoHub();
    const folder = videoFolder();
    const archiveFile = join(folder, 'global-storage', 'tasks-archive.jsonl');
    const ws = openWindows(s, hub, 3, folder, archiveFile);
    await waitFor(() => leaders(ws).length === 1, 'one leader');
    const made = await Promise.all(ws.flatMap((w, i) => [create(w, `w${i} a`), create(w, `w${i} b`)]));
    await waitFor(() => ws.every((w) => allSaved(w, 6)), 'every window to see all 6 videos saved', 30_000);
    await waitFor(() => (hub.get<{ tasks: Task[] }>(STORE_KEY)?.tasks.length === 0 ? true : undefined), 'the short key to hold no finished task');
    const lines = (): Array<{ task?: Task; removed?: string }> => readFileSync(archiveFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { task?: Task; removed?: string });
    const finishes = lines().filter((l) => l.task?.download?.state === 'done').map((l) => l.task!.localId).sort();
    assert.deepEqual(finishes, made.map((t) => t.localId).sort(), 'one line per finished task, none written twice by the windows');
    const [late] = openWindows(s, hub, 1, videoFolder(), archiveFile);
    assert.deepEqual(promptsIn(late), made.map((t) => t.settings.prompt).sort());
    await ws[0].h.store.remove([made[3].localId]);
    for (const w of [...ws, late]) await waitFor(() => (w.h.store.get(made[3].localId) === undefined ? true : undefined), 'the removal everywhere');
    await sleep(TIMING.syncMs * 3);
    for (const w of [...ws, late]) assert.equal(w.h.store.get(made[3].localId), undefined, 'not brought back');
    assert.equal(lines().filter((l) => l.removed === made[3].localId).length, 1);
  });

  test('a removal in one window is not brought back by the others, though the leader keeps polling', async () => {
    const s = await sim(1_500, 60_000);
    const hub = new SharedMementoHub();
    const ws = openWindows(s, hub, 3, videoFolder());
    await waitFor(() => leaders(ws).length === 1, 'one leader');
    const keep = await create(ws[0], 'keep');
    const gone = await create(ws[1], 'gone');
    // Wait until the leader has checked both at least once, so it holds them and writes them.
    await waitFor(() => ws.every((w) => [keep, gone].every((t) => w.h.store.get(t.localId)?.poll.lastAt !== undefined)), 'both checked');
    const remover = ws.find((w) => !w.h.engine.isLeader)!;
    await remover.h.store.remove([gone.localId]);
    const queriesAtRemoval = countOf(s, 'query');
    for (const [i, w] of ws.entries()) await waitFor(() => !w.h.store.get(gone.localId), `window ${i} to drop the removed task`);
    // Several polling rounds and store syncs later it is still gone everywhere, and the other task is kept.
    await waitFor(() => countOf(s, 'query') >= queriesAtRemoval + 6, 'more polling');
    await sleep(200);
    for (const w of ws) {
      assert.equal(w.h.store.get(gone.localId), undefined);
      assert.ok(w.h.store.get(keep.localId));
    }
    assert.deepEqual(storedPrompts(hub), ['keep']);
    const goneId = gone.remoteId!;
    const lastGoneQuery = Math.max(...requestsOf(s, 'query').filter((r) => r.path.endsWith(`/${encodeURIComponent(goneId)}`)).map((r) => r.at));
    const laterKeepQueries = requestsOf(s, 'query').filter((r) => r.at > lastGoneQuery + 300 && r.path.endsWith(`/${encodeURIComponent(keep.remoteId!)}`));
    assert.ok(laterKeepQueries.length > 0, 'the removed task is no longer polled while the kept one is');
  });

  test('three windows make about as many queries as one, and each video is fetched once', async () => {
    // Side by side, so a busy machine slows both alike.
    const [one, three] = await Promise.all([runAll(await sim(), 1, [6]), runAll(await sim(), 3, [2, 2, 2])]);
    console.log(`queries for 6 tasks: 1 window ${one.queries}, 3 windows ${three.queries}; videos ${one.videos} / ${three.videos}`);
    assert.ok(one.queries >= 6);
    assert.ok(three.queries <= one.queries * 1.2 + 8, `3 windows made ${three.queries} queries, 1 window ${one.queries}`);
    assert.equal(one.videos, 6);
    assert.equal(three.videos, 6, 'each video downloaded once, by the leader');
    for (const w of three.ws) for (const t of w.h.store.all()) assert.ok(t.download?.path);
  });

  test('when the polling window closes, another takes over; every task completes and is saved exactly once', async () => {
    const s = await sim(800, 1_200);
    const hub = new SharedMementoHub();
    const folder = videoFolder();
    const ws = openWindows(s, hub, 3, folder);
    await waitFor(() => leaders(ws).length === 1, 'one leader');
    const first = leaders(ws)[0];
    const tasks = await Promise.all(ws.map((w, i) => create(w, `handover ${i}`)));
    // Close the leader once it is polling, well before anything is done.
    await waitFor(() => countOf(s, 'query') >= 2, 'the leader to be polling');
    assert.ok(tasks.every((t) => ws.every((w) => w.h.store.get(t.localId)?.phase === 'active')));
    first.close();
    const rest = ws.filter((w) => w !== first);
    const next = await waitFor(() => (leaders(rest).length === 1 ? leaders(rest)[0] : undefined), 'a new leader', 5_000);
    assert.equal(hub.get<{ owner: string }>(LEASE_KEY)?.owner !== undefined, true);
    for (const w of rest) await waitFor(() => allSaved(w, 3), 'every task saved', 30_000);
    assert.equal(leaders(rest).length, 1, 'still one leader');
    assert.equal(leaders(rest)[0], next);
    for (const t of tasks) {
      const fetched = requestsOf(s, 'video').filter((r) => r.path.includes(encodeURIComponent(t.remoteId!)));
      assert.equal(fetched.length, 1, `video of ${t.remoteId} fetched once`);
    }
    const files = readdirSync(folder);
    assert.equal(files.filter((f) => f.endsWith('.mp4')).length, 3, files.join(', '));
    assert.equal(files.filter((f) => f.endsWith('.part')).length, 0);
    // Two windows, one leader: no pair of queries for one task closer than the base interval.
    for (const t of tasks) {
      const times = requestsOf(s, 'query').filter((r) => r.path.endsWith(`/${encodeURIComponent(t.remoteId!)}`)).map((r) => r.at);
      for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 40, `queries for ${t.remoteId} ${times[i] - times[i - 1]} ms apart`);
    }
  });

  test('a follower opening a video the leader is saving waits for it instead of fetching it again', async () => {
    const s = await sim(100, 200);
    s.fault('video', { kind: 'delay', ms: 1_000 });
    const hub = new SharedMementoHub();
    const ws = openWindows(s, hub, 2, videoFolder());
    await waitFor(() => leaders(ws).length === 1, 'one leader');
    const follower = ws.find((w) => !w.h.engine.isLeader)!;
    const t = await create(follower, 'open me');
    await waitFor(() => follower.h.store.get(t.localId)?.download?.state === 'downloading', 'the leader to start saving it');
    const saved = await follower.h.engine.downloads.download(t.localId);
    assert.equal(saved?.download?.state, 'done');
    assert.ok(await follower.h.engine.downloads.localFile(saved), 'the file is there to open');
    assert.equal(countOf(s, 'video'), 1, 'fetched once');
  });

  test('a leader closing in the middle of a download hands it over: the next leader saves it whole', async () => {
    const s = await sim(100, 200);
    s.fault('video', { kind: 'delay', ms: 5_000 });
    const hub = new SharedMementoHub();
    const folder = videoFolder();
    const ws = openWindows(s, hub, 2, folder);
    await waitFor(() => leaders(ws).length === 1, 'one leader');
    const first = leaders(ws)[0];
    const other = ws.find((w) => w !== first)!;
    const t = await create(other, 'handed over');
    await waitFor(() => countOf(s, 'video') === 1 && other.h.store.get(t.localId)?.download?.state === 'downloading', 'the leader to be downloading');
    first.close();
    const done = await waitFor(() => (other.h.store.get(t.localId)?.download?.state === 'done' ? other.h.store.get(t.localId) : undefined), 'the new leader to save it', 15_000);
    assert.equal(countOf(s, 'video'), 2, 'started again at once, not after the stale limit');
    assert.deepEqual(readdirSync(folder), [done.download!.path!.split(/[\\/]/).pop()], 'one whole file, no .part');
  });

  test('a follower checks a task only when asked, and not sooner than the base interval after the leader did', async () => {
    const s = await sim(60_000, 60_000);
    const hub = new SharedMementoHub();
    const ws = openWindows(s, hub, 2, videoFolder());
    await waitFor(() => leaders(ws).length === 1, 'one leader');
    const follower = ws.find((w) => !w.h.engine.isLeader)!;
    const t = await create(follower, 'asked for');
    const q0 = countOf(s, 'query');
    follower.h.engine.poller.refresh();
    await waitFor(() => countOf(s, 'query') > q0, 'the follower to check on request');
    const checked = await waitFor(() => follower.h.store.get(t.localId)?.poll.lastAt, 'the check to be stored');
    assert.ok(checked);
  });
});
