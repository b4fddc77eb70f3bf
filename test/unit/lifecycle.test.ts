// The one lifecycle rule (src/domain/lifecycle.ts): which tasks still need work, which are settled.
// needsDownload's cases are in files.test.ts; the store's placement in store-archive.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attentionOf,
  downloadDueAt,
  isSettled,
  isTakingLong,
  LINK_LIFETIME_MS,
  LINK_WARNING_AFTER_MS,
  linkWarningAt,
  needsEngine,
  needsPolling,
  needsWork,
  REFUSED_CHECKS_LIMIT,
  RETRY_DELAYS_MS,
  STALE_DOWNLOAD_MS,
  type WorkOptions,
} from '../../src/domain/lifecycle';
import { STOP_POLLING_AFTER_MS, takingLongMs } from '../../src/domain/schedule';
import type { DownloadInfo, Task } from '../../src/domain/task';
import { STORE_KEY } from '../../src/persistence/repository';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
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

describe('needs attention', () => {
  const at = (over: Partial<Task> = {}): Task => makeTask({ phase: 'active', remoteId: 'r', createdAt: 1_000_000, ...over });
  const refused = (count: number): Task => at({ poll: { errors: count, lastAt: 1_000_100, refused: { status: 401, count } } });

  test(`${REFUSED_CHECKS_LIMIT} refused checks in a row: not polled, not work, not settled`, () => {
    assert.equal(attentionOf(refused(REFUSED_CHECKS_LIMIT - 1)), undefined);
    assert.equal(needsPolling(refused(REFUSED_CHECKS_LIMIT - 1)), true);
    const t = refused(REFUSED_CHECKS_LIMIT);
    assert.equal(attentionOf(t), 'refused');
    assert.equal(needsPolling(t), false);
    assert.equal(needsWork(t, on), false);
    assert.equal(isSettled(t, on), false, 'unfinished: kept with the unfinished tasks');
  });

  test('a check a day after creation that found it running: overdue; before that, not', () => {
    assert.equal(attentionOf(at({ poll: { errors: 0, lastAt: 1_000_000 + STOP_POLLING_AFTER_MS - 1 } })), undefined);
    const t = at({ poll: { errors: 0, lastAt: 1_000_000 + STOP_POLLING_AFTER_MS } });
    assert.equal(attentionOf(t), 'overdue');
    assert.equal(needsWork(t, off), false);
    assert.equal(attentionOf(at({ createdAt: 0 })), undefined, 'never checked since: the next check decides');
  });

  test('only tasks at the service need attention', () => {
    const poll = { errors: 3, refused: { status: 404, count: 5 } };
    for (const over of [{ phase: 'completed' as const }, { phase: 'failed' as const }, { phase: 'unknown' as const }, { remoteId: undefined }]) {
      assert.equal(attentionOf(at({ poll, ...over })), undefined, JSON.stringify(over));
    }
  });

  test('the repository keeps a task needing attention under the short key, with the unfinished ones', async () => {
    const memento = new MemoryMemento();
    const store = openStore(memento);
    const t = refused(REFUSED_CHECKS_LIMIT);
    await store.put(t);
    const short = memento.get<{ tasks: Task[] }>(STORE_KEY)?.tasks ?? [];
    assert.deepEqual(short.map((x) => x.localId), [t.localId]);
    assert.deepEqual(short[0].poll.refused, { status: 401, count: REFUSED_CHECKS_LIMIT });
    store.dispose();
  });

  test('taking longer than usual: still polled, past the model\'s usual time', () => {
    const t = at();
    const usual = takingLongMs(t.settings);
    assert.equal(usual, 30 * 60_000);
    assert.equal(isTakingLong(t, t.createdAt + usual), false);
    assert.equal(isTakingLong(t, t.createdAt + usual + 1), true);
    assert.equal(isTakingLong(refused(REFUSED_CHECKS_LIMIT), t.createdAt + usual + 1), false, 'needing attention says more');
    assert.equal(isTakingLong(at({ phase: 'completed' }), t.createdAt + usual + 1), false);
  });
});

describe('linkWarningAt', () => {
  const done = 5_000_000;
  const unsaved = (over: Partial<Task> = {}): Task => completed(undefined, { completedAt: done, ...over });

  test(`${LINK_WARNING_AFTER_MS / 3_600_000} h after completion, until the link's lifetime is over`, () => {
    assert.equal(linkWarningAt(unsaved(), done), done + LINK_WARNING_AFTER_MS);
    assert.equal(linkWarningAt(unsaved(), done + LINK_LIFETIME_MS - 1), done + LINK_WARNING_AFTER_MS);
    assert.equal(linkWarningAt(unsaved(), done + LINK_LIFETIME_MS), undefined, 'too late to help');
    assert.equal(linkWarningAt(unsaved({ download: { state: 'failed', attempts: 1, error: 'disk full' } }), done), done + LINK_WARNING_AFTER_MS);
  });

  test('nothing to warn about: warned already, saved, being saved, expired, no URL, not completed', () => {
    const cases: Task[] = [
      unsaved({ linkWarnedAt: done + 1 }),
      unsaved({ download: { state: 'done', attempts: 1, path: '/v.mp4' } }),
      unsaved({ download: { state: 'downloading', attempts: 1, startedAt: done } }),
      unsaved({ download: { state: 'expired', attempts: 1 } }),
      unsaved({ videoUrl: undefined }),
      unsaved({ completedAt: undefined }),
      makeTask({ phase: 'active', remoteId: 'r', videoUrl: 'https://x/y.mp4', completedAt: done }),
    ];
    for (const t of cases) assert.equal(linkWarningAt(t, done), undefined, JSON.stringify(t));
  });

  test('start-up runs the engine for a warning only while automatic downloads are off; the task stays settled', () => {
    const t = unsaved();
    assert.equal(needsEngine(t, off, done), true);
    assert.equal(isSettled(t, off), true);
    assert.equal(needsEngine(t, off, done + LINK_LIFETIME_MS), false);
    assert.equal(needsEngine(unsaved({ linkWarnedAt: done }), off, done), false);
    assert.equal(needsEngine(makeTask({ phase: 'failed' }), off, done), false);
  });
});
