// Which of the states the list tells apart a task is in: the tree's icon and status word, the
// Find Task pick and the task filter all go by it (pure, so the filter can be tested without VS Code).
import { unknownStatus, type Task } from './task';
import { attentionOf } from './lifecycle';

/** The states the list tells apart, each with its own icon. */
export type ShownState =
  | 'sending'
  | 'outcomeUnknown'
  | 'queued'
  | 'processing'
  /** Tracked by its id and not checked yet. */
  | 'tracking'
  /** At the service with a status word the extension does not know; still checked. */
  | 'unknownStatus'
  | 'attention'
  | 'completed'
  | 'saving'
  /** Completed, but the download failed or the link expired. */
  | 'notSaved'
  | 'failed';

export function shownState(task: Task): ShownState {
  switch (task.phase) {
    case 'submitting':
      return 'sending';
    case 'unknown':
      return 'outcomeUnknown';
    case 'failed':
      return 'failed';
    case 'completed': {
      const d = task.download?.state;
      if (d === 'downloading') return 'saving';
      return d === 'expired' || d === 'failed' ? 'notSaved' : 'completed';
    }
    case 'active':
      if (attentionOf(task)) return 'attention';
      if (unknownStatus(task) !== undefined) return 'unknownStatus';
      // The service's own words for the states the extension knows (task.ts KNOWN_ACTIVE).
      return task.status === 'queued' ? 'queued' : task.status === 'processing' ? 'processing' : 'tracking';
  }
}
