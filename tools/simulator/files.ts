// The unauthenticated "CDN" side: task videos, large blobs for download
// benchmarks, and generated PNGs for reference-image tests.
import { Readable } from 'node:stream';
import { makePng } from './png';
import { json, text, type Reply } from './reply';

export function videoReply(sample: Buffer, rangeHeader: string | undefined): Reply {
  const size = sample.length;
  const headers = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' };
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: Buffer.alloc(0) };
  }
  if (!range) return { status: 200, headers, body: sample };
  const [start, end] = range;
  return {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}` },
    body: sample.subarray(start, end + 1),
  };
}

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range. Anything fancier (multiple
 * ranges, other units) is ignored and the whole file is sent, as RFC 9110 allows.
 */
function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}

const MAX_BLOB = 2e9;
const CHUNK = 64 * 1024; // a multiple of 256, so every chunk starts the pattern afresh
const PATTERN = Buffer.alloc(CHUNK, Uint8Array.from({ length: 256 }, (_, i) => i));

/** `n` bytes of 0,1,...,255,0,1,... made on the fly; `read()` is only called when the socket wants more. */
export function blobReply(n: number): Reply {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_BLOB) return json(400, { message: `blob size must be 0..${MAX_BLOB}` });
  return {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(n) },
    stream: () => {
      let left = n;
      return new Readable({
        read() {
          if (left <= 0) {
            this.push(null);
            return;
          }
          const len = Math.min(CHUNK, left);
          left -= len;
          this.push(len === CHUNK ? PATTERN : PATTERN.subarray(0, len));
        },
      });
    },
  };
}

const MAX_SIDE = 4096;
const pngCache = new Map<string, Buffer>();

export function imageReply(name: string): Reply | undefined {
  if (name === 'notimage.png') {
    return text(200, '<!doctype html><html><body><h1>Not an image</h1></body></html>', 'text/html; charset=utf-8');
  }
  const m = /^(\d+)x(\d+)\.png$/.exec(name);
  if (!m) return undefined;
  const w = Number(m[1]);
  const h = Number(m[2]);
  if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) return json(400, { message: `image sides must be 1..${MAX_SIDE}` });
  const key = `${w}x${h}`;
  let png = pngCache.get(key);
  if (!png) {
    png = makePng(w, h);
    pngCache.set(key, png);
  }
  return { status: 200, headers: { 'content-type': 'image/png' }, body: png };
}
