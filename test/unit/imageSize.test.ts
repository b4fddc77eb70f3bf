// The reference image's header parser and the verdict built on it. Headers are built here byte by
// byte as the formats define them (PNG comes from the simulator's real encoder).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { imageSize, judgeReference, sniffFormat } from '../../src/domain/imageSize';
import { judgeProbe, ratioForSize, sizeForRatio } from '../../src/domain/reference';
import { ASPECT_RATIOS, pixelSizeForRatio } from '../../src/domain/request';
import { makePng } from '../fixtures/simulator/png';

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A baseline (or progressive) JPEG header: SOI, APP0 JFIF, optional padding APPn, DQT, SOFn, SOS. */
function jpeg(width: number, height: number, opts: { sof?: number; app1Bytes?: number; dht?: boolean } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  parts.push(segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')));
  if (opts.app1Bytes) parts.push(segment(0xe1, Buffer.alloc(opts.app1Bytes, 0x45)));
  parts.push(segment(0xdb, Buffer.alloc(65, 1)));
  // A DHT (C4) before the frame must not be read as a frame.
  if (opts.dht) parts.push(segment(0xc4, Buffer.alloc(30, 2)));
  const sof = Buffer.alloc(15);
  sof[0] = 8;
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof[5] = 3;
  parts.push(segment(opts.sof ?? 0xc0, sof));
  parts.push(segment(0xda, Buffer.alloc(10)), Buffer.alloc(100, 0x55));
  return Buffer.concat(parts);
}

function riff(chunk: string, data: Buffer): Buffer {
  const head = Buffer.alloc(20);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(4 + 8 + data.length, 4);
  head.write('WEBP', 8, 'ascii');
  head.write(chunk, 12, 'ascii');
  head.writeUInt32LE(data.length, 16);
  return Buffer.concat([head, data]);
}

function webpLossy(w: number, h: number): Buffer {
  const d = Buffer.alloc(20);
  d[0] = 0x10; // frame tag (key frame)
  d.set([0x9d, 0x01, 0x2a], 3);
  d.writeUInt16LE(w, 6);
  d.writeUInt16LE(h, 8);
  return riff('VP8 ', d);
}

function webpLossless(w: number, h: number): Buffer {
  const d = Buffer.alloc(10);
  d[0] = 0x2f;
  d.writeUInt32LE(((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14), 1);
  return riff('VP8L', d);
}

function webpExtended(w: number, h: number): Buffer {
  const d = Buffer.alloc(10);
  d[0] = 0x10; // alpha flag
  d.writeUIntLE(w - 1, 4, 3);
  d.writeUIntLE(h - 1, 7, 3);
  return riff('VP8X', d);
}

function gif(w: number, h: number, version = '89a'): Buffer {
  const b = Buffer.alloc(13);
  b.write(`GIF${version}`, 0, 'ascii');
  b.writeUInt16LE(w, 6);
  b.writeUInt16LE(h, 8);
  return b;
}

describe('imageSize', () => {
  test('PNG from a real encoder', () => {
    assert.deepEqual(imageSize(makePng(1280, 720)), { format: 'png', width: 1280, height: 720 });
    assert.deepEqual(imageSize(makePng(720, 1280).subarray(0, 64)), { format: 'png', width: 720, height: 1280 });
  });

  test('JPEG: baseline, progressive, after a large EXIF block and a DHT', () => {
    assert.deepEqual(imageSize(jpeg(1280, 720)), { format: 'jpeg', width: 1280, height: 720 });
    assert.deepEqual(imageSize(jpeg(720, 1280, { sof: 0xc2 })), { format: 'jpeg', width: 720, height: 1280 });
    assert.deepEqual(imageSize(jpeg(1024, 768, { app1Bytes: 30_000, dht: true })), { format: 'jpeg', width: 1024, height: 768 });
  });

  test('JPEG whose frame header lies beyond the bytes read has no size, but is still a JPEG', () => {
    const full = jpeg(1280, 720, { app1Bytes: 60_000 });
    const head = full.subarray(0, 40_000);
    assert.equal(imageSize(head), undefined);
    assert.equal(sniffFormat(head), 'jpeg');
  });

  test('JPEG that reaches its scan without a frame header has no size', () => {
    const b = Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xda, Buffer.alloc(12)), Buffer.alloc(20)]);
    assert.equal(imageSize(b), undefined);
  });

  test('WebP: lossy, lossless, extended', () => {
    assert.deepEqual(imageSize(webpLossy(1280, 720)), { format: 'webp', width: 1280, height: 720 });
    assert.deepEqual(imageSize(webpLossless(720, 1280)), { format: 'webp', width: 720, height: 1280 });
    assert.deepEqual(imageSize(webpExtended(1280, 720)), { format: 'webp', width: 1280, height: 720 });
  });

  test('GIF 87a and 89a', () => {
    assert.deepEqual(imageSize(gif(1280, 720)), { format: 'gif', width: 1280, height: 720 });
    assert.deepEqual(imageSize(gif(640, 480, '87a')), { format: 'gif', width: 640, height: 480 });
  });

  test('not an image, or too short to tell', () => {
    assert.equal(imageSize(Buffer.from('<!doctype html><html><body>Not an image</body></html>')), undefined);
    assert.equal(imageSize(Buffer.alloc(0)), undefined);
    assert.equal(imageSize(makePng(1280, 720).subarray(0, 20)), undefined);
    assert.equal(imageSize(Buffer.from([0xff, 0xd8])), undefined);
    assert.equal(sniffFormat(Buffer.from('{"error":"no"}')), undefined);
  });
});

