// Plays a downloaded video inside VS Code: one webview panel per task, titled with the file name,
// allowed to read only that file's folder, without scripts.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path = require('node:path');
import vscode = require('vscode');
import type { Task } from '../../domain/task';
import type { TaskStore } from '../../persistence/repository';
import { videoPreviewHtml } from './html';
import { createdText } from '../views/taskItem';
import { settingLines } from '../views/taskSettings';
import { oneLine } from '../../util/text';
import { Commands, Contexts, Panels } from '../../domain/ids';
import { t } from '../../util/l10n';
import { isSavedVideo } from '../../domain/savedVideos';
import { walkthroughEvent } from '../walkthrough';

export const VIDEO_PREVIEW_VIEW_TYPE = Panels.videoPreview;
/** The only commands the page's links may run. */
const LINK_COMMANDS = [Commands.saveVideoAs, Commands.copyPrompt, Commands.createAgain];

const open = new Map<string, { panel: vscode.WebviewPanel; file: string }>();

function commandHref(command: string, localId: string): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([localId]))}`;
}

/** A saved file no task in the list claims (the list was cleared): the video and where it is. */
function renderFile(panel: vscode.WebviewPanel, file: string): void {
  const t = vscode.l10n.t;
  panel.title = path.basename(file);
  panel.webview.html = videoPreviewHtml({
    lang: vscode.env.language,
    nonce: randomBytes(18).toString('base64'),
    cspSource: panel.webview.cspSource,
    videoSrc: panel.webview.asWebviewUri(vscode.Uri.file(file)).toString(),
    title: path.basename(file),
    prompt: '',
    promptLabel: t('Prompt'),
    details: [
      { label: t('Task'), value: t('not in the task list any more') },
      { label: t('Saved to'), value: file, code: true },
    ],
    actions: [],
    noVideoText: t('This video cannot be played here. Open the videos folder to play it in another player.'),
  });
}

function render(panel: vscode.WebviewPanel, task: Task | undefined, file: string): void {
  if (!task) return renderFile(panel, file);
  const s = task.settings;
  panel.title = path.basename(file);
  panel.webview.html = videoPreviewHtml({
    lang: vscode.env.language,
    nonce: randomBytes(18).toString('base64'),
    cspSource: panel.webview.cspSource,
    videoSrc: panel.webview.asWebviewUri(vscode.Uri.file(file)).toString(),
    title: oneLine(s.prompt, 120),
    prompt: s.prompt,
    promptLabel: t('Prompt'),
    details: [
      ...settingLines(task),
      { label: t('Video length'), value: task.actualDuration !== undefined ? t('{0} s', task.actualDuration) : '' },
      { label: t('Task id'), value: task.remoteId ?? '', code: true },
      { label: t('Created'), value: createdText(task) },
      { label: t('Cost'), value: task.amount !== undefined ? String(task.amount) : '' },
      { label: t('Saved to'), value: file, code: true },
    ],
    actions: [
      { label: t('Save As…'), href: commandHref(Commands.saveVideoAs, task.localId) },
      { label: t('Copy Prompt'), href: commandHref(Commands.copyPrompt, task.localId) },
      { label: t('Create Again…'), href: commandHref(Commands.createAgain, task.localId) },
    ],
    noVideoText: t('This video cannot be played here. Use Save As… to open it in another player.'),
  });
}

/** One preview per task, or per file for a file no task claims. */
const keyOf = (task: Task | undefined, file: string): string => (task ? task.localId : `file:${file}`);

function adopt(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, task: Task | undefined, file: string): void {
  const key = keyOf(task, file);
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sora.svg');
  open.set(key, { panel, file });
  panel.onDidDispose(() => {
    if (open.get(key)?.panel === panel) open.delete(key);
  });
  render(panel, task, file);
}

function panelOptions(file: string): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: false,
    enableCommandUris: LINK_COMMANDS,
    enableFindWidget: true,
    // Only the video's own folder: not the workspace, not the extension.
    localResourceRoots: [vscode.Uri.file(path.dirname(file))],
  };
}

/** The file a preview's title names: a task's saved video, or a saved video in the download folder. */
async function fileFor(title: string, store: TaskStore, folder: () => string | undefined): Promise<{ task?: Task; file: string } | undefined> {
  const task = store.all().find((c) => c.download?.state === 'done' && c.download.path && path.basename(c.download.path) === title);
  const file = task?.download?.path ?? unclaimedFile(title, folder);
  if (!file) return undefined;
  const exists = await fs.stat(file).then((s) => s.isFile() && isSavedVideo(title, s.size), () => false);
  return exists ? { task, file } : undefined;
}

/** A title is only ever a bare file name of ours: anything else (a path, another type) is not looked up. */
function unclaimedFile(title: string, folder: () => string | undefined): string | undefined {
  if (path.basename(title) !== title || !isSavedVideo(title, 1)) return undefined;
  const dir = folder();
  return dir ? path.join(dir, title) : undefined;
}

/**
 * After a window reload VS Code hands back the open previews (through the serializer registered at
 * activation, src/vscode/extension.ts). The page keeps no state (it has no script), so the panel's
 * title, the file name, finds the task, or a saved video in the download folder whose task was
 * cleared; a preview whose file is gone closes.
 */
export async function reviveVideoPreview(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, store: TaskStore, folder: () => string | undefined): Promise<void> {
  const found = await fileFor(panel.title, store, folder);
  if (!found || open.has(keyOf(found.task, found.file))) {
    panel.dispose();
    return;
  }
  panel.webview.options = panelOptions(found.file);
  adopt(panel, extensionUri, found.task, found.file);
}

/**
 * Opens (or reveals) the preview of a task's local video file; without a task, of a saved file the
 * list no longer knows.
 */
export function showVideoPreview(extensionUri: vscode.Uri, task: Task | undefined, file: string): vscode.WebviewPanel {
  walkthroughEvent(Contexts.videoOpened);
  const existing = open.get(keyOf(task, file));
  if (existing) {
    if (existing.file !== file) {
      existing.panel.webview.options = panelOptions(file);
      existing.file = file;
    }
    render(existing.panel, task, file);
    existing.panel.reveal(undefined, false);
    return existing.panel;
  }
  const panel = vscode.window.createWebviewPanel(VIDEO_PREVIEW_VIEW_TYPE, path.basename(file), vscode.ViewColumn.Active, panelOptions(file));
  adopt(panel, extensionUri, task, file);
  return panel;
}
