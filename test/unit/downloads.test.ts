// The download manager's bookkeeping with a fake network, and downloadFile with undici's MockAgent.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { DownloadManager } from '../../src/engine/downloads';
import { downloadFile, type DownloadOptions } from '../../src/http/download';
import { ApiError } from '../../src/domain/errors';
import { DownloadTooLargeError } from '../../src/domain/files';
import type { Task } from '../../src/domain/task';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { STORE_KEY } from '../../src/persistence/repository';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import { sleep, waitFor } from '../helpers/wait';

const dirs: string[] = [];
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sora-unit-dl-'));
  dirs.push(d);
  return d;
}

const completed = (over: Partial<Task> = {}): Task =>
  makeTask({ phase: 'completed', status: 'completed', remoteId: `r-${Math.random().toString(16).slice(2)}`, videoUrl: 'https://cdn.example/v.mp4', ...over });

describe('DownloadManager', () => {
  async function rig(tasks: Task[], downloadFileImpl: (o: DownloadOptions) => Promise<{ bytes: number; path?: string }>, autoDownload = () => true) {
    const log = new MemoryLog();
    const memento = new MemoryMemento();
    const store = openStore(memento, log, { autoDownload });
    for (const t of tasks) await store.put(t);
    const failures: string[] = [];
    const saved: string[] = [];
    const m = new DownloadManager({
      store,
      log,
      downloadFile: downloadFileImpl,
      dispatcher: () => undefined as never,
      folder: () => '/videos',
      autoDownload,
      idleTimeoutMs: () => 1000,
      maxBytes: () => 12345,
      onFailed: (_t, message) => failures.push(message),
    });
    // Saved videos as the store reports them, in order.
    store.onDidChange(() => {
      for (const t of store.all()) if (t.download?.state === 'done' && !saved.includes(t.localId)) saved.push(t.localId);
    });
    cleanups.push(() => m.dispose());
    return { store, m, failures, saved, log, memento };
  }

  test('one download per task at a time, though every store change triggers a scan', async () => {
    let active = 0;
    let max = 0;
    let calls = 0;
    const r = await rig([completed(), completed()], async () => {
      calls++;
      active++;
      max = Math.max(max, active);
      await sleep(30);
      active--;
      return { bytes: 10 };
    });
    r.m.scan();
    await waitFor(() => r.saved.length === 2, 'both saved');
    await sleep(50);
    assert.equal(calls, 2, 'exactly one download per task');
    assert.ok(max <= 2);
    for (const t of r.store.all()) assert.equal(t.download?.state, 'done');
  });

  test('download() on a task already downloading joins it', async () => {
    let calls = 0;
    const t = completed();
    const r = await rig([t], async () => {
      calls++;
      await sleep(30);
      return { bytes: 1 };
    });
    const [a, b] = await Promise.all([r.m.download(t.localId), r.m.download(t.localId)]);
    assert.equal(a, b);
    assert.equal(calls, 1);
  });

  test('a failed download is scheduled for a retry and not reported yet', async () => {
    const t = completed();
    const r = await rig([t], async () => {
      throw new ApiError('lost', 'download', 'https://cdn.example/v.mp4', 'UND_ERR_SOCKET');
    });
    const before = Date.now();
    const after = await r.m.download(t.localId);
    assert.equal(after?.download?.state, 'failed');
    assert.equal(after?.download?.attempts, 1);
    assert.ok(after.download.nextAt! >= before + 5000);
    assert.deepEqual(r.failures, []);
    assert.ok(r.log.lines.some((l) => l.includes('retry in 5000 ms')));
  });

  test('an expired link (410) is final and reported once', async () => {
    const t = completed();
    let calls = 0;
    const r = await rig([t], async () => {
      calls++;
      throw new ApiError('http', 'download', 'https://cdn.example/v.mp4', '', 410);
    });
    await r.m.download(t.localId);
    r.m.scan();
    await sleep(30);
    assert.equal(r.store.get(t.localId)?.download?.state, 'expired');
    assert.equal(r.failures.length, 1);
    assert.equal(calls, 1);
  });

  test('a video settled while autoDownload was off is saved when the setting comes back on and the downloads rescan', async () => {
    const t = completed();
    let auto = false;
    let calls = 0;
    const r = await rig(
      [t],
      async () => {
        calls++;
        return { bytes: 10 };
      },
      () => auto,
    );
    assert.deepEqual(r.memento.get<{ tasks: Task[] }>(STORE_KEY)?.tasks, [], 'settled: kept in the archive log');
    r.m.scan();
    await sleep(30);
    assert.equal(calls, 0, 'nothing fetched while off');
    auto = true;
    r.m.scan(); // what the engine does when sora.autoDownload changes
    await waitFor(() => r.store.get(t.localId)?.download?.state === 'done', 'the video to be saved');
    assert.equal(calls, 1);
    assert.equal(openStore(r.memento).get(t.localId)?.download?.state, 'done', 'and a new store reads it back');
  });
});

