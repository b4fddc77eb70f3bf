// Reads the sora.* and http.* settings the engine needs. In Restricted Mode a workspace's own values
// of the settings that cost money or traffic, or choose where files go, are not read: VS Code
// already hides them for the keys in package.json's restrictedConfigurations, and this file takes
// only the user's value of the same keys, so the rule holds without relying on one of the two.
import fs = require('node:fs');
import path = require('node:path');
import vscode = require('vscode');
import type { EngineSettings } from '../engine/engine';
import type { DraftInput } from '../domain/request';
import { DEFAULT_MAX_DOWNLOAD_MB, isInside, maxDownloadBytes, resolveDownloadFolder } from '../domain/files';
import { SettingsError } from '../domain/endpoints';
import { t } from '../util/l10n';

/** Settings an untrusted workspace cannot set (the same list as restrictedConfigurations in package.json). */
export const RESTRICTED_SETTINGS = [
  'sora.downloadFolder',
  'sora.defaultModel',
  'sora.defaultSeconds',
  'sora.pollIntervalSeconds',
  'sora.requestTimeoutSeconds',
  'sora.maxDownloadMB',
] as const;

/** A sora.* value; for a restricted key in an untrusted workspace, the user's own (or the default). */
function sora<T>(key: string, def: T): T {
  const c = vscode.workspace.getConfiguration('sora');
  if (vscode.workspace.isTrusted || !(RESTRICTED_SETTINGS as readonly string[]).includes(`sora.${key}`)) return c.get<T>(key, def);
  const i = c.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue ?? def;
}

function num(key: string, def: number, min: number, max: number): number {
  const v = sora<unknown>(key, def);
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
}

export function engineSettings(): EngineSettings {
  const c = vscode.workspace.getConfiguration('sora');
  const http = vscode.workspace.getConfiguration('http');
  return {
    baseUrl: c.get<string>('baseUrl', '') ?? '',
    createPath: c.get<string>('createPath', '/v1/sora/videos') ?? '/v1/sora/videos',
    queryPath: c.get<string>('queryPath', '/v1/result/{id}') ?? '/v1/result/{id}',
    timeoutMs: num('requestTimeoutSeconds', 60, 5, 600) * 1000,
    pollBaseMs: num('pollIntervalSeconds', 15, 1, 600) * 1000,
    autoDownload: c.get<boolean>('autoDownload', true) !== false,
    maxDownloadBytes: maxDownloadBytes(num('maxDownloadMB', DEFAULT_MAX_DOWNLOAD_MB, 1, 1024 * 1024)),
    proxy: {
      proxy: http.get<string>('proxy', '') ?? '',
      strictSSL: http.get<boolean>('proxyStrictSSL', true) !== false,
      noProxy: http.get<string[]>('noProxy', []) ?? [],
      env: process.env,
    },
  };
}

/** sora.customModels as written (application scope: no workspace can set it); parsed in the core bundle. */
export function customModelsSetting(): unknown {
  return vscode.workspace.getConfiguration('sora').get<unknown>('customModels', []);
}

/** True when there are custom models to read: an empty list needs no parsing at start-up. */
export function hasCustomModels(): boolean {
  const v = customModelsSetting();
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

export function defaultDraft(): DraftInput {
  const c = vscode.workspace.getConfiguration('sora');
  return {
    prompt: '',
    model: sora<string>('defaultModel', 'openAiSora2Plus'),
    aspectRatio: c.get<string>('defaultAspectRatio', '16:9'),
    seconds: sora<number>('defaultSeconds', 8),
    referenceImage: '',
  };
}

/**
 * The real path of `p`: symlinks in the part that exists are resolved, the rest (to be created)
 * appended as it is.
 */
export function realFolder(p: string): string {
  let existing = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(p);
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * sora.downloadFolder: empty → private storage; absolute; or relative to the first workspace folder.
 * Symlinks are resolved here, once, so what a link points to is where the video goes. In an
 * untrusted workspace a folder inside a workspace folder (by its name or by where its links lead)
 * is refused: the workspace's files could redirect it anywhere.
 */
export function downloadFolder(context: vscode.ExtensionContext): string {
  const raw = sora<string>('downloadFolder', '') ?? '';
  const ws = vscode.workspace.workspaceFolders?.[0];
  const folder = resolveDownloadFolder(raw, ws?.uri.scheme === 'file' ? ws.uri.fsPath : undefined, context.globalStorageUri.fsPath);
  const real = realFolder(folder);
  // Empty means the extension's own storage, which no workspace chooses.
  if (!vscode.workspace.isTrusted && raw.trim()) {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      if (f.uri.scheme !== 'file') continue;
      const root = f.uri.fsPath;
      if (isInside(path.resolve(folder), path.resolve(root)) || isInside(real, realFolder(root))) {
        throw new SettingsError(
          t('sora.downloadFolder ("{0}") is inside the workspace, which is not trusted: videos are not saved there. Trust the workspace or choose a folder outside it.', raw.trim()),
        );
      }
    }
  }
  return real;
}

/** sora.monthlyBudget: 0 (or anything not a positive number) is no budget. Application scope: no workspace sets it. */
export function monthlyBudget(): number {
  const v = vscode.workspace.getConfiguration('sora').get<unknown>('monthlyBudget', 0);
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}
