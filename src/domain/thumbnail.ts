// The rule for a thumbnail the gallery's webview made from a saved video: a JPEG, not empty, and
// small. The host writes only what passes, so a page can never fill global storage or leave a file
// of another kind there. Pure: the webview uses the same limits before it sends anything.

/** The largest thumbnail the host accepts; the webview aims at TARGET_BYTES. */
export const MAX_THUMBNAIL_BYTES = 60 * 1024;
export const TARGET_THUMBNAIL_BYTES = 30 * 1024;
/** The base64 text of MAX_THUMBNAIL_BYTES bytes. */
export const MAX_THUMBNAIL_BASE64 = Math.ceil(MAX_THUMBNAIL_BYTES / 3) * 4;
/** How wide the webview draws the frame, in pixels. */
export const THUMBNAIL_WIDTH = 320;

export type ThumbnailProblem = 'empty' | 'tooLarge' | 'notJpeg';

/** Why these bytes are no thumbnail, or undefined when they are one: a JPEG starts FF D8 FF and ends FF D9. */
export function thumbnailProblem(bytes: Uint8Array): ThumbnailProblem | undefined {
  if (bytes.length === 0) return 'empty';
  if (bytes.length > MAX_THUMBNAIL_BYTES) return 'tooLarge';
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff || bytes[n - 2] !== 0xff || bytes[n - 1] !== 0xd9) return 'notJpeg';
  return undefined;
}
