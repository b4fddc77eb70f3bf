// What each family documents about the images it takes as a reference or a frame, and whether a
// measured image meets it. Sora wants exactly the frame of the chosen ratio (imageSize.ts,
// judgeReference); Seedance 2.0 and Happy Horse give ranges (docs/protocol.md, "Model families").
// A family that documents nothing has no limits: only "is it an image" is checked for it.
import { judgeReference, type ImageSize } from './imageSize';

export interface ImageLimits {
  /** The image must be exactly the frame of the request's aspect ratio (Sora). */
  exactFrame?: boolean;
  /** Pixels, each side. */
  minSide?: number;
  maxSide?: number;
  /** Width / height. */
  minRatio?: number;
  maxRatio?: number;
  formats?: readonly ImageSize['format'][];
  /** The file's size, where the provider gives one (checked when the size is known). */
  maxBytes?: number;
}

/** By family name, as a profile's `family` (a custom family may take a documented one's name). */
export const REFERENCE_LIMITS: Readonly<Record<string, ImageLimits>> = {
  sora: { exactFrame: true },
  // jpeg/png/webp/bmp/tiff/gif; bmp and tiff are not measured here, so they are only a warning.
  seedance2: { minSide: 300, maxSide: 6000, minRatio: 0.4, maxRatio: 2.5 },
  happyhorse: { minSide: 300, minRatio: 0.4, maxRatio: 2.5, formats: ['jpeg', 'png', 'webp'], maxBytes: 20 * 1024 * 1024 },
};

export type LimitProblem = 'wrongSize' | 'wrongOrientation' | 'tooSmall' | 'tooLarge' | 'wrongRatio' | 'wrongFormat' | 'tooManyBytes';

export function limitsFor(family: string): ImageLimits {
  return Object.prototype.hasOwnProperty.call(REFERENCE_LIMITS, family) ? REFERENCE_LIMITS[family] : {};
}

/** The first limit the image breaks, or undefined when it meets them all. */
export function limitProblem(limits: ImageLimits, size: ImageSize, aspectRatio: string, bytes?: number): LimitProblem | undefined {
  if (limits.exactFrame) {
    const v = judgeReference(size, aspectRatio);
    if (v.level === 'error') return v.reason === 'wrongOrientation' ? 'wrongOrientation' : 'wrongSize';
  }
  if (limits.formats && !limits.formats.includes(size.format)) return 'wrongFormat';
  const short = Math.min(size.width, size.height);
  const long = Math.max(size.width, size.height);
  if (limits.minSide !== undefined && short < limits.minSide) return 'tooSmall';
  if (limits.maxSide !== undefined && long > limits.maxSide) return 'tooLarge';
  const ratio = size.width / size.height;
  if ((limits.minRatio !== undefined && ratio < limits.minRatio) || (limits.maxRatio !== undefined && ratio > limits.maxRatio)) return 'wrongRatio';
  if (limits.maxBytes !== undefined && bytes !== undefined && bytes > limits.maxBytes) return 'tooManyBytes';
  return undefined;
}
