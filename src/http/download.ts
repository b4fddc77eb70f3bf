// Streams a video to a temporary file beside the target and renames it into place only when whole,
// so an interrupted download never leaves a half file under the final name.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { ApiError } from '../domain/errors';
import { classifyFailure } from './http';
import { t } from '../util/l10n';
import { FileSink } from './fileSink';
import { hideUrlQueries } from '../util/log';

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
  // Errors are shown and stored: they name the video's host and path, never its signature.
  const shownUrl = hideUrlQueries(o.url);
  try {
    // undici's stream() writes the body straight into the file sink (no intermediate Readable),
    // so memory stays at one batch whatever the size.
    let status = 0;
    let expected = NaN;
    let file: FileSink | undefined;
    let fileError: unknown;
    try {
      await undici().stream(
        o.url,
        {
          method: 'GET',
          // Video hosts (CDNs) may redirect; API calls never follow redirects.
          dispatcher: o.dispatcher.compose(undici().interceptors.redirect({ maxRedirections: 5 })),
          headersTimeout: o.idleTimeoutMs,
          bodyTimeout: o.idleTimeoutMs,
          signal: o.signal,
        },
        ({ statusCode, headers }) => {
          status = statusCode;
          // The short error body of a refused download is read and dropped.
          if (statusCode !== 200) return new Writable({ write: (_c, _e, cb) => cb() });
          expected = Number(headers['content-length'] ?? NaN);
          file = new FileSink({ path: tmp });
          // Only the file system's own errors (they name a syscall): a broken connection also
          // destroys this stream, with the network error.
          file.on('error', (e: NodeJS.ErrnoException) => {
            if (e.syscall) fileError ??= e;
          });
          return file;
        },
      );
    } catch (e) {
      // A full disk or a refused write is not a lost connection.
      if (fileError) throw await localFailure(dir, fileError);
      throw classifyFailure(e, 'download', shownUrl);
    }
    if (status !== 200) throw new ApiError('http', 'download', shownUrl, '', status);
    const bytes = file?.bytesWritten ?? 0;
    if (Number.isFinite(expected) && bytes !== expected) {
      throw new ApiError('lost', 'download', shownUrl, `received ${bytes} of ${expected} bytes`);
    }
    if (bytes === 0) throw new ApiError('malformed', 'download', shownUrl, 'empty file');
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
