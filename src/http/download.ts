// Streams a video to a temporary file beside the target and puts it in place only when whole and
// checked, so an interrupted or refused download never leaves a file under a video's name, and a
// file already there is never replaced.
import { promises as fs } from 'node:fs';
import path = require('node:path');
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { ApiError } from '../domain/errors';
import { DEFAULT_MAX_DOWNLOAD_MB, downloadDeadlineMs, DownloadTooLargeError, maxDownloadBytes, numberedFileName } from '../domain/files';
import { classifyFailure } from './http';
import { t } from '../util/l10n';
import { FileSink } from './fileSink';
import { hideUrlQueries } from '../util/log';

export interface DownloadOptions {
  url: string;
  /** The wanted path. When that name is taken the video goes to the first free `name (n).ext`. */
  dest: string;
  dispatcher: Dispatcher;
  /** Longest silence tolerated from the server, not the whole transfer. */
  idleTimeoutMs: number;
  /** A body larger than this is stopped and nothing is kept (default: 2048 MB). */
  maxBytes?: number;
  /** The whole transfer, headers to last byte (default: downloadDeadlineMs(maxBytes)). */
  deadlineMs?: number;
  signal?: AbortSignal;
}

export interface DownloadResult {
  bytes: number;
  /** Where the video was saved: `dest`, or a numbered name beside it. */
  path: string;
}

/** What of a refused reply's body is read before the connection is dropped: its words are not used. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** `dest (2)` … `dest (1000)`: past that the folder is taken to be full of our names. */
const MAX_NAME_TRIES = 1000;
/** An MP4 file starts with a box whose type, at offset 4, is `ftyp`. */
const HEAD_BYTES = 8;

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

/** What error pages, login pages and API errors are served as; a video is video/*, octet-stream or unlabelled. */
export function isNotVideoType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return /^(text|image|font|multipart)\//.test(type) || /json|xml|html|javascript/.test(type);
}

export function isMp4Head(head: Buffer): boolean {
  return head.length >= HEAD_BYTES && head.toString('latin1', 4, 8) === 'ftyp';
}

/** A writable that has already failed: how the stream factory refuses a reply before reading it. */
function refused(e: Error): Writable {
  const w = new Writable({ write: (_c, _e, cb) => cb() });
  w.destroy(e);
  return w;
}

const errCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException)?.code;

/**
 * Puts the finished `.part` under `dest`, or under the first free numbered name; never replaces a
 * file. A hard link fails when the name is taken, leaving no moment in which another file could be
 * replaced. Where links are not supported (FAT, some network shares) the name is reserved by
 * creating it exclusively and the `.part` is renamed over that empty placeholder.
 */
async function place(tmp: string, dest: string): Promise<string> {
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const target = numberedFileName(dest, n);
    try {
      await fs.link(tmp, target);
      return target;
    } catch (e) {
      if (errCode(e) === 'EEXIST') continue;
    }
    try {
      await (await fs.open(target, 'wx')).close();
    } catch (e) {
      if (errCode(e) === 'EEXIST') continue;
      throw e;
    }
    try {
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(target, { force: true });
      throw e;
    }
    return target;
  }
  throw Object.assign(new Error('no free file name'), { code: 'EEXIST' });
}

