// The composer's status line after a create: "created (queued)" alone would go stale while the
// task runs for minutes, so the host follows the task it announced until it ends (or leaves the
// list) and says where it went. Only the latest created task is followed; the list has the rest.
import type { Task } from '../../domain/task';
import { clean } from '../../domain/errors';
import type { Event } from '../../util/emitter';
import { hideUrlQueries } from '../../util/log';
import { t } from '../../util/l10n';

/** What the status line says about a task the composer created, in whatever phase it is now. */
export function progressMessage(task: Task): string {
  const id = task.remoteId ?? '';
  switch (task.phase) {
    case 'completed':
      return t('Task {0} completed. The video is in the Sora task list.', id);
    case 'failed':
      return t('Task {0} failed: {1}', id, clean(hideUrlQueries(task.error ?? t('no reason given'))));
    default:
      return t('Task {0} created ({1}). It appears in the Sora task list.', id, task.status);
  }
}

export interface WatchedStore {
  readonly onDidChange: Event<void>;
  get(localId: string): Task | undefined;
}

export class TaskWatch {
  private current: { localId: string; said: string; stop(): void } | undefined;

  constructor(
    private readonly store: WatchedStore,
    private readonly tell: (taskId: string, message: string) => void,
  ) {}

  /** Follows this task from now on (the webview was told `said` already). */
  follow(task: Task, said: string): void {
    this.dispose();
    if (task.phase === 'completed' || task.phase === 'failed') return;
    const sub = this.store.onDidChange(() => this.changed());
    this.current = { localId: task.localId, said, stop: () => sub.dispose() };
    // The store may have moved on between the reply and now (a fast service, another window).
    this.changed();
  }

  private changed(): void {
    const cur = this.current;
    if (!cur) return;
    const task = this.store.get(cur.localId);
    if (!task) return this.dispose();
    const message = progressMessage(task);
    if (message !== cur.said) {
      cur.said = message;
      this.tell(task.remoteId ?? '', message);
    }
    if (task.phase === 'completed' || task.phase === 'failed') this.dispose();
  }

  dispose(): void {
    this.current?.stop();
    this.current = undefined;
  }
}
