// Naming and classifying saved videos; no network code here, so the tree can use it at activation.
import { ApiError } from '../api/errors';

/** 403/404/410: the URL has expired or never existed; retrying will not help. */
export function isExpired(e: unknown): boolean {
  return e instanceof ApiError && e.kind === 'http' && [403, 404, 410].includes(e.status ?? 0);
}

/** A file name from the task id: filesystem-safe, and distinct ids never collide. */
export function videoFileName(remoteId: string): string {
  const safe = remoteId.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 100);
  if (safe === remoteId && safe.length > 0) return `${safe}.mp4`;
  let h = 0;
  for (const ch of remoteId) h = (Math.imul(h, 31) + ch.codePointAt(0)!) >>> 0;
  return `${safe || 'video'}-${h.toString(16).padStart(8, '0')}.mp4`;
}