export async function downloadFile(o: DownloadOptions): Promise<DownloadResult> {
  const dir = path.dirname(o.dest);
  const maxBytes = o.maxBytes ?? maxDownloadBytes(DEFAULT_MAX_DOWNLOAD_MB);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw await localFailure(dir, e);
  }
  const tmp = `${o.dest}.${randomBytes(4).toString('hex')}.part`;
  // Errors are shown and stored: they name the video's host and path, never its signature.
  const shownUrl = hideUrlQueries(o.url);
  // The deadline covers everything, also a refused reply's body and a server that sends one byte
  // just inside each idle timeout.
  const abort = new AbortController();
  let pastDeadline = false;
  const deadline = setTimeout(() => {
    pastDeadline = true;
    abort.abort(new Error('deadline'));
  }, o.deadlineMs ?? downloadDeadlineMs(maxBytes));
  const cancel = () => abort.abort(o.signal?.reason);
  if (o.signal?.aborted) cancel();
  o.signal?.addEventListener('abort', cancel);
  try {
    // undici's stream() writes the body straight into the file sink (no intermediate Readable),
    // so memory stays at one batch whatever the size.
    let status = 0;
    let expected = NaN;
    let file: FileSink | undefined;
    let fileError: unknown;
    let head = Buffer.alloc(0);
    let received = 0;
    const inspect = (chunk: Buffer): Error | undefined => {
      received += chunk.length;
      if (received > maxBytes) return new DownloadTooLargeError(shownUrl, maxBytes);
      if (head.length < HEAD_BYTES) {
        head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        if (head.length === HEAD_BYTES && !isMp4Head(head)) return notMp4(shownUrl);
      }
      return undefined;
    };
    try {
      await undici().stream(
        o.url,
        {
          method: 'GET',
          // Video hosts (CDNs) may redirect; API calls never follow redirects.
          dispatcher: o.dispatcher.compose(undici().interceptors.redirect({ maxRedirections: 5 })),
          headersTimeout: o.idleTimeoutMs,
          bodyTimeout: o.idleTimeoutMs,
          signal: abort.signal,
        },
        ({ statusCode, headers }) => {
          status = statusCode;
          if (statusCode !== 200) {
            // A refused download's body is read up to a bound and dropped: only the status counts.
            let errorBytes = 0;
            return new Writable({
              write: (c: Buffer, _e, cb) => cb((errorBytes += c.length) > MAX_ERROR_BODY_BYTES ? new Error('error body too long') : null),
            });
          }
          const type = headers['content-type'];
          if (isNotVideoType(String(type ?? ''))) return refused(new ApiError('malformed', 'download', shownUrl, t('not a video but {0}', String(type).slice(0, 100))));
          expected = Number(headers['content-length'] ?? NaN);
          // Announced too large: refused before a byte of it is read.
          if (expected > maxBytes) return refused(new DownloadTooLargeError(shownUrl, maxBytes));
          file = new FileSink({ path: tmp, inspect });
          // Only the file system's own errors (they name a syscall): a broken connection also
          // destroys this stream, with the network error.
          file.on('error', (e: NodeJS.ErrnoException) => {
            if (e.syscall) fileError ??= e;
          });
          return file;
        },
      );
    } catch (e) {
      // The status is what matters about a refused reply, however its body ended.
      if (status !== 200 && status !== 0 && !pastDeadline && !o.signal?.aborted) throw new ApiError('http', 'download', shownUrl, '', status);
      // A full disk or a refused write is not a lost connection.
      if (fileError) throw await localFailure(dir, fileError);
      if (pastDeadline) throw new ApiError('timeout', 'download', shownUrl, overDeadline(o.deadlineMs ?? downloadDeadlineMs(maxBytes)));
      throw classifyFailure(e, 'download', shownUrl);
    }
    if (status !== 200) throw new ApiError('http', 'download', shownUrl, '', status);
    const bytes = file?.bytesWritten ?? 0;
    if (Number.isFinite(expected) && bytes !== expected) {
      throw new ApiError('lost', 'download', shownUrl, `received ${bytes} of ${expected} bytes`);
    }
    if (bytes === 0) throw new ApiError('malformed', 'download', shownUrl, 'empty file');
    // Shorter than an MP4 header: the check above never ran.
    if (!isMp4Head(head)) throw notMp4(shownUrl);
    try {
      return { bytes, path: await place(tmp, o.dest) };
    } catch (e) {
      throw await localFailure(dir, e);
    }
  } finally {
    clearTimeout(deadline);
    o.signal?.removeEventListener('abort', cancel);
    await fs.rm(tmp, { force: true });
  }
}

function overDeadline(ms: number): string {
  return ms >= 120_000 ? t('not complete after {0} minutes', Math.round(ms / 60_000)) : t('not complete after {0} seconds', Math.round(ms / 1000));
}

function notMp4(url: string): ApiError {
  return new ApiError('malformed', 'download', url, t('not an MP4 video: the file does not start like one'));
}
