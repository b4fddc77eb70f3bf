// Whether a task still needs work, answered in this one place. Work is what happens to a task
// without the user: the poller checks it at the service until it finishes, and while
// `sora.autoDownload` is on the downloads save its video (retried, or taken over from a window that
// died). A finished task with no work left is settled: failed, saved, its link expired, its
// download failed for good, or any finished video while automatic downloads are off (the user
// saves it, or turns the setting back on: the engine then rescans every task). A draft is neither:
// one being sent is the business of the window sending it (its engine runs already), one whose
// outcome is unknown waits for the user.
//
// A task at the service that needs attention is not work either: the service refused several
// checks in a row (401, 403, 404: a wrong key, a task it does not know), or a check found it still
// running a day after it was created. Asking again by itself would not change that; the user
// checks it by hand (Check Again, Refresh). It is unfinished, so the repository keeps it with the
// unfinished tasks, and a check that gets an answer puts it back to work.
//
// Users: the extension's start-up (needsEngine decides whether to start the engine), the
// repository (isSettled: finished tasks it keeps in the archive log), the poller (needsPolling,
// isAtService), the downloads (downloadDueAt, needsDownload, linkWarningAt) and the views
// (attentionOf, isTakingLong).
import { STOP_POLLING_AFTER_MS, takingLongMs } from './schedule';
import type { Task } from './task';

/** Waits before the automatic retries of a failed download; after the last one it has failed for good. */
export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000];
/**
 * A 'downloading' entry older than this is taken to have died with its window. A window that
 * closes normally hands its downloads back at once (see downloads.ts); this is for one that crashed.
 */
export const STALE_DOWNLOAD_MS = 10 * 60_000;

export interface WorkOptions {
  /** The `sora.autoDownload` setting: finished videos are saved without being asked. */
  autoDownload: boolean;
}

/** The rule: the poller or the automatic downloads will still act on this task by themselves. */
export function needsWork(t: Task, o: WorkOptions): boolean {
  return needsPolling(t) || (o.autoDownload && downloadDueAt(t) !== undefined);
}

/** Finished, and nothing more happens to it without the user: it belongs in the archive log. */
export function isSettled(t: Task, o: WorkOptions): boolean {
  return (t.phase === 'completed' || t.phase === 'failed') && !needsWork(t, o);
}

/** The service has the task and has not finished it: it can be checked (by the user at least). */
export function isAtService(t: Task): boolean {
  return t.phase === 'active' && !!t.remoteId;
}

/** The service has the task, has not finished it, and it does not need attention: the poller checks it. */
export function needsPolling(t: Task): boolean {
  return isAtService(t) && attentionOf(t) === undefined;
}

/** Checks in a row answered 401, 403 or 404 after which a task is no longer checked automatically. */
export const REFUSED_CHECKS_LIMIT = 3;
/** The statuses that say the check itself cannot succeed (key, permission, unknown id) until something changes. */
export const REFUSING_STATUSES: readonly number[] = [401, 403, 404];

/**
 * refused: the last REFUSED_CHECKS_LIMIT checks were answered 401, 403 or 404.
 * overdue: a check STOP_POLLING_AFTER_MS or more after creation found it still running.
 */
export type Attention = 'refused' | 'overdue';

/** Why a task at the service is no longer checked automatically; undefined when it is. */
export function attentionOf(t: Task): Attention | undefined {
  if (!isAtService(t)) return undefined;
  if ((t.poll.refused?.count ?? 0) >= REFUSED_CHECKS_LIMIT) return 'refused';
  if (t.poll.lastAt !== undefined && t.poll.lastAt - t.createdAt >= STOP_POLLING_AFTER_MS) return 'overdue';
  return undefined;
}

/** Still checked, and running well past its model's usual time: shown as taking longer than usual. */
export function isTakingLong(t: Task, now: number): boolean {
  return needsPolling(t) && now - t.createdAt > takingLongMs(t.settings);
}

/**
 * When the video is due to be saved automatically: a time at or before now to start it, a later
 * one for a retry (its time) or for another window's download (when that goes stale). Undefined
 * when there is nothing to download: not completed, no URL, saved, expired, or failed for good.
 */
export function downloadDueAt(t: Task): number | undefined {
  if (t.phase !== 'completed' || !t.videoUrl || !t.remoteId) return undefined;
  const d = t.download;
  if (!d || d.state === 'pending') return 0;
  // Without a start time it died with its window (a reload, a crash): due again at once.
  if (d.state === 'downloading') return d.startedAt === undefined ? 0 : d.startedAt + STALE_DOWNLOAD_MS;
  if (d.state === 'failed' && d.attempts <= RETRY_DELAYS_MS.length) return d.nextAt ?? 0;
  return undefined;
}

/** An automatic download should start now. */
export function needsDownload(t: Task, now: number): boolean {
  const at = downloadDueAt(t);
  return at !== undefined && at <= now;
}

/** Another window (or a dead one, until it goes stale) is downloading this video. */
export function downloadingElsewhere(t: Task, now: number): boolean {
  const d = t.download;
  return d?.state === 'downloading' && d.startedAt !== undefined && d.startedAt > now - STALE_DOWNLOAD_MS;
}

/** The service keeps a video link this long after the task completed (documented: one day). */
export const LINK_LIFETIME_MS = 24 * 60 * 60_000;
/** With automatic downloads off, the user is told this long after completion that the link will expire. */
export const LINK_WARNING_AFTER_MS = 20 * 60 * 60_000;

/**
 * When to tell the user that an unsaved video's link is about to expire (automatic downloads
 * off): its time, or undefined when there is nothing to tell: not completed, saved, being saved,
 * expired, told already, or past the link's lifetime at `now` (too late to help).
 */
export function linkWarningAt(t: Task, now: number): number | undefined {
  if (t.phase !== 'completed' || !t.videoUrl || !t.remoteId || t.completedAt === undefined || t.linkWarnedAt !== undefined) return undefined;
  const state = t.download?.state;
  if (state === 'done' || state === 'expired' || state === 'downloading') return undefined;
  if (now >= t.completedAt + LINK_LIFETIME_MS) return undefined;
  return t.completedAt + LINK_WARNING_AFTER_MS;
}

/**
 * Start-up: the engine runs for work, and while automatic downloads are off also to warn about
 * links about to expire (a reminder, not work: such a task stays settled).
 */
export function needsEngine(t: Task, o: WorkOptions, now: number): boolean {
  return needsWork(t, o) || (!o.autoDownload && linkWarningAt(t, now) !== undefined);
}

/** Shown as in progress (the status bar's count, the list's refresh): sent, or at the service and not finished. */
export function isRunning(t: Task): boolean {
  return t.phase === 'active' || t.phase === 'submitting';
}