describe('DownloadManager: names and limits', () => {
  async function rig(t: Task, impl: (o: DownloadOptions) => Promise<{ bytes: number; path?: string }>) {
    const log = new MemoryLog();
    const store = openStore(new MemoryMemento(), log);
    await store.put(t);
    const failures: string[] = [];
    const m = new DownloadManager({
      store,
      log,
      downloadFile: impl,
      dispatcher: () => undefined as never,
      folder: () => '/videos',
      autoDownload: () => false,
      idleTimeoutMs: () => 1000,
      maxBytes: () => 12345,
      onFailed: (_t, message) => failures.push(message),
    });
    cleanups.push(() => m.dispose());
    return { store, m, failures };
  }

  test('the task records where the video really went (a numbered name when the first was taken), and the cap is passed on', async () => {
    const t = completed({ remoteId: 'clip' });
    let asked: DownloadOptions | undefined;
    const r = await rig(t, async (o) => {
      asked = o;
      return { bytes: 10, path: '/videos/clip (2).mp4' };
    });
    const after = await r.m.download(t.localId);
    assert.equal(asked?.dest, join('/videos', 'clip.mp4'));
    assert.equal(asked?.maxBytes, 12345);
    assert.equal(after?.download?.state, 'done');
    assert.equal(after?.download?.path, '/videos/clip (2).mp4');
  });

  test('a video over the size cap fails for good at once (it would only be too large again), and the user is told', async () => {
    const t = completed();
    let calls = 0;
    const r = await rig(t, async () => {
      calls++;
      throw new DownloadTooLargeError('https://cdn.example/v.mp4', 12345);
    });
    const after = await r.m.download(t.localId);
    assert.equal(after?.download?.state, 'failed');
    assert.equal(after?.download?.nextAt, undefined, 'no retry');
    assert.match(after?.download?.error ?? '', /sora\.maxDownloadMB/);
    assert.equal(r.failures.length, 1);
    assert.equal(calls, 1);
  });
});

/** `rest` behind the first bytes of an MP4 file (an ftyp box). */
const mp4 = (rest: string): Buffer => Buffer.concat([Buffer.from('00000018667479706973366d0000020069736f6d6d703431', 'hex'), Buffer.from(rest)]);

describe('downloadFile (MockAgent)', () => {
  function agent(): MockAgent {
    const a = new MockAgent();
    a.disableNetConnect();
    cleanups.push(() => a.close());
    return a;
  }

  test('saves the body under the final name only, with no temporary file left', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, mp4('0123456789'), { headers: { 'content-length': String(mp4('0123456789').length) } });
    const dir = tempDir();
    const dest = join(dir, 'sub', 'v.mp4');
    assert.deepEqual(await downloadFile({ url: 'https://cdn.example/v.mp4', dest, dispatcher: a, idleTimeoutMs: 1000 }), { bytes: mp4('0123456789').length, path: dest });
    assert.deepEqual(readFileSync(dest), mp4('0123456789'));
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['v.mp4']);
  });

  test('follows a CDN redirect', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(302, '', { headers: { location: 'https://edge.example/real.mp4' } });
    a.get('https://edge.example').intercept({ path: '/real.mp4' }).reply(200, mp4('abc'));
    const dest = join(tempDir(), 'v.mp4');
    await downloadFile({ url: 'https://cdn.example/v.mp4', dest, dispatcher: a, idleTimeoutMs: 1000 });
    assert.deepEqual(readFileSync(dest), mp4('abc'));
  });

  test('an error status is an http ApiError (no stray exception), and no file is written', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(410, '<Error><Code>AccessDenied</Code></Error>');
    const dir = tempDir();
    await assert.rejects(downloadFile({ url: 'https://cdn.example/v.mp4', dest: join(dir, 'v.mp4'), dispatcher: a, idleTimeoutMs: 1000 }), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 410);
      assert.match(e.message, /^Downloading the video failed: HTTP 410 from https:\/\/cdn\.example\/v\.mp4\.$/);
      return true;
    });
    await sleep(20); // an unhandled 'error' event would surface here and fail the test
    assert.deepEqual(readdirSync(dir), []);
  });

  test('an empty body is not a video', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, '');
    const dir = tempDir();
    await assert.rejects(downloadFile({ url: 'https://cdn.example/v.mp4', dest: join(dir, 'v.mp4'), dispatcher: a, idleTimeoutMs: 1000 }), (e: unknown) => e instanceof ApiError && e.kind === 'malformed');
    assert.deepEqual(readdirSync(dir), []);
  });
});
