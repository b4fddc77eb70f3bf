// Saves every completed video before its URL expires: one download at a time, retried with
// backoff, an expired URL reported once. A download needs no key (the URL is public).
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Dispatcher } from 'undici';
import { isExpired, videoFileName } from './files';
import type { NetModule } from '../net/load';
import type { Task } from './model';
import type { TaskStore } from './store';
import type { Log } from '../util/log';
import { t as tr } from '../util/l10n';

export interface DownloadDeps {
  store: TaskStore;
  net(): NetModule;
  dispatcher(): Dispatcher;
  /** The folder to save into; throws a readable error when the setting is unusable. */
  folder(): string;
  autoDownload(): boolean;
  idleTimeoutMs(): number;
  log: Log;
  onSaved?(task: Task): void;
  onFailed?(task: Task, message: string): void;
}

export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000];

export function needsDownload(t: Task, now: number): boolean {
  if (t.phase !== 'completed' || !t.videoUrl || !t.remoteId) return false;
  const d = t.download;
  if (!d) return true;
  // 'downloading' here means a download that died with the window: start it again.
  if (d.state === 'pending' || d.state === 'downloading') return true;
  return d.state === 'failed' && d.attempts <= RETRY_DELAYS_MS.length && (d.nextAt ?? 0) <= now;
}

export class DownloadManager {
  private running = new Map<string, Promise<Task | undefined>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sub: { dispose(): void };
  private disposed = false;

  constructor(private readonly d: DownloadDeps) {
    this.sub = d.store.onDidChange(() => this.scan());
  }

  /** Starts automatic downloads that are due and arms a timer for retries. */
  scan(): void {
    if (this.disposed || !this.d.autoDownload()) return;
    const now = Date.now();
    let soonest = Infinity;
    for (const t of this.d.store.all()) {
      if (this.running.has(t.localId)) continue;
      if (needsDownload(t, now)) void this.download(t.localId);
      else if (t.download?.state === 'failed' && t.download.nextAt && t.download.attempts <= RETRY_DELAYS_MS.length) {
        soonest = Math.min(soonest, t.download.nextAt);
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (soonest < Infinity) this.timer = setTimeout(() => this.scan(), Math.max(100, soonest - now));
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

  private async run(localId: string): Promise<Task | undefined> {
    const task = this.d.store.get(localId);
    if (!task?.videoUrl || !task.remoteId) return task;
    const attempts = (task.download?.attempts ?? 0) + 1;
    let dest: string;
    try {
      dest = path.join(this.d.folder(), videoFileName(task.remoteId));
    } catch (e) {
      return this.fail(localId, attempts, (e as Error).message, false);
    }
    await this.d.store.update(localId, (t) => ({ ...t, download: { state: 'downloading', attempts, path: dest } }));
    const started = Date.now();
    try {
      const { bytes } = await this.d.net().downloadFile({
        url: task.videoUrl,
        dest,
        dispatcher: this.d.dispatcher(),
        idleTimeoutMs: this.d.idleTimeoutMs(),
      });
      this.d.log.info(`saved ${task.remoteId} to ${dest}: ${bytes} bytes in ${Date.now() - started} ms`);
      const saved = await this.d.store.update(localId, (t) => ({ ...t, download: { state: 'done', attempts, path: dest } }));
      if (saved) this.d.onSaved?.(saved);
      return saved;
    } catch (e) {
      const message = (e as Error).message;
      if (isExpired(e)) {
        const expired = await this.d.store.update(localId, (t) => ({
          ...t,
          download: { state: 'expired', attempts, error: tr('The video link has expired or is gone: {0}', message) },
        }));
        if (expired) this.d.onFailed?.(expired, expired.download!.error!);
        return expired;
      }
      return this.fail(localId, attempts, message, true);
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
  }
}
