// Looks at the first bytes of a reference image (format and size) without downloading it whole.
// Goes through the same dispatcher (proxy settings) as the API, but never carries the API key:
// the image host is not the service.
import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { imageSize, PROBE_BYTES, sniffFormat } from '../domain/imageSize';
import type { ProbeResult } from '../domain/reference';

export interface ProbeOptions {
  url: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** At most this many bytes are read; default PROBE_BYTES (64 KiB). */
  maxBytes?: number;
  signal?: AbortSignal;
}

function errorDetail(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string' && c) return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  const name = (e as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return String((e as Error)?.message ?? e).slice(0, 120);
}

export async function probeImage(o: ProbeOptions): Promise<ProbeResult> {
  const max = o.maxBytes ?? PROBE_BYTES;
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  let res: Dispatcher.ResponseData;
  try {
    res = await undici().request(o.url, {
      method: 'GET',
      // Only the header is wanted; servers that ignore Range are cut off after `max` bytes below.
      headers: { range: `bytes=0-${max - 1}`, accept: 'image/*' },
      dispatcher: o.dispatcher.compose(undici().interceptors.redirect({ maxRedirections: 3 })),
      signal,
      headersTimeout: o.timeoutMs,
      bodyTimeout: o.timeoutMs,
    });
  } catch (e) {
    return { kind: 'unreachable', detail: errorDetail(e) };
  }
  const ctHeader = res.headers['content-type'];
  const contentType = (Array.isArray(ctHeader) ? ctHeader[0] : ctHeader ?? '').split(';')[0].trim().toLowerCase().slice(0, 100);
  if (res.statusCode !== 200 && res.statusCode !== 206) {
    await res.body.dump({ limit: 16 * 1024 }).catch(() => undefined);
    return { kind: 'unreachable', detail: `HTTP ${res.statusCode}` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Leaving the loop early destroys the body: the rest of the file is never downloaded.
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      chunks.push(buf);
      size += buf.length;
      if (size >= max) break;
    }
  } catch (e) {
    if (size === 0) return { kind: 'unreachable', detail: errorDetail(e) };
  }
  const head = Buffer.concat(chunks).subarray(0, max);
  const found = imageSize(head);
  if (found) return { kind: 'image', size: found };
  const format = sniffFormat(head);
  if (format) return { kind: 'unreadable', format: format === 'other-image' ? contentType || 'image' : format };
  if (contentType.startsWith('image/')) return { kind: 'unreadable', format: contentType };
  return { kind: 'notImage', contentType: contentType || 'unknown' };
}
