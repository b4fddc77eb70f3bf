// Saves every completed video before its URL expires: one download at a time, retried with
// backoff, an expired URL reported once. A download needs no key (the URL is public). A link that
// answers as expired is not given up at once: the service is asked once for the task again, as it
// may hand out a new link. With automatic downloads off, the user is warned once per video
// before its link expires (lifecycle.ts, linkWarningAt).
// Automatic downloads run only in the window that polls (see lease.ts); any window downloads when
// the user asks, unless another window is downloading that video right now. Which videos are due
// and when (retries, downloads left by a dead window) is the lifecycle rule (domain/lifecycle.ts).
import path = require('node:path');
import { promises as fs } from 'node:fs';
import type { Dispatcher } from 'undici';
import { DownloadTooLargeError, isExpired, videoFileName } from '../domain/files';
import { downloadFile, type DownloadOptions } from '../http/download';
import type { Task } from '../domain/task';
import { downloadDueAt, downloadingElsewhere, linkWarningAt, needsDownload, RETRY_DELAYS_MS } from '../domain/lifecycle';
import type { TaskStore } from '../persistence/repository';
import { hideUrlQueries, type Log } from '../util/log';
import { t as tr } from '../util/l10n';

export interface DownloadDeps {
  store: TaskStore;
  /** The transfer itself; tests replace it to control timing and failures (a fake may omit the path). */
  downloadFile?: (o: DownloadOptions) => Promise<{ bytes: number; path?: string }>;
  dispatcher(): Dispatcher;
  /** The folder to save into; throws a readable error when the setting is unusable. */
  folder(): string;
  autoDownload(): boolean;
  idleTimeoutMs(): number;
  /** sora.maxDownloadMB in bytes (default: downloadFile's). */
  maxBytes?(): number | undefined;
  /** Asks the service for the task again: the video URL it gives now, or undefined (no key, not completed). */
  freshVideoUrl?(remoteId: string): Promise<string | undefined>;
  log: Log;
  onFailed?(task: Task, message: string): void;
  /** Automatic downloads are off and this unsaved video's link expires soon (once per task). */
  onLinkExpiring?(task: Task): void;
}

export class DownloadManager {
  private running = new Map<string, Promise<Task | undefined>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sub: { dispose(): void };
  private disposed = false;
  private leading = true;
  private readonly aborts = new Map<string, AbortController>();

  constructor(private readonly d: DownloadDeps) {
    this.sub = d.store.onDidChange(() => this.scan());
  }

