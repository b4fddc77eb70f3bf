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
  async function rig(tasks: Task[], downloadFileImpl: (o: DownloadOptions) => Promise<{ bytes: number }>, autoDownload = () => true) {
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

describe('downloadFile (MockAgent)', () => {
  function agent(): MockAgent {
    const a = new MockAgent();
    a.disableNetConnect();
    cleanups.push(() => a.close());
    return a;
  }

  test('saves the body under the final name only, with no temporary file left', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, Buffer.from('0123456789'), { headers: { 'content-length': '10' } });
    const dir = tempDir();
    const dest = join(dir, 'sub', 'v.mp4');
    assert.deepEqual(await downloadFile({ url: 'https://cdn.example/v.mp4', dest, dispatcher: a, idleTimeoutMs: 1000 }), { bytes: 10 });
    assert.equal(readFileSync(dest, 'utf8'), '0123456789');
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['v.mp4']);
  });

  test('follows a CDN redirect', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(302, '', { headers: { location: 'https://edge.example/real.mp4' } });
    a.get('https://edge.example').intercept({ path: '/real.mp4' }).reply(200, 'abc');
    const dest = join(tempDir(), 'v.mp4');
    await downloadFile({ url: 'https://cdn.example/v.mp4', dest, dispatcher: a, idleTimeoutMs: 1000 });
    assert.equal(readFileSync(dest, 'utf8'), 'abc');
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
