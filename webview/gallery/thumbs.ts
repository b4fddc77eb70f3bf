// Thumbnails made in the page from the saved videos (the machine may have no ffmpeg; Chromium
// decodes the video anyway): load the file muted, seek to an early frame, draw it 320 px wide, and
// encode a JPEG. Two at a time, first wish first, each maker reusing its one <video> and <canvas>.
import { TARGET_THUMBNAIL_BYTES, THUMBNAIL_WIDTH, MAX_THUMBNAIL_BYTES } from '../../src/domain/thumbnail';

const CONCURRENCY = 2;
const TIMEOUT_MS = 15_000;
const QUALITIES = [0.7, 0.55, 0.4];

export interface Made {
  blob: Blob;
  base64: string;
}

function once(target: EventTarget, ok: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('timeout')), timeoutMs);
    const onOk = () => done();
    const onError = () => done(new Error('error'));
    const done = (e?: Error) => {
      clearTimeout(timer);
      target.removeEventListener(ok, onOk);
      target.removeEventListener('error', onError);
      if (e) reject(e);
      else resolve();
    };
    target.addEventListener(ok, onOk);
    target.addEventListener('error', onError);
  });
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no blob'))), 'image/jpeg', quality));
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * Makes thumbnails one at a time with one <video> and one <canvas>, both kept: a fresh element per
 * video left 500 media players and canvases to the garbage collector while scrolling through a
 * large library, and the collector, seeing a small JS heap, took its time (BENCHMARKS.md, memory).
 */
export class ThumbnailMaker {
  private readonly video = document.createElement('video');
  private readonly canvas = document.createElement('canvas');

  constructor() {
    this.video.muted = true;
    this.video.preload = 'auto';
    // The resource server answers with Access-Control-Allow-Origin: *; without CORS the canvas is tainted.
    this.video.crossOrigin = 'anonymous';
  }

  /** One thumbnail from one video file (a webview resource URI). */
  async make(src: string): Promise<Made> {
    const video = this.video;
    try {
      video.src = src;
      await once(video, 'loadeddata', TIMEOUT_MS);
      // The very first frame is often black (a fade-in): a tenth in, at most one second.
      const at = Number.isFinite(video.duration) && video.duration > 0 ? Math.min(1, video.duration / 10) : 0;
      if (at > 0) {
        const seeked = once(video, 'seeked', TIMEOUT_MS);
        video.currentTime = at;
        await seeked;
      }
      const w = THUMBNAIL_WIDTH;
      const h = Math.max(1, Math.round((w * (video.videoHeight || 9)) / (video.videoWidth || 16)));
      const canvas = this.canvas;
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no canvas');
      ctx.drawImage(video, 0, 0, w, h);
      for (const q of QUALITIES) {
        const blob = await toBlob(canvas, q);
        if (blob.size <= TARGET_THUMBNAIL_BYTES || (q === QUALITIES[QUALITIES.length - 1] && blob.size <= MAX_THUMBNAIL_BYTES)) {
          return { blob, base64: await base64Of(blob) };
        }
      }
      throw new Error('too large');
    } finally {
      // Frees the decoder and the file at once; the element waits for the next video.
      video.removeAttribute('src');
      video.load();
    }
  }
}

/** Runs the makers for the items asked for, one per maker at a time; each item at most once per page life. */
export class ThumbnailQueue {
  private readonly waiting: Array<{ id: string; src: string }> = [];
  private readonly tried = new Set<string>();
  /** Made when first needed: a warm gallery never decodes a video. At most CONCURRENCY live decoders. */
  private readonly idle: ThumbnailMaker[] = [];
  private makers = 0;

  constructor(
    private readonly onMade: (id: string, made: Made) => void,
    private readonly onFailed: (id: string) => void,
  ) {}

  /** Asks for a thumbnail; items scrolled past before their turn are dropped by `keepOnly`. */
  want(id: string, src: string): void {
    if (this.tried.has(id)) return;
    this.tried.add(id);
    this.waiting.push({ id, src });
    this.pump();
  }

  /** Forgets the waiting items not in view any more (they are asked for again when they return). */
  keepOnly(ids: ReadonlySet<string>): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i];
      if (!ids.has(w.id)) {
        this.waiting.splice(i, 1);
        this.tried.delete(w.id);
      }
    }
  }

  private pump(): void {
    while (this.waiting.length && (this.idle.length || this.makers < CONCURRENCY)) {
      const next = this.waiting.shift();
      if (!next) return;
      let maker = this.idle.pop();
      if (!maker) {
        maker = new ThumbnailMaker();
        this.makers++;
      }
      const using = maker;
      using
        .make(next.src)
        .then(
          (made) => this.onMade(next.id, made),
          () => this.onFailed(next.id),
        )
        .finally(() => {
          this.idle.push(using);
          this.pump();
        });
    }
  }
}
