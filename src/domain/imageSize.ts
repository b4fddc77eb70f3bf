// Reads an image's format and pixel size from its first bytes (PNG, JPEG, WebP, GIF), so the
// reference image can be checked before a paid request without downloading it whole.
import { ratioForPixelSize } from './request';

export interface ImageSize {
  format: 'png' | 'jpeg' | 'webp' | 'gif';
  width: number;
  height: number;
}

export const PROBE_BYTES = 64 * 1024;

function png(b: Buffer): ImageSize | undefined {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function gif(b: Buffer): ImageSize | undefined {
  if (b.length < 10 || !/^GIF8[79]a$/.test(b.toString('ascii', 0, 6))) return undefined;
  return { format: 'gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

function webp(b: Buffer): ImageSize | undefined {
  if (b.length < 30 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WEBP') return undefined;
  const chunk = b.toString('ascii', 12, 16);
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { format: 'webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { format: 'webp', width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
  }
  return undefined;
}

function jpeg(b: Buffer): ImageSize | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    // End of image, or start of scan data, before any frame header: no size to find.
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const len = b.readUInt16BE(i + 2);
    if (len < 2) return undefined;
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpeg', height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return undefined;
}

export function imageSize(head: Buffer): ImageSize | undefined {
  return png(head) ?? jpeg(head) ?? webp(head) ?? gif(head);
}

/** The format by magic number alone, for a header too short (or too unusual) to give a size. */
export function sniffFormat(head: Buffer): ImageSize['format'] | 'other-image' | undefined {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x89504e47) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 12 && head.toString('ascii', 0, 4) === 'RIFF' && head.toString('ascii', 8, 12) === 'WEBP') return 'webp';
  if (head.length >= 6 && /^GIF8[79]a$/.test(head.toString('ascii', 0, 6))) return 'gif';
  // AVIF/HEIC (ftyp box), BMP, TIFF: images whose size this parser does not read.
  if (head.length >= 12 && head.toString('ascii', 4, 8) === 'ftyp') return 'other-image';
  if (head.length >= 2 && head.toString('ascii', 0, 2) === 'BM') return 'other-image';
  if (head.length >= 4 && (head.readUInt32BE(0) === 0x49492a00 || head.readUInt32BE(0) === 0x4d4d002a)) return 'other-image';
  return undefined;
}

export type ReferenceVerdict =
  | { level: 'ok'; size: ImageSize }
  | { level: 'error'; reason: 'notImage' | 'wrongSize' | 'wrongOrientation'; size?: ImageSize };

/** The service wants exactly the frame size of the requested ratio (pixelSizeForRatio). */
export function judgeReference(size: ImageSize | undefined, aspectRatio: string): ReferenceVerdict {
  if (!size) return { level: 'error', reason: 'notImage' };
  const fits = ratioForPixelSize(size);
  if (!fits) return { level: 'error', reason: 'wrongSize', size };
  if (fits !== aspectRatio) return { level: 'error', reason: 'wrongOrientation', size };
  return { level: 'ok', size };
}
