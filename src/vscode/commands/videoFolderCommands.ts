// The saved videos outside the task list: Open Videos Folder, and Show Saved Videos, which lists the
// videos in the download folder (also those whose tasks were cleared) and plays the chosen one.
import { promises as fs } from 'node:fs';
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import { listVideoFiles } from '../../persistence/videoFolder';
import { matchSavedVideos, type SavedVideo } from '../../domain/savedVideos';
import { isInside } from '../../domain/files';
import { Commands } from '../../domain/ids';
import { t } from '../../util/l10n';
import { downloadFolder } from '../config';
import { noLinks } from '../notifications';
import { loadCore } from '../loadCore';
import { oneLine } from '../../util/text';
import { relativeTime } from '../views/when';

/** The download folder, or undefined after saying why the setting is unusable. */
function folderOrSayWhy(context: vscode.ExtensionContext): string | undefined {
  try {
    return downloadFolder(context);
  } catch (e) {
    void vscode.window.showErrorMessage(noLinks((e as Error).message));
    return undefined;
  }
}

/** Quick pick labels render `$(name)` as an icon: a prompt's text must stay text. */
const asText = (s: string): string => s.replace(/\$\(/g, '$\u200b(');

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? t('{0} MB', (bytes / 1024 / 1024).toFixed(1)) : t('{0} KB', Math.max(1, Math.round(bytes / 1024)));
}

function pickItem(video: SavedVideo, now: number): vscode.QuickPickItem & { video: SavedVideo } {
  const when = `${relativeTime(video.mtimeMs, now)} · ${sizeText(video.size)}`;
  if (!video.task) return { label: asText(video.name), description: when, video };
  return { label: asText(oneLine(video.task.settings.prompt, 80) || video.name), description: when, detail: asText(video.name), video };
}

/**
 * Shows the folder where it can be opened: the system's file manager on a local desktop (with the
 * newest video selected), the Explorer when the folder is inside the workspace, and otherwise (a
 * remote or browser window, where the folder is on another machine) its path to copy.
 */
async function openVideosFolder(context: vscode.ExtensionContext): Promise<void> {
  const folder = folderOrSayWhy(context);
  if (!folder) return;
  // Downloads create it on first use; revealing needs it now.
  await fs.mkdir(folder, { recursive: true }).catch(() => undefined);
  const newest = matchSavedVideos(await listVideoFiles(folder).catch(() => []), [])[0];
  const target = vscode.Uri.file(newest?.path ?? folder);
  if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) {
    await vscode.commands.executeCommand('revealFileInOS', target);
    return;
  }
  const inWorkspace = (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'file' && isInside(folder, f.uri.fsPath));
  if (inWorkspace) {
    await vscode.commands.executeCommand('revealInExplorer', target);
    return;
  }
  const copy = t('Copy Path');
  const show = t('Show Saved Videos');
  const choice = await vscode.window.showInformationMessage(noLinks(t('The videos are saved in {0}', folder)), copy, show);
  if (choice === copy) await vscode.env.clipboard.writeText(folder);
  if (choice === show) await vscode.commands.executeCommand(Commands.relistSavedVideos);
}

/** The saved videos, newest first; the chosen one plays in the preview (with its task's details when the list still has it). */
async function showSavedVideos(context: vscode.ExtensionContext, store: TaskStore): Promise<void> {
  const folder = folderOrSayWhy(context);
  if (!folder) return;
  let videos: SavedVideo[];
  try {
    videos = matchSavedVideos(await listVideoFiles(folder), store.all());
  } catch (e) {
    void vscode.window.showErrorMessage(noLinks(t('Could not read {0}: {1}', folder, (e as Error).message)));
    return;
  }
  if (videos.length === 0) {
    void vscode.window.showInformationMessage(noLinks(t('No saved videos in {0} yet.', folder)));
    return;
  }
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    videos.map((v) => pickItem(v, now)),
    {
      title: t('Sora: Saved Videos'),
      placeHolder: videos.length === 1 ? t('1 video in {0}', folder) : t('{0} videos in {1}, newest first', videos.length, folder),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  if (!picked) return;
  const { task, path: file } = picked.video;
  loadCore().showVideoPreview(context.extensionUri, task ? (store.get(task.localId) ?? task) : undefined, file);
}

export function registerVideoFolderCommands(context: vscode.ExtensionContext, store: TaskStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openVideosFolder, () => openVideosFolder(context)),
    vscode.commands.registerCommand(Commands.relistSavedVideos, () => showSavedVideos(context, store)),
  );
}
