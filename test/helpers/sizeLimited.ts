// Runs in a child process under `ulimit -f` (see runSizeLimited), so writes past the limit fail with
// the kernel's own EFBIG, as they would on a full or quota-limited disk. Node would otherwise die of
// SIGXFSZ. Prints one JSON line: what the sink or downloadFile reported.
import { FileSink } from '../../src/http/fileSink';
import { downloadFile } from '../../src/http/download';
import { createDispatcher } from '../../src/http/dispatcher';

process.on('SIGXFSZ', () => undefined);

async function sink(dest: string, threaded: boolean): Promise<unknown> {
  const s = new FileSink({ path: dest, batchBytes: 256 * 1024, slowWriteMs: threaded ? -1 : 1e9 });
  const chunk = Buffer.alloc(64 * 1024, 7);
  return new Promise((resolve) => {
    s.on('error', (e: NodeJS.ErrnoException) => resolve({ code: e.code, syscall: e.syscall, written: s.bytesWritten, threaded: s.usesThreadPool }));
    s.on('finish', () => resolve({ finished: true, written: s.bytesWritten }));
    const pump = (left: number): void => {
      if (left === 0) return void s.end();
      if (s.write(chunk)) pump(left - 1);
      else s.once('drain', () => pump(left - 1));
    };
    pump(64);
  });
}

async function download(url: string, dest: string): Promise<unknown> {
  const { dispatcher } = createDispatcher({ proxy: '', strictSSL: true, noProxy: [], env: {} });
  try {
    await downloadFile({ url, dest, dispatcher, idleTimeoutMs: 10_000 });
    return { saved: true };
  } catch (e) {
    return { message: (e as Error).message, name: (e as Error).name };
  } finally {
    await dispatcher.close();
  }
}

const [mode, a, b] = process.argv.slice(2);
const run = mode === 'download' ? download(a, b) : sink(a, mode === 'threaded');
void run.then((r) => {
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
});