describe('judgeReference / judgeProbe', () => {
  const size = (width: number, height: number) => ({ format: 'png' as const, width, height });

  test('exactly 1280×720 for 16:9 and 720×1280 for 9:16', () => {
    assert.equal(judgeReference(size(1280, 720), '16:9').level, 'ok');
    assert.equal(judgeReference(size(720, 1280), '9:16').level, 'ok');
  });

  test('the right size in the other orientation is a mismatch naming the ratio', () => {
    assert.deepEqual(judgeProbe({ kind: 'image', size: size(720, 1280) }, '16:9'), { level: 'error', code: 'wrongOrientation', size: size(720, 1280) });
    assert.equal(judgeProbe({ kind: 'image', size: size(1280, 720) }, '9:16').code, 'wrongOrientation');
    assert.equal(ratioForSize(size(720, 1280)), '9:16');
  });

  test('any other size is wrong, even with the right proportions', () => {
    assert.equal(judgeProbe({ kind: 'image', size: size(1920, 1080) }, '16:9').code, 'wrongSize');
    assert.equal(judgeProbe({ kind: 'image', size: size(1281, 720) }, '16:9').code, 'wrongSize');
    assert.equal(ratioForSize(size(1920, 1080)), undefined);
  });

  test('messages, the ratio lookup and the verdict all use pixelSizeForRatio', () => {
    for (const ratio of ASPECT_RATIOS) {
      const { width, height } = pixelSizeForRatio(ratio);
      assert.equal(sizeForRatio(ratio), `${width}×${height}`);
      assert.equal(ratioForSize(size(width, height)), ratio);
      assert.equal(judgeReference(size(width, height), ratio).level, 'ok');
    }
    assert.deepEqual(pixelSizeForRatio('16:9'), { width: 1280, height: 720 });
    assert.deepEqual(pixelSizeForRatio('9:16'), { width: 720, height: 1280 });
    // A ratio the service does not offer fits no image (it used to pass a portrait one).
    assert.equal(judgeReference(size(720, 1280), '4:3').level, 'error');
  });

  test('a page instead of an image blocks; an unreachable or unmeasurable image only warns', () => {
    assert.equal(judgeProbe({ kind: 'notImage', contentType: 'text/html' }, '16:9').level, 'error');
    assert.equal(judgeProbe({ kind: 'unreachable', detail: 'HTTP 404' }, '16:9').level, 'warning');
    assert.equal(judgeProbe({ kind: 'unreadable', format: 'image/avif' }, '16:9').level, 'warning');
  });
});
