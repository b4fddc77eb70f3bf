// Naming and classifying saved videos, and the limits of a download; no network code here, so the
// tree can use it at activation.
import path = require('node:path');
import { createHash } from 'node:crypto';
import { ApiError } from './errors';
import { SettingsError } from './endpoints';
import { t } from '../util/l10n';

/** 403/404/410: the URL has expired or never existed; retrying will not help. */
export function isExpired(e: unknown): boolean {
  return e instanceof ApiError && e.kind === 'http' && [403, 404, 410].includes(e.status ?? 0);
}

/** Default of sora.maxDownloadMB: far above any Sora clip, far below a full disk. */
export const DEFAULT_MAX_DOWNLOAD_MB = 2048;
/**
 * The whole transfer must finish within the time this slowest acceptable speed needs for the byte
 * cap (so a server that drips bytes just inside the idle timeout cannot hold a download forever)...
 */
export const MIN_DOWNLOAD_BYTES_PER_SECOND = 512 * 1024;
/** ...but never less than this, so a small cap still leaves a slow line enough time. */
export const MIN_DOWNLOAD_DEADLINE_MS = 30 * 60_000;

export function maxDownloadBytes(mb: number): number {
  return Math.round(mb * 1024 * 1024);
}

/** The deadline of one whole download (68 minutes with the default cap). */
export function downloadDeadlineMs(maxBytes: number): number {
  return Math.max(MIN_DOWNLOAD_DEADLINE_MS, Math.ceil((maxBytes / MIN_DOWNLOAD_BYTES_PER_SECOND) * 1000));
}

/** A video over the byte cap: fetching it again would only fail again, so it is not retried. */
export class DownloadTooLargeError extends ApiError {
  constructor(url: string, maxBytes: number) {
    const mb = maxBytes / 1024 / 1024;
    super('malformed', 'download', url, t('larger than {0} MB, the limit set in sora.maxDownloadMB', mb >= 1 ? Math.round(mb) : Number(mb.toPrecision(2))));
  }
}

/** Devices on Windows, whatever the extension ("nul.mp4" is nul). */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const HASHED = /-[0-9a-f]{16}$/;

/**
 * A file name from the task id: filesystem-safe on every OS, and distinct ids never get the same
 * name, not even on a case-insensitive disk. An id made only of lower-case letters, digits and
 * `._-` (and not a Windows device name) is used as it is; any other id becomes its cleaned-up text
 * plus the first 16 hex digits of the SHA-256 of the whole id. A plain name never ends like a hashed
 * one (such ids are hashed too), so the two kinds cannot meet; a hashed name has no dot before
 * `.mp4`, so it is never a device name.
 */
export function videoFileName(remoteId: string): string {
  if (/^[a-z0-9][a-z0-9._-]{0,99}$/.test(remoteId) && !HASHED.test(remoteId) && !RESERVED.test(remoteId.split('.')[0])) {
    return `${remoteId}.mp4`;
  }
  const safe = remoteId.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+/, '').slice(0, 80);
  const hash = createHash('sha256').update(remoteId, 'utf8').digest('hex').slice(0, 16);
  return `${safe || 'video'}-${hash}.mp4`;
}

/** The gallery's cached thumbnail of a task's video: the video's safe name with `.jpg` (thumbnails/ in global storage). */
export function thumbnailFileName(taskId: string): string {
  return `${videoFileName(taskId).slice(0, -'.mp4'.length)}.jpg`;
}

/** The n-th name for a file whose name is taken: `clip.mp4` → `clip (2).mp4`. */
export function numberedFileName(file: string, n: number): string {
  if (n <= 1) return file;
  const dir = path.dirname(file);
  const base = path.basename(file);
  const ext = path.extname(base);
  const stem = ext && ext !== base ? base.slice(0, -ext.length) : base;
  return path.join(dir, `${stem} (${n})${ext !== base ? ext : ''}`);
}

/** Whether `child` is `parent` or below it (paths already absolute and normalised). */
export function isInside(child: string, parent: string, pathApi: typeof path = path): boolean {
  const rel = pathApi.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${pathApi.sep}`) && !pathApi.isAbsolute(rel));
}

/**
 * sora.downloadFolder: empty → the extension's private storage; an absolute path as it is; a
 * relative one inside the first (local) workspace folder, or a readable error without one.
 */
export function resolveDownloadFolder(setting: string, workspaceFolder: string | undefined, privateStorage: string): string {
  const raw = setting.trim();
  if (!raw) return path.join(privateStorage, 'videos');
  if (path.isAbsolute(raw)) return raw;
  if (!workspaceFolder) throw new SettingsError(t('sora.downloadFolder is relative ("{0}") but no local workspace folder is open.', raw));
  return path.join(workspaceFolder, raw);
}
