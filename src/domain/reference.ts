// What a look at the reference image's first bytes found, and what that means for a request:
// a wrong size or orientation, or a URL that serves no image, blocks Create (the service rejects
// it); an image we could not reach or measure is only a warning (the service may still get it).
import { judgeReference, type ImageSize } from './imageSize';
import { pixelSizeForRatio, ratioForPixelSize, type AspectRatio } from './request';
import { limitProblem, type ImageLimits, type LimitProblem } from './referenceLimits';

export type ProbeResult =
  | { kind: 'image'; size: ImageSize }
  /** An image by its magic number or content type, but its size could not be read from the header. */
  | { kind: 'unreadable'; format: string }
  /** The URL answered with something that is not an image (an HTML page, JSON…). */
  | { kind: 'notImage'; contentType: string }
  /** No answer, a timeout, or an HTTP error status. */
  | { kind: 'unreachable'; detail: string };

export type ReferenceCheck =
  | { level: 'ok'; code: 'ok'; size: ImageSize }
  | { level: 'error'; code: 'wrongSize' | 'wrongOrientation'; size: ImageSize }
  | { level: 'error'; code: 'notImage'; contentType: string }
  | { level: 'warning'; code: 'unreadable'; format: string }
  | { level: 'warning'; code: 'unreachable'; detail: string };

export function judgeProbe(probe: ProbeResult, aspectRatio: string): ReferenceCheck {
  switch (probe.kind) {
    case 'image': {
      const v = judgeReference(probe.size, aspectRatio);
      if (v.level === 'ok') return { level: 'ok', code: 'ok', size: probe.size };
      return { level: 'error', code: v.reason === 'wrongOrientation' ? 'wrongOrientation' : 'wrongSize', size: probe.size };
    }
    case 'unreadable':
      return { level: 'warning', code: 'unreadable', format: probe.format };
    case 'notImage':
      return { level: 'error', code: 'notImage', contentType: probe.contentType };
    case 'unreachable':
      return { level: 'warning', code: 'unreachable', detail: probe.detail };
  }
}

/** The same look judged by a family's documented limits (referenceLimits.ts) instead of Sora's exact frames. */
export type LimitsCheck =
  | Exclude<ReferenceCheck, { code: 'wrongSize' | 'wrongOrientation' }>
  | { level: 'error'; code: LimitProblem; size: ImageSize };

export function judgeProbeByLimits(probe: ProbeResult, limits: ImageLimits, aspectRatio: string): LimitsCheck {
  if (probe.kind !== 'image') return judgeProbe(probe, aspectRatio);
  const problem = limitProblem(limits, probe.size, aspectRatio);
  return problem ? { level: 'error', code: problem, size: probe.size } : { level: 'ok', code: 'ok', size: probe.size };
}

/** The size the chosen ratio needs, for messages; an unknown ratio reads as the default 16:9. */
export function sizeForRatio(aspectRatio: string): string {
  const { width, height } = pixelSizeForRatio(aspectRatio === '9:16' ? '9:16' : '16:9');
  return `${width}×${height}`;
}

/** The ratio an image of this size would need. */
export function ratioForSize(size: ImageSize): AspectRatio | undefined {
  return ratioForPixelSize(size);
}
