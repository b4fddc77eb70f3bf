// The gallery's thumbnails in global storage (thumbnails/<safe task id>.jpg): made once by a
// gallery page, then shown from here on every later open, in every window. The folder is listed
// once per panel; a file is written only after its bytes pass the JPEG and size check, through a
// temporary name, and an existing one is never replaced.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { thumbnailFileName } from '../../domain/files';
import { thumbnailProblem, type ThumbnailProblem } from '../../domain/thumbnail';

export const THUMBNAIL_FOLDER = 'thumbnails';

export type SaveResult = { saved: true; file: string } | { saved: false; why: ThumbnailProblem | 'exists' | 'notBase64' };

export class ThumbnailCache {
  private names = new Set<string>();

  constructor(readonly dir: string) {}

  /** Reads which thumbnails exist (a missing folder is an empty cache). */
  async load(): Promise<void> {
    try {
      this.names = new Set((await fs.readdir(this.dir)).filter((n) => n.endsWith('.jpg')));
    } catch {
      this.names = new Set();
    }
  }

  fileFor(taskId: string): string {
    return path.join(this.dir, thumbnailFileName(taskId));
  }

  /** The cached thumbnail's path, when there is one. */
  cached(taskId: string): string | undefined {
    const name = thumbnailFileName(taskId);
    return this.names.has(name) ? path.join(this.dir, name) : undefined;
  }

  async save(taskId: string, base64: string): Promise<SaveResult> {
    const bytes = Buffer.from(base64, 'base64');
    // Node skips what is not base64: a text that does not round-trip was not clean base64.
    if (bytes.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) return { saved: false, why: 'notBase64' };
    const problem = thumbnailProblem(bytes);
    if (problem) return { saved: false, why: problem };
    const name = thumbnailFileName(taskId);
    const file = path.join(this.dir, name);
    if (this.names.has(name) || (await exists(file))) {
      this.names.add(name);
      return { saved: false, why: 'exists' };
    }
    await fs.mkdir(this.dir, { recursive: true });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temp, bytes, { flag: 'wx' });
      // link, not rename: it fails when another window wrote the same thumbnail meanwhile.
      await fs.link(temp, file).catch((e: NodeJS.ErrnoException) =>
        // A disk without hard links: an exclusive copy does the same.
        e.code === 'EEXIST' ? undefined : fs.copyFile(temp, file, constants.COPYFILE_EXCL).catch(ignoreExists),
      );
    } finally {
      await fs.rm(temp, { force: true });
    }
    this.names.add(name);
    return { saved: true, file };
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

function ignoreExists(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EEXIST') throw e;
}
