// Streams a video to a temporary file beside the target and renames it into place only when whole,
// so an interrupted download never leaves a half file under the final name.
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { interceptors, request, type Dispatcher } from 'undici';
import { ApiError } from '../api/errors';
import { classifyFailure } from '../api/http';

export interface DownloadOptions {
  url: string;
  dest: string;
  dispatcher: Dispatcher;
  /** Longest silence tolerated from the server, not the whole transfer. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

export async function downloadFile(o: DownloadOptions): Promise<{ bytes: number }> {
  await fs.mkdir(path.dirname(o.dest), { recursive: true });
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
      res.body.destroy();
      throw new ApiError('http', 'download', o.url, '', res.statusCode);
    }
    const expected = Number(res.headers['content-length'] ?? NaN);
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(res.body, counter, createWriteStream(tmp, { flags: 'wx' }));
    } catch (e) {
      throw classifyFailure(e, 'download', o.url);
    }
    if (Number.isFinite(expected) && bytes !== expected) {
      throw new ApiError('lost', 'download', o.url, `received ${bytes} of ${expected} bytes`);
    }
    if (bytes === 0) throw new ApiError('malformed', 'download', o.url, 'empty file');
    await fs.rename(tmp, o.dest);
    return { bytes };
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
