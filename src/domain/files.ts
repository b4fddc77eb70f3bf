// Naming and classifying saved videos; no network code here, so the tree can use it at activation.
import * as path from 'node:path';
import { ApiError } from './errors';
import { SettingsError } from './endpoints';
import { t } from '../util/l10n';

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
