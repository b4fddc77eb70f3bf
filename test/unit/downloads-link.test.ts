// The download manager and the video link's one-day life: an expired link is checked with the
// service once before it is given up, and (automatic downloads off) the user is warned before it
// expires. A fake network and a fake query, no real requests.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DownloadManager, type DownloadDeps } from '../../src/engine/downloads';
import type { DownloadOptions } from '../../src/http/download';
import { ApiError } from '../../src/domain/errors';
import { LINK_LIFETIME_MS, LINK_WARNING_AFTER_MS } from '../../src/domain/lifecycle';
import type { Task } from '../../src/domain/task';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import { sleep, waitFor } from '../helpers/wait';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const OLD = 'https://cdn.example/v.mp4?sig=1';
const NEW = 'https://cdn.example/v.mp4?sig=2';
const gone = (url: string, status = 410) => new ApiError('http', 'download', url, '', status);

const completed = (over: Partial<Task> = {}): Task =>
  makeTask({ phase: 'completed', status: 'completed', remoteId: `r-${Math.random().toString(16).slice(2)}`, videoUrl: OLD, completedAt: Date.now(), ...over });

async function rig(tasks: Task[], fetchVideo: (o: DownloadOptions) => Promise<{ bytes: number }>, over: Partial<DownloadDeps> = {}) {
  const log = new MemoryLog();
  const auto = over.autoDownload ?? (() => true);
  const store = openStore(new MemoryMemento(), log, { autoDownload: auto });
  for (const t of tasks) await store.put(t);
  const failures: string[] = [];
  const warned: Task[] = [];
  const m = new DownloadManager({
    store,
    log,
    downloadFile: fetchVideo,
    dispatcher: () => undefined as never,
    folder: () => '/videos',
    autoDownload: auto,
    idleTimeoutMs: () => 1000,
    onFailed: (_t, message) => failures.push(message),
    onLinkExpiring: (t) => warned.push(t),
    ...over,
  });
  cleanups.push(() => m.dispose(), () => store.dispose());
  return { store, m, failures, warned, log };
}

describe('an expired link', () => {
  for (const status of [403, 404, 410]) {
    test(`HTTP ${status}: the service is asked once more, and a new link is downloaded and kept`, async () => {
      const t = completed();
      const urls: string[] = [];
      const asked: string[] = [];
      const r = await rig(
        [t],
        (o) => {
          urls.push(o.url);
          return o.url === OLD ? Promise.reject(gone(o.url, status)) : Promise.resolve({ bytes: 5 });
        },
        { freshVideoUrl: (id) => (asked.push(id), Promise.resolve(NEW)) },
      );
      const after = await r.m.download(t.localId);
      assert.deepEqual(urls, [OLD, NEW]);
      assert.deepEqual(asked, [t.remoteId]);
      assert.equal(after?.download?.state, 'done');
      assert.equal(after?.videoUrl, NEW, 'the new link is kept');
      assert.deepEqual(r.failures, []);
    });
  }

  test('the same link again, no link, or a failed query: expired as before, reported once', async () => {
    const answers: Array<() => Promise<string | undefined>> = [() => Promise.resolve(OLD), () => Promise.resolve(undefined), () => Promise.reject(new Error('HTTP 401'))];
    for (const answer of answers) {
      const t = completed();
      let calls = 0;
      let asked = 0;
      const r = await rig(
        [t],
        (o) => {
          calls++;
          return Promise.reject(gone(o.url));
        },
        { freshVideoUrl: () => (asked++, answer()) },
      );
      await r.m.download(t.localId);
      r.m.scan();
      await sleep(20);
      assert.equal(r.store.get(t.localId)?.download?.state, 'expired');
      assert.deepEqual([calls, asked, r.failures.length], [1, 1, 1]);
      assert.equal(r.store.get(t.localId)?.videoUrl, OLD);
    }
  });

  test('a new link that has expired too: expired, without asking again', async () => {
    const t = completed();
    let asked = 0;
    const r = await rig([t], (o) => Promise.reject(gone(o.url)), { freshVideoUrl: () => (asked++, Promise.resolve(NEW)) });
    const after = await r.m.download(t.localId);
    assert.equal(after?.download?.state, 'expired');
    assert.equal(asked, 1);
    assert.equal(r.failures.length, 1);
  });

  test('another failure (a dropped connection) is retried later, without asking the service', async () => {
    const t = completed();
    let asked = 0;
    const r = await rig([t], (o) => Promise.reject(new ApiError('lost', 'download', o.url, 'ECONNRESET')), { freshVideoUrl: () => (asked++, Promise.resolve(NEW)) });
    const after = await r.m.download(t.localId);
    assert.equal(after?.download?.state, 'failed');
    assert.equal(asked, 0);
  });
});

describe('the warning before a link expires (automatic downloads off)', () => {
  const off = { autoDownload: () => false };
  const never = () => Promise.reject(new Error('nothing is downloaded while autoDownload is off'));

  test(`an unsaved video ${LINK_WARNING_AFTER_MS / 3_600_000} h after completion: warned once, and the task remembers it`, async () => {
    const old = completed({ completedAt: Date.now() - LINK_WARNING_AFTER_MS - 1000 });
    const young = completed({ completedAt: Date.now() - 1000 });
    const saved = completed({ completedAt: old.completedAt, download: { state: 'done', attempts: 1, path: '/videos/a.mp4' } });
    const tooLate = completed({ completedAt: Date.now() - LINK_LIFETIME_MS - 1000 });
    const r = await rig([old, young, saved, tooLate], never, off);
    r.m.scan();
    await waitFor(() => r.warned.length === 1, 'the warning');
    r.m.scan();
    await r.store.update(young.localId, (t) => ({ ...t, status: 'completed' }));
    await sleep(30);
    assert.deepEqual(r.warned.map((t) => t.localId), [old.localId], 'once, and only for the unsaved video in its last hours');
    assert.ok(r.store.get(old.localId)?.linkWarnedAt);
    assert.equal(r.store.get(young.localId)?.linkWarnedAt, undefined);
  });

  test('armed for later: the warning comes when its time is reached', async () => {
    const t = completed({ completedAt: Date.now() - LINK_WARNING_AFTER_MS + 150 });
    const r = await rig([t], never, off);
    r.m.scan();
    await sleep(50);
    assert.equal(r.warned.length, 0, 'not yet');
    await waitFor(() => r.warned.length === 1, 'the warning at its time', 3_000);
  });

  test('not while automatic downloads are on (the video is being saved), nor in a window that does not lead', async () => {
    const t = completed({ completedAt: Date.now() - LINK_WARNING_AFTER_MS - 1000 });
    const r = await rig([t], () => Promise.resolve({ bytes: 1 }));
    r.m.scan();
    await waitFor(() => r.store.get(t.localId)?.download?.state === 'done', 'the automatic download');
    assert.deepEqual(r.warned, []);
    const f = await rig([completed({ completedAt: t.completedAt })], never, off);
    f.m.setLeading(false);
    f.m.scan();
    await sleep(30);
    assert.deepEqual(f.warned, []);
  });
});
