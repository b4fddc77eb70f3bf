// What the gallery shows of the task list: finished videos as pictures, running tasks as
// placeholders, failed ones only when asked for. Pure (no VS Code), so the rule is unit-tested; the
// panel adds what only the host knows (webview URIs, the cached thumbnails).
import { isSoraSettings, type Task } from './task';
import { matchesFilter, statusGroup, statusGroupWord, type TaskFilter } from './taskFilter';
import { oneLine } from '../util/text';

export type GalleryKind = 'video' | 'running' | 'failed';

export interface GalleryItem {
  /** The task's local id: what the task commands take. */
  id: string;
  /** The service's task id (the local id while it has none): `data-task-id`. */
  taskId: string;
  kind: GalleryKind;
  /** The prompt on one line, cut short (the caption and the accessible name). */
  title: string;
  model: string;
  /** The video's length in seconds: reported, else requested; undefined when neither is known. */
  seconds?: number;
  /** The status in the Tasks view's words. */
  status: string;
  /** When the task was created: a placeholder counts its elapsed time from here. */
  startedAt: number;
  /** The saved video on disk, when there is one. */
  file?: string;
}

export interface GalleryOptions {
  showFailed: boolean;
  filter: TaskFilter;
}

const TITLE_CHARS = 120;

function kindOf(task: Task): GalleryKind {
  if (task.phase === 'completed') return 'video';
  if (task.phase === 'failed') return 'failed';
  return 'running';
}

/** The length a video has, or was asked to have: a reported duration wins over the request. */
export function videoSeconds(task: Task): number | undefined {
  if (task.actualDuration !== undefined && Number.isFinite(task.actualDuration)) return task.actualDuration;
  const s = task.settings;
  if (isSoraSettings(s)) return task.unreported?.includes('seconds') ? undefined : s.seconds;
  for (const key of ['seconds', 'duration']) {
    const v = s.fields[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  }
  return undefined;
}

export function galleryItem(task: Task): GalleryItem {
  const file = task.phase === 'completed' && task.download?.state === 'done' ? task.download.path : undefined;
  return {
    id: task.localId,
    taskId: task.remoteId ?? task.localId,
    kind: kindOf(task),
    title: oneLine(task.settings.prompt, TITLE_CHARS),
    model: task.settings.model,
    seconds: videoSeconds(task),
    status: statusGroupWord(statusGroup(task)),
    startedAt: task.createdAt,
    ...(file ? { file } : {}),
  };
}

/**
 * The items in the list's order. The Tasks view's filter applies; a failed task shows only when
 * the "Show failed" toggle is on or the filter asks for failed tasks by name.
 */
export function galleryItems(tasks: readonly Task[], o: GalleryOptions): GalleryItem[] {
  return tasks.filter((task) => galleryShows(task, o)).map(galleryItem);
}

export function galleryShows(task: Task, o: GalleryOptions): boolean {
  if (task.phase === 'failed' && !o.showFailed && !(o.filter.statuses?.includes('failed') ?? false)) return false;
  return matchesFilter(task, o.filter);
}
