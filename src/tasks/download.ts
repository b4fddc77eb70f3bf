// Streams a video to a temporary file beside the target and renames it into place only when whole,
// so an interrupted download never leaves a half file under the final name.
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { interceptors, request, type Dispatcher } from 'undici';
import { ApiError } from '../api/errors';
import { classifyFailure } from '../api/http';
import { t } from '../util/l10n';

export interface DownloadOptions {
  url: string;
  dest: string;
  dispatcher: Dispatcher;
  /** Longest silence tolerated from the server, not the whole transfer. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

/** A local problem (folder, disk) as a sentence naming the folder, not a bare "EEXIST: …". */
async function localFailure(dir: string, e: unknown): Promise<Error> {
  const isFile = await fs.stat(dir).then((s) => !s.isDirectory(), () => false);
  const code = (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);
  return new Error(
    isFile
      ? t('Could not save the video: {0} is a file, not a folder.', dir)
      : t('Could not save the video in {0} ({1}).', dir, code),
  );
}

export async function downloadFile(o: DownloadOptions): Promise<{ bytes: number }> {
  const dir = path.dirname(o.dest);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw await localFailure(dir, e);
  }
  const tmp = `${o.dest}.${randomBytes(4).toString('hex')}.part`;
  try {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(o.url, {
        method: 'GET',
        // Video hosts (CDNs) may redirect; API calls never follow redirects.
        dispatcher: o.dispatcher.compose(interceptors.redirect({ maxRedirections: 5 })),
        headersTimeout: o.idleTimeoutMs,
        bodyTimeout: o.idleTimeoutMs,
        signal: o.signal,
      });
    } catch (e) {
      throw classifyFailure(e, 'download', o.url);
    }
    if (res.statusCode !== 200) {
      // Read (and drop) the short error body: destroy() would emit an AbortError nobody listens to.
      await res.body.dump().catch(() => undefined);
      throw new ApiError('http', 'download', o.url, '', res.statusCode);
    }
    const expected = Number(res.headers['content-length'] ?? NaN);
    // The body goes straight to the file (no counting stage: the file stream counts what it wrote),
    // so memory stays at the two streams' buffers whatever the size.
    const file = createWriteStream(tmp, { flags: 'wx' });
    let fileError: unknown;
    file.on('error', (e) => (fileError ??= e));
    try {
      await pipeline(res.body, file);
    } catch (e) {
      // A full disk or a refused write is not a lost connection.
      if (fileError) throw await localFailure(dir, fileError);
      throw classifyFailure(e, 'download', o.url);
    }
    const bytes = file.bytesWritten;
    if (Number.isFinite(expected) && bytes !== expected) {
      throw new ApiError('lost', 'download', o.url, `received ${bytes} of ${expected} bytes`);
    }
    if (bytes === 0) throw new ApiError('malformed', 'download', o.url, 'empty file');
    try {
      await fs.rename(tmp, o.dest);
    } catch (e) {
      throw await localFailure(dir, e);
    }
    return { bytes };
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
