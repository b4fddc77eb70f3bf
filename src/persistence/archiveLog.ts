// The archive log's file: JSON lines, appended to, shared by every window (what the lines mean and
// when they are written: archiveTable.ts).
//
// Windows append with O_APPEND (one write() a batch, so lines never interleave on a local disk) and
// read what others appended from where they stopped. A compaction replaces the file by a rename;
// a reader notices by the new inode and reads it again from the start (its store then writes back
// anything of its own the new file lacks, so an append racing the rename is not lost).
import fs = require('node:fs');
import path = require('node:path');

export interface LogRead {
  /** The log was replaced since the last read: `lines` is all of it, not an addition. */
  reset: boolean;
  lines: string[];
}

export interface ArchiveLog {
  /** The complete lines added since the last call. */
  readNew(): LogRead;
  append(lines: string[]): Promise<void>;
  /** Replaces the whole log with these lines (compaction). This reader's next read starts after them. */
  rewrite(lines: string[]): void;
}

const NL = 0x0a;

export class FileArchiveLog implements ArchiveLog {
  private ino = -1;
  private offset = 0;
  /** Bytes after the last newline: a line still being written. */
  private partial: Buffer = Buffer.alloc(0);

  constructor(readonly file: string) {}

  readNew(): LogRead {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const reset = this.ino !== -1;
      this.ino = -1;
      this.offset = 0;
      this.partial = Buffer.alloc(0);
      return { reset, lines: [] };
    }
    let reset = false;
    if (st.ino !== this.ino || st.size < this.offset) {
      // A file that was not there before is an addition read from its start, not a replacement:
      // the lines this window appended to create it are still its own.
      reset = this.ino !== -1;
      this.ino = st.ino;
      this.offset = 0;
      this.partial = Buffer.alloc(0);
    }
    if (st.size === this.offset) return { reset, lines: [] };
    const fresh = Buffer.alloc(st.size - this.offset);
    const fd = fs.openSync(this.file, 'r');
    let got = 0;
    try {
      while (got < fresh.length) {
        const n = fs.readSync(fd, fresh, got, fresh.length - got, this.offset + got);
        if (n === 0) break;
        got += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    this.offset += got;
    const bytes = this.partial.length ? Buffer.concat([this.partial, fresh.subarray(0, got)]) : fresh.subarray(0, got);
    const end = bytes.lastIndexOf(NL);
    this.partial = Buffer.from(bytes.subarray(end + 1));
    if (end < 0) return { reset, lines: [] };
    return { reset, lines: bytes.toString('utf8', 0, end).split('\n').filter((l) => l.length > 0) };
  }

  append(lines: string[]): Promise<void> {
    // Synchronous, as the reads here: a batch is a line or a few (a task that finished), and the
    // thread pool's round trips (mkdir, open, write, close) took longer than writing it, several
    // milliseconds while the pool or the cores were busy. The folder is made only when missing.
    // A throw in the executor rejects, so a failed append is reported as before.
    return new Promise((resolve) => {
      if (lines.length === 0) return resolve();
      const text = lines.join('\n') + '\n';
      try {
        fs.appendFileSync(this.file, text);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        fs.appendFileSync(this.file, text);
      }
      resolve();
    });
  }

  rewrite(lines: string[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    const text = lines.length ? lines.join('\n') + '\n' : '';
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, this.file);
    const st = fs.statSync(this.file);
    this.ino = st.ino;
    this.offset = st.size;
    this.partial = Buffer.alloc(0);
  }
}
