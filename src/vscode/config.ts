// Reads the sora.* and http.* settings the engine needs.
import * as vscode from 'vscode';
import type { EngineSettings } from '../engine/engine';
import type { DraftInput } from '../domain/request';
import { resolveDownloadFolder } from '../domain/files';

export function engineSettings(): EngineSettings {
  const c = vscode.workspace.getConfiguration('sora');
  const http = vscode.workspace.getConfiguration('http');
  const num = (key: string, def: number, min: number, max: number) => {
    const v = c.get<number>(key, def);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
  };
  return {
    baseUrl: c.get<string>('baseUrl', '') ?? '',
    createPath: c.get<string>('createPath', '/v1/sora/videos') ?? '/v1/sora/videos',
    queryPath: c.get<string>('queryPath', '/v1/result/{id}') ?? '/v1/result/{id}',
    timeoutMs: num('requestTimeoutSeconds', 60, 5, 600) * 1000,
    pollBaseMs: num('pollIntervalSeconds', 15, 1, 600) * 1000,
    autoDownload: c.get<boolean>('autoDownload', true) !== false,
    proxy: {
      proxy: http.get<string>('proxy', '') ?? '',
      strictSSL: http.get<boolean>('proxyStrictSSL', true) !== false,
      noProxy: http.get<string[]>('noProxy', []) ?? [],
      env: process.env,
    },
  };
}

export function defaultDraft(): DraftInput {
  const c = vscode.workspace.getConfiguration('sora');
  return {
    prompt: '',
    model: c.get<string>('defaultModel', 'openAiSora2Plus'),
    aspectRatio: c.get<string>('defaultAspectRatio', '16:9'),
    seconds: c.get<number>('defaultSeconds', 8),
    referenceImage: '',
  };
}

/** sora.downloadFolder: empty → private storage; absolute; or relative to the first workspace folder. */
export function downloadFolder(context: vscode.ExtensionContext): string {
  const raw = vscode.workspace.getConfiguration('sora').get<string>('downloadFolder', '') ?? '';
  const ws = vscode.workspace.workspaceFolders?.[0];
  return resolveDownloadFolder(raw, ws?.uri.scheme === 'file' ? ws.uri.fsPath : undefined, context.globalStorageUri.fsPath);
}
