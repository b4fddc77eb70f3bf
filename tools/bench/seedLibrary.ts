// A long-time user's library, written where the extension reads it: finished tasks through the real
// repository into the archive log in the window's global storage, and the newest ones' videos saved
// in the download folder under the names the extension gives them (src/domain/files.ts), each the
// task's `download.path`, as src/domain/savedVideos.ts matches them. The videos are hard links to
// (or copies of) the simulator's sample, so 500 of them cost one file's space. Used by the library
// bench (tools/bench/library.ts) and the README screenshots (tools/screenshots.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { videoFileName } from '../../src/domain/files';
import { RETRY_DELAYS_MS } from '../../src/domain/lifecycle';
import type { Task } from '../../src/domain/task';
import { FileArchiveLog } from '../../src/persistence/archiveLog';
import { TaskStore } from '../../src/persistence/repository';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../../test/fixtures/memento';
import { prng } from '../../test/fixtures/prng';

export const SAMPLE_VIDEO = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'simulator', 'sample.mp4');

export interface LibraryOptions {
  /** The archive log file (UD/User/globalStorage/<extension id>/<ARCHIVE_FILE>). */
  archiveFile: string;
  /** Where `sora.downloadFolder` points. */
  downloadDir: string;
  tasks: number;
  /** How many of the newest finished tasks have a saved video. */
  videos: number;
  /** One task in this many of the older ones failed (0: none). */
  failedEvery?: number;
  /** Time between two tasks' creation (default an hour). */
  spacingMs?: number;
  /** Fixed prompts for the newest tasks (screenshots), newest last. */
  prompts?: readonly string[];
}

export interface Library {
  /** Newest last, as written. */
  tasks: Task[];
  videoFiles: string[];
}

const WORDS = 'a slow dolly shot over a misty harbour at dawn with fishing boats gulls and warm light cinematic 35mm film grain neon city rain reflections drone fly through forest canopy golden hour lighthouse orchard kettle'.split(' ');
const MODELS = ['openAiSora2Plus', 'openAiSora2Pro'] as const;

function saveVideo(file: string): void {
  try {
    fs.linkSync(SAMPLE_VIDEO, file);
  } catch {
    // Another file system than the repository's: a copy does the same.
    fs.copyFileSync(SAMPLE_VIDEO, file);
  }
}

export async function seedLibrary(o: LibraryOptions): Promise<Library> {
  fs.mkdirSync(path.dirname(o.archiveFile), { recursive: true });
  fs.mkdirSync(o.downloadDir, { recursive: true });
  const store = new TaskStore(new MemoryMemento(), new MemoryLog(), { archive: new FileArchiveLog(o.archiveFile), autoDownload: () => true, syncMs: 0 });
  const r = prng(14);
  const now = Date.now();
  const tasks: Task[] = [];
  const videoFiles: string[] = [];
  const prompts = o.prompts ?? [];
  for (let i = 0; i < o.tasks; i++) {
    const fromNewest = o.tasks - 1 - i;
    const fixed = prompts[prompts.length - 1 - fromNewest];
    const words = Array.from({ length: 12 + Math.floor(r() * 30) }, () => WORDS[Math.floor(r() * WORDS.length)]);
    const remoteId = `sora_lib_${i.toString(16).padStart(8, '0')}`;
    const createdAt = now - (fromNewest + 1) * (o.spacingMs ?? 3_600_000);
    const hasVideo = fromNewest < o.videos;
    const failed = !hasVideo && !!o.failedEvery && i % o.failedEvery === 0;
    const amount = Math.round((0.4 + r() * 1.2) * 100) / 100;
    const task: Task = {
      localId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      remoteId,
      phase: failed ? 'failed' : 'completed',
      status: failed ? 'failed' : 'completed',
      settings: { prompt: fixed ?? words.join(' '), model: MODELS[i % MODELS.length], aspectRatio: r() < 0.7 ? '16:9' : '9:16', seconds: ([4, 8, 12] as const)[Math.floor(r() * 3)] },
      createdAt,
      updatedAt: createdAt + 300_000,
      poll: { errors: 0 },
      ...(failed ? { error: 'Content policy violation: the prompt was rejected' } : { completedAt: createdAt + 300_000, actualDuration: 8, amount, videoUrl: `http://127.0.0.1:9/v/${remoteId}.mp4` }),
    };
    if (hasVideo) {
      const file = path.join(o.downloadDir, videoFileName(remoteId));
      saveVideo(file);
      // Saved when the task finished: the folder's order is the list's.
      const at = new Date(createdAt + 300_000);
      fs.utimesSync(file, at, at);
      task.download = { state: 'done', attempts: 1, path: file };
      videoFiles.push(file);
    } else if (!failed) {
      // Its link expired before it was saved: settled, so the archive log holds it (a task still
      // due for a download would stay in global state, which the seed does not write).
      task.download = { state: 'failed', attempts: RETRY_DELAYS_MS.length + 1, error: 'The video link has expired.' };
    }
    await store.put(task);
    tasks.push(task);
  }
  store.dispose();
  // Every task must be in the log: one left in global state (which is not written here) is lost.
  const check = new TaskStore(new MemoryMemento(), new MemoryLog(), { archive: new FileArchiveLog(o.archiveFile), autoDownload: () => true });
  const stored = check.all().length;
  check.dispose();
  if (stored !== o.tasks) throw new Error(`the archive log holds ${stored} of the ${o.tasks} seeded tasks`);
  return { tasks, videoFiles };
}
