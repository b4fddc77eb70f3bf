// Whether a task still needs work, answered in this one place. Work is what happens to a task
// without the user: the poller checks it at the service until it finishes, and while
// `sora.autoDownload` is on the downloads save its video (retried, or taken over from a window that
// died). A finished task with no work left is settled: failed, saved, its link expired, its
// download failed for good, or any finished video while automatic downloads are off (the user
// saves it, or turns the setting back on: the engine then rescans every task). A draft is neither:
// one being sent is the business of the window sending it (its engine runs already), one whose
// outcome is unknown waits for the user.
//
// Users: the extension's start-up (`store.all().some((t) => needsWork(t, { autoDownload }))`
// decides whether to start the engine), the repository (isSettled: finished tasks it keeps in the
// archive log), the poller (needsPolling) and the downloads (downloadDueAt, needsDownload).
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

/** The service has the task and has not finished it: the poller checks it. */
export function needsPolling(t: Task): boolean {
  return t.phase === 'active' && !!t.remoteId;
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

/** Shown as in progress (the status bar's count, the list's refresh): sent, or at the service and not finished. */
export function isRunning(t: Task): boolean {
  return t.phase === 'active' || t.phase === 'submitting';
}
