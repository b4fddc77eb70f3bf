// The download's file end: batches, the switch to the thread pool after a slow write, the kernel's
// own errors (a file size limit stands in for a full disk), and no file descriptor left open.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { FileSink, remainder } from '../../src/http/fileSink';
import { runSizeLimited } from '../helpers/runSizeLimited';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sora-unit-sink-'));
  dirs.push(d);
  return d;
}

/** Descriptors this process holds open on files under `dir`: not every descriptor, because the
 * test runner and earlier tests open and close their own at any moment. */
const openFds = (dir: string): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
    } catch {
      return false; // closed between the listing and the read
    }
  }).length;

async function writeAll(s: FileSink, chunks: Buffer[]): Promise<void> {
  for (const c of chunks) if (!s.write(c)) await once(s, 'drain');
  s.end();
  await once(s, 'finish');
}

describe('FileSink', () => {
  test('holds chunks until a batch is full, then writes them in order; the rest on end()', async () => {
    const dest = join(tempDir(), 'v.part');
    const s = new FileSink({ path: dest, batchBytes: 10 });
    await once(s, 'ready');
    s.write(Buffer.from('abcd'));
    s.write(Buffer.from('efgh'));
    assert.equal(s.bytesWritten, 0, '8 bytes are under the batch size');
    assert.equal(statSync(dest).size, 0);
    s.write(Buffer.from('ijkl'));
    assert.equal(s.bytesWritten, 12);
    assert.equal(readFileSync(dest, 'utf8'), 'abcdefghijkl');
    await writeAll(s, [Buffer.from('mn')]);
    assert.equal(s.bytesWritten, 14);
    assert.equal(readFileSync(dest, 'utf8'), 'abcdefghijklmn');
    assert.equal(s.usesThreadPool, false);
  });

  test('a write slower than the limit sends the rest through the thread pool, and the file is still whole', async () => {
    const dest = join(tempDir(), 'v.part');
    const s = new FileSink({ path: dest, batchBytes: 4096, slowWriteMs: -1 });
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(1000, i));
    await writeAll(s, chunks);
    assert.equal(s.usesThreadPool, true);
    assert.deepEqual(readFileSync(dest), Buffer.concat(chunks));
    assert.equal(s.bytesWritten, 50_000);
  });

  test('write() keeps answering true while a batch fills, so the socket is not paused per chunk', async () => {
    const s = new FileSink({ path: join(tempDir(), 'v.part'), batchBytes: 1 << 20 });
    await once(s, 'ready');
    const answers = Array.from({ length: 15 }, () => s.write(Buffer.alloc(64 * 1024)));
    assert.deepEqual(answers, Array(15).fill(true));
    s.end();
    await once(s, 'finish');
  });

  test('refuses to overwrite: the file must not exist (flags wx)', async () => {
    const dir = tempDir();
    const dest = join(dir, 'v.part');
    await writeAll(new FileSink({ path: dest }), [Buffer.from('first')]);
    const s = new FileSink({ path: dest });
    const [e] = (await once(s, 'error')) as [NodeJS.ErrnoException];
    assert.equal(e.code, 'EEXIST');
    assert.equal(e.syscall, 'open');
    assert.equal(readFileSync(dest, 'utf8'), 'first');
  });

  test('closes its file: after finishing and after being destroyed mid-way', async () => {
    const dir = tempDir();
    const before = openFds(dir);
    assert.equal(before, 0);
    await writeAll(new FileSink({ path: join(dir, 'a.part') }), [Buffer.alloc(3000)]);
    assert.equal(openFds(dir), before);
    const s = new FileSink({ path: join(dir, 'b.part') });
    await once(s, 'ready');
    s.write(Buffer.alloc(100));
    assert.equal(openFds(dir), before + 1);
    const failed = once(s, 'error');
    s.destroy(new Error('connection lost'));
    assert.equal(((await failed) as [Error])[0].message, 'connection lost');
    if (!s.closed) await once(s, 'close');
    assert.equal(openFds(dir), before);
  });

  test('inspect() sees every chunk first: the chunk it refuses fails the sink and none of it reaches the file', async () => {
    const dest = join(tempDir(), 'v.part');
    let seen = 0;
    const s = new FileSink({
      path: dest,
      batchBytes: 4,
      inspect: (chunk) => ((seen += chunk.length) > 8 ? new Error('too large') : undefined),
    });
    const outcome = new Promise<string>((resolve) => {
      s.on('error', (e) => resolve(e.message));
      s.on('finish', () => resolve('finished'));
    });
    s.write(Buffer.from('abcd'));
    s.write(Buffer.from('efgh'));
    s.write(Buffer.from('ijkl'));
    s.end();
    assert.equal(await outcome, 'too large');
    assert.equal(readFileSync(dest, 'utf8'), 'abcdefgh');
    assert.equal(s.bytesWritten, 8);
  });

  for (const mode of ['direct', 'threaded'] as const) {
    test(`a write the disk refuses is an error naming the syscall and the kernel's code (${mode})`, async () => {
      const dest = join(tempDir(), 'v.part');
      // 64 chunks of 64 KiB in 256 KiB batches against a 600 KiB limit: two batches fit (the
      // first one, written directly, counts as slow in threaded mode), the third is cut short.
      const r = await runSizeLimited(600, [mode, dest]);
      assert.equal(r.code, 'EFBIG');
      assert.equal(r.syscall, 'write');
      assert.equal(r.threaded, mode === 'threaded');
      assert.equal(r.finished, undefined);
      assert.equal(r.written, 512 * 1024, 'the two whole batches');
    });
  }
});

describe('remainder', () => {
  const bufs = [Buffer.from('abc'), Buffer.from('de'), Buffer.from('fghi')];
  const text = (b: Buffer[]): string => Buffer.concat(b).toString();
  test('skips whole buffers and cuts into the first one left', () => {
    assert.equal(text(remainder(bufs, 0)), 'abcdefghi');
    assert.equal(text(remainder(bufs, 2)), 'cdefghi');
    assert.equal(text(remainder(bufs, 3)), 'defghi');
    assert.equal(text(remainder(bufs, 6)), 'ghi');
    assert.deepEqual(remainder(bufs, 9), []);
  });
});
