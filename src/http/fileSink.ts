// The file end of a download. Network chunks (64 KB) are gathered into batches and each batch goes
// to the file with one writev. On 2 cores, where the sending side needs one, a thread-pool write per
// chunk (fs.WriteStream) made every chunk cross threads twice and reached half of curl's speed;
// writing the batch from this thread, as curl does, keeps up with it. A batch lands in the page
// cache in well under a millisecond. A disk that blocks longer (a network share, a throttled USB
// stick) would stall the extension host, so the first slow batch switches this file to the thread
// pool for the rest of it.
import fs = require('node:fs');
import { Writable } from 'node:stream';

/**
 * What one writev takes at most, and so what the sink holds at most besides the chunk in hand. Small
 * enough to be still in the core's cache when it is copied to the page cache (512 KB of L2 here):
 * measured on 500 MB, 256 KB batches matched curl, 1 MB ones reached 0.63× of it, 128 KB paid for
 * more syscalls.
 */
export const BATCH_BYTES = 256 * 1024;
/** A synchronous batch slower than this sends the rest of the file through the thread pool. */
export const SLOW_WRITE_MS = 20;

export interface FileSinkOptions {
  /** Created; fails if it exists (flags 'wx'). */
  path: string;
  batchBytes?: number;
  slowWriteMs?: number;
  /**
   * Sees every chunk before it is kept; an error it returns fails the sink, and nothing of that chunk
   * reaches the file. The caller's limits (size, content) live there, so the sink stays one hop.
   */
  inspect?: (chunk: Buffer) => Error | undefined;
}

export class FileSink extends Writable {
  private fd: number | undefined;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private written = 0;
  private threaded = false;
  private readonly batchBytes: number;
  private readonly slowWriteMs: number;

  constructor(private readonly o: FileSinkOptions) {
    const batchBytes = o.batchBytes ?? BATCH_BYTES;
    // write() answers false (and the socket pauses) only once a batch is waiting for the thread pool.
    super({ highWaterMark: batchBytes });
    this.batchBytes = batchBytes;
    this.slowWriteMs = o.slowWriteMs ?? SLOW_WRITE_MS;
  }

  /** Bytes that reached the file (not those still held). */
  get bytesWritten(): number {
    return this.written;
  }

  /** Whether a slow write moved this file to the thread pool. */
  get usesThreadPool(): boolean {
    return this.threaded;
  }

  override _construct(cb: (e?: Error | null) => void): void {
    fs.open(this.o.path, 'wx', (e, fd) => {
      this.fd = fd;
      cb(e);
      // As fs.WriteStream does: the file exists now.
      if (!e) this.emit('ready');
    });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    const refused = this.o.inspect?.(chunk);
    if (refused) return cb(refused);
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes < this.batchBytes) return cb();
    this.flush(cb);
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.flush((e) => {
      if (e) return cb(e);
      const fd = this.fd;
      this.fd = undefined;
      if (fd === undefined) return cb();
      fs.close(fd, (ce) => cb(ce));
    });
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    this.held = [];
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) return cb(err);
    fs.close(fd, () => cb(err));
  }

  private flush(cb: (e?: Error | null) => void): void {
    const batch = this.held;
    const bytes = this.heldBytes;
    this.held = [];
    this.heldBytes = 0;
    if (batch.length === 0 || this.fd === undefined) return cb();
    if (this.threaded) {
      writevAll(this.fd, batch, bytes, (e) => {
        if (!e) this.written += bytes;
        cb(e);
      });
      return;
    }
    const t0 = performance.now();
    try {
      writevAllSync(this.fd, batch, bytes);
    } catch (e) {
      return cb(e as Error);
    }
    this.written += bytes;
    if (performance.now() - t0 > this.slowWriteMs) this.threaded = true;
    cb();
  }
}

// A writev may write less than asked, e.g. the part that still fits under a file size limit: the
// rest is written again, and that write reports the real reason (EFBIG, ENOSPC) if there is one.

function stalled(bytes: number): Error {
  return Object.assign(new Error(`the disk took none of the last ${bytes} bytes`), { code: 'EIO', syscall: 'write' });
}

function writevAllSync(fd: number, batch: Buffer[], bytes: number): void {
  for (;;) {
    const done = fs.writevSync(fd, batch);
    if (done >= bytes) return;
    if (done <= 0) throw stalled(bytes);
    batch = remainder(batch, done);
    bytes -= done;
  }
}

function writevAll(fd: number, batch: Buffer[], bytes: number, cb: (e: Error | null) => void): void {
  fs.writev(fd, batch, (e, done) => {
    if (e) return cb(e);
    if (done >= bytes) return cb(null);
    if (done <= 0) return cb(stalled(bytes));
    writevAll(fd, remainder(batch, done), bytes - done, cb);
  });
}

/** The buffers of `batch` after its first `skip` bytes. */
export function remainder(batch: Buffer[], skip: number): Buffer[] {
  const out: Buffer[] = [];
  for (const b of batch) {
    if (skip >= b.length) {
      skip -= b.length;
      continue;
    }
    out.push(skip > 0 ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}
