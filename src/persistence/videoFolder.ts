// Reads the download folder for Show Saved Videos: the finished videos there, with their size and
// time. What counts as one, the order and the matching to tasks are src/domain/savedVideos.ts.
import { promises as fs, type Dirent } from 'node:fs';
import path = require('node:path');
import { isSavedVideo, type VideoFile } from '../domain/savedVideos';

/** The saved videos directly in `folder` (not below it); none when the folder does not exist yet. */
export async function listVideoFiles(folder: string): Promise<VideoFile[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (e) {
    // Nothing has been saved there yet.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const found = await Promise.all(
    entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && isSavedVideo(e.name, 1))
      .map(async (e): Promise<VideoFile | undefined> => {
        const file = path.join(folder, e.name);
        // A link counts by what it points to; one that leads nowhere, or to a folder, is skipped.
        const stat = await fs.stat(file).catch(() => undefined);
        return stat?.isFile() && isSavedVideo(e.name, stat.size) ? { path: file, mtimeMs: stat.mtimeMs, size: stat.size } : undefined;
      }),
  );
  return found.filter((f): f is VideoFile => f !== undefined);
}