  /** Starts automatic downloads that are due and arms a timer for retries. */
  scan(): void {
    if (this.disposed || !this.leading) return;
    if (!this.d.autoDownload()) return this.warnBeforeExpiry();
    const now = Date.now();
    let soonest = Infinity;
    for (const t of this.d.store.all()) {
      if (this.running.has(t.localId)) continue;
      if (needsDownload(t, now)) void this.download(t.localId);
      // Due later: a retry, or another window's download once it would go stale.
      else soonest = Math.min(soonest, downloadDueAt(t) ?? Infinity);
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (soonest < Infinity) this.timer = setTimeout(() => this.scan(), Math.max(100, soonest - now));
  }

  /** Automatic downloads off: warns (once per task) of unsaved videos whose link expires soon, and arms a timer for the next. */
  private warnBeforeExpiry(): void {
    const now = Date.now();
    let soonest = Infinity;
    for (const { localId } of this.d.store.all()) {
      // Read afresh: the update below fires a nested scan, which may have warned of this one already.
      const t = this.d.store.get(localId);
      const at = t && linkWarningAt(t, now);
      if (at === undefined) continue;
      if (at > now) soonest = Math.min(soonest, at);
      else void this.d.store.update(localId, (cur) => ({ ...cur, linkWarnedAt: now })).then((warned) => warned && this.d.onLinkExpiring?.(warned));
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = soonest < Infinity ? setTimeout(() => this.scan(), Math.max(100, soonest - now)) : undefined;
  }

  /** This window leads (downloads automatically) or follows (only when asked). */
  setLeading(leading: boolean): void {
    this.leading = leading;
    if (leading) this.scan();
    else if (this.timer) clearTimeout(this.timer);
  }

  /** Downloads now (or joins the download under way); resolves with the task as saved. */
  download(localId: string): Promise<Task | undefined> {
    const existing = this.running.get(localId);
    if (existing) return existing;
    // run() starts in a later microtask: its first store update fires onDidChange → scan(), which
    // must already see this download as running (else it starts another, recursively).
    // Afterwards scan again: the scan fired by run()'s last store update skipped this task (still
    // running), so a failed download's retry timer is only armed here.
    const p = Promise.resolve()
      .then(() => this.run(localId))
      .finally(() => {
        this.running.delete(localId);
        this.scan();
      });
    this.running.set(localId, p);
    return p;
  }

  /** Resolves when another window's download of this task ends (or goes stale), with the task then. */
  private waitForOther(localId: string): Promise<Task | undefined> {
    return new Promise((resolve) => {
      const check = (): void => {
        const t = this.d.store.get(localId);
        if (this.disposed || !t || !downloadingElsewhere(t, Date.now())) {
          sub.dispose();
          clearInterval(poll);
          resolve(t);
        }
      };
      const sub = this.d.store.onDidChange(check);
      // Staleness is a matter of time, not of a store change.
      const poll = setInterval(check, 5_000);
    });
  }

  private async run(localId: string): Promise<Task | undefined> {
    let task = this.d.store.get(localId);
    if (task && downloadingElsewhere(task, Date.now())) {
      task = await this.waitForOther(localId);
      if (task?.download?.state === 'done' || task?.download?.state === 'expired') return task;
    }
    if (!task?.videoUrl || !task.remoteId || this.disposed) return task;
    const attempts = (task.download?.attempts ?? 0) + 1;
    let dest: string;
    try {
      dest = path.join(this.d.folder(), videoFileName(task.remoteId));
    } catch (e) {
      return this.fail(localId, attempts, (e as Error).message, false);
    }
    const started = Date.now();
    await this.d.store.update(localId, (t) => ({ ...t, download: { state: 'downloading', attempts, path: dest, startedAt: started } }));
    const abort = new AbortController();
    this.aborts.set(localId, abort);
    try {
      const saved = await this.withFreshLink(localId, task, (url) => (this.d.downloadFile ?? downloadFile)({
        url,
        dest,
        dispatcher: this.d.dispatcher(),
        idleTimeoutMs: this.d.idleTimeoutMs(),
        maxBytes: this.d.maxBytes?.(),
        signal: abort.signal,
      }));
      // A file already under that name is kept: the video may have gone to `name (2).mp4`.
      const where = saved.path ?? dest;
      this.d.log.info(`saved ${task.remoteId} to ${where}: ${saved.bytes} bytes in ${Date.now() - started} ms`);
      return await this.d.store.update(localId, (t) => ({ ...t, download: { state: 'done', attempts, path: where } }));
    } catch (e) {
      if (abort.signal.aborted) return this.d.store.get(localId);
      // Stored and shown: a failure that names the signed URL must not carry its signature.
      const message = hideUrlQueries((e as Error).message);
      if (isExpired(e)) {
        const expired = await this.d.store.update(localId, (t) => ({
          ...t,
          download: { state: 'expired', attempts, error: tr('The video link has expired or is gone: {0}', message) },
        }));
        if (expired) this.d.onFailed?.(expired, expired.download!.error!);
        return expired;
      }
      // The same video would be too large again: only a larger sora.maxDownloadMB helps.
      return this.fail(localId, attempts, message, !(e instanceof DownloadTooLargeError));
    } finally {
      this.aborts.delete(localId);
    }
  }

  /**
   * One transfer from the task's link; when that has expired (403, 404, 410), asks the service once
   * for the task again and, given a different link, keeps it and transfers from there.
   */
  private async withFreshLink<T>(localId: string, task: Task, transfer: (url: string) => Promise<T>): Promise<T> {
    try {
      return await transfer(task.videoUrl!);
    } catch (e) {
      if (!isExpired(e) || !this.d.freshVideoUrl || this.disposed) throw e;
      let fresh: string | undefined;
      try {
        fresh = await this.d.freshVideoUrl(task.remoteId!);
      } catch (q) {
        this.d.log.warn(`asking for a new link of ${task.remoteId!} failed: ${(q as Error).message}`);
      }
      if (!fresh || fresh === task.videoUrl) {
        this.d.log.info(`the link of ${task.remoteId!} has expired and the service gave no new one`);
        throw e;
      }
      this.d.log.info(`the link of ${task.remoteId!} had expired; the service gave a new one`);
      await this.d.store.update(localId, (t) => ({ ...t, videoUrl: fresh }));
      return transfer(fresh);
    }
  }

  private async fail(localId: string, attempts: number, message: string, retry: boolean): Promise<Task | undefined> {
    const delay = RETRY_DELAYS_MS[attempts - 1];
    const willRetry = retry && delay !== undefined;
    this.d.log.warn(`download of ${localId} failed (attempt ${attempts}${willRetry ? `, retry in ${delay} ms` : ''}): ${message}`);
    const failed = await this.d.store.update(localId, (t) => ({
      ...t,
      download: { state: 'failed', attempts: willRetry ? attempts : RETRY_DELAYS_MS.length + 1, error: message, nextAt: willRetry ? Date.now() + delay : undefined },
    }));
    // Tell the user once: when giving up, not on each attempt.
    if (failed && !willRetry) this.d.onFailed?.(failed, message);
    return failed;
  }

  /** The saved file if it is still there. */
  async localFile(task: Task): Promise<string | undefined> {
    const p = task.download?.state === 'done' ? task.download.path : undefined;
    if (!p) return undefined;
    try {
      return (await fs.stat(p)).isFile() ? p : undefined;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.sub.dispose();
    // Hand unfinished downloads back, so the window that polls next starts them at once.
    for (const [localId, abort] of this.aborts) {
      abort.abort();
      void this.d.store.update(localId, (t) => (t.download?.state === 'downloading' ? { ...t, download: { ...t.download, state: 'pending', startedAt: undefined } } : t));
    }
  }
}
