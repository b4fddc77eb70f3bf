// The one lifecycle rule (src/domain/lifecycle.ts): which tasks still need work, which are settled.
// needsDownload's cases are in files.test.ts; the store's placement in store-archive.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { downloadDueAt, isSettled, needsPolling, needsWork, RETRY_DELAYS_MS, STALE_DOWNLOAD_MS, type WorkOptions } from '../../src/domain/lifecycle';
import type { DownloadInfo, Task } from '../../src/domain/task';
import { makeTask } from '../helpers/tasks';

const on: WorkOptions = { autoDownload: true };
const off: WorkOptions = { autoDownload: false };
const completed = (download?: DownloadInfo, over: Partial<Task> = {}): Task =>
  makeTask({ phase: 'completed', status: 'completed', remoteId: 'r', videoUrl: 'https://x/y.mp4', download, ...over });

describe('needsWork', () => {
  test('an active task at the service is polled, whatever the download setting', () => {
    const t = makeTask({ phase: 'active', remoteId: 'r' });
    assert.equal(needsPolling(t), true);
    assert.equal(needsWork(t, on), true);
    assert.equal(needsWork(t, off), true);
    assert.equal(needsWork({ ...t, remoteId: undefined }, on), false, 'nothing can poll a task without its id');
  });

  test('drafts and failed tasks need none: they wait for the user or are final', () => {
    for (const phase of ['submitting', 'unknown', 'failed'] as const) {
      assert.equal(needsWork(makeTask({ phase, remoteId: 'r' }), on), false, phase);
    }
  });

  test('a finished video still to save automatically is work only while autoDownload is on', () => {
    const cases: Array<DownloadInfo | undefined> = [
      undefined,
      { state: 'pending', attempts: 0 },
      { state: 'downloading', attempts: 1, startedAt: Date.now() },
      { state: 'downloading', attempts: 1 },
      { state: 'failed', attempts: 1, nextAt: Date.now() + 5_000 },
      { state: 'failed', attempts: RETRY_DELAYS_MS.length, nextAt: Date.now() },
    ];
    for (const d of cases) {
      assert.equal(needsWork(completed(d), on), true, JSON.stringify(d));
      assert.equal(needsWork(completed(d), off), false, `with autoDownload off: ${JSON.stringify(d)}`);
    }
  });

  test('saved, expired, failed for good, or nothing to fetch: no work, with or without autoDownload', () => {
    const cases: Task[] = [
      completed({ state: 'done', attempts: 1, path: '/v.mp4' }),
      completed({ state: 'expired', attempts: 1, error: 'gone' }),
      completed({ state: 'failed', attempts: RETRY_DELAYS_MS.length + 1, error: 'disk full' }),
      completed(undefined, { videoUrl: undefined }),
    ];
    for (const t of cases) {
      assert.equal(needsWork(t, on), false, JSON.stringify(t.download ?? t.videoUrl));
      assert.equal(needsWork(t, off), false, JSON.stringify(t.download ?? t.videoUrl));
    }
  });
});

describe('isSettled', () => {
  test('a finished task with no work left is settled; an unfinished one never is', () => {
    assert.equal(isSettled(makeTask({ phase: 'failed', status: 'failed' }), on), true);
    assert.equal(isSettled(completed({ state: 'done', attempts: 1, path: '/v.mp4' }), on), true);
    assert.equal(isSettled(completed({ state: 'expired', attempts: 1 }), on), true, 'an expired link is settled');
    assert.equal(isSettled(completed({ state: 'failed', attempts: RETRY_DELAYS_MS.length + 1 }), on), true, 'a download failed for good is settled');
    assert.equal(isSettled(completed(), off), true, 'an unsaved video while autoDownload is off is settled');
    assert.equal(isSettled(completed(), on), false, 'an unsaved video while autoDownload is on is not');
    for (const phase of ['submitting', 'unknown', 'active'] as const) assert.equal(isSettled(makeTask({ phase }), off), false, phase);
  });
});

describe('downloadDueAt', () => {
  test('now for a new or interrupted download; a retry at its time; another window’s download when it goes stale', () => {
    assert.equal(downloadDueAt(completed()), 0);
    assert.equal(downloadDueAt(completed({ state: 'downloading', attempts: 1 })), 0);
    assert.equal(downloadDueAt(completed({ state: 'downloading', attempts: 1, startedAt: 1_000 })), 1_000 + STALE_DOWNLOAD_MS);
    assert.equal(downloadDueAt(completed({ state: 'failed', attempts: 1, nextAt: 7_000 })), 7_000);
    assert.equal(downloadDueAt(completed({ state: 'expired', attempts: 1 })), undefined);
    assert.equal(downloadDueAt(makeTask({ phase: 'active', remoteId: 'r', videoUrl: 'https://x/y.mp4' })), undefined);
  });
});
