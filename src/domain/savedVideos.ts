// The videos saved in the download folder, newest first, each matched to the task it came from when
// the list still knows it. Clearing the list never deletes a file, so this is how a paid video is
// found again. Reading the folder is src/persistence/videoFolder.ts; this part only decides.
import path = require('node:path');
import type { Task } from './task';
import { videoFileName } from './files';

export interface VideoFile {
  path: string;
  mtimeMs: number;
  size: number;
}

export interface SavedVideo extends VideoFile {
  name: string;
  /** The task the file was saved for, when the list still has it. */
  task?: Task;
}

/**
 * Whether a folder entry is a finished video: an `.mp4` with content. A download in progress is a
 * `.part` file next to an empty placeholder under the final name (src/http/download.ts).
 */
export function isSavedVideo(name: string, size: number): boolean {
  return /\.mp4$/i.test(name) && !name.startsWith('.') && size > 0;
}

/** `clip (2).mp4` → `clip.mp4`: the name a download was given because its first choice was taken. */
export function unnumberedName(name: string): string {
  return name.replace(/ \(\d+\)(\.mp4)$/i, '$1');
}

/**
 * Newest first (then by name, so equal times keep one order). A file is matched to the task whose
 * download was saved under exactly that path, else to the task whose id gives that file name
 * (videoFileName, also with a `(2)` a taken name got); a file nobody in the list made has no task.
 */
export function matchSavedVideos(files: readonly VideoFile[], tasks: readonly Task[]): SavedVideo[] {
  const byPath = new Map<string, Task>();
  const byName = new Map<string, Task>();
  for (const task of tasks) {
    if (task.download?.state === 'done' && task.download.path) byPath.set(task.download.path, task);
    // The newest task of an id wins (tasks are not assumed to come in any order).
    if (task.remoteId === undefined) continue;
    const name = videoFileName(task.remoteId);
    const known = byName.get(name);
    if (!known || known.createdAt < task.createdAt) byName.set(name, task);
  }
  return files
    .map((f) => {
      const name = path.basename(f.path);
      const task = byPath.get(f.path) ?? byName.get(name) ?? byName.get(unnumberedName(name));
      return task ? { ...f, name, task } : { ...f, name };
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
