// Tells the user when a task finishes, with the next useful actions; sora.notifications can limit
// this to failures or turn it off (the task list and status bar still show everything).
import vscode = require('vscode');
import type { Task } from '../domain/task';
import { oneLine } from '../util/text';
import { notifyLevel, shouldNotify, shouldWarn } from '../domain/notifyPolicy';
import { LINK_LIFETIME_MS } from '../domain/lifecycle';
import { Commands, Views } from '../domain/ids';
import { t } from '../util/l10n';
import { hideUrlQueries } from '../util/log';

function level() {
  return notifyLevel(vscode.workspace.getConfiguration('sora').get('notifications'));
}

/**
 * Notification messages turn `[label](command:…)` into a link that runs the command when clicked.
 * Every message holding text from the prompt, the service or a path goes through here, whole, so
 * that text can only ever read as text.
 */
export function noLinks(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

export function notifyFinal(task: Task): void {
  const name = oneLine(task.settings.prompt, 50);
  if (task.phase !== 'completed' && task.phase !== 'failed') return;
  if (!shouldNotify(level(), task.phase)) return;
  if (task.phase === 'completed') {
    const open = t('Open');
    const saveAs = t('Save As…');
    const show = t('Show in List');
    void vscode.window.showInformationMessage(noLinks(t('Sora video ready: "{0}"', name)), open, saveAs, show).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand(Commands.openVideo, task.localId);
      if (choice === saveAs) void vscode.commands.executeCommand(Commands.saveVideoAs, task.localId);
      if (choice === show) void vscode.commands.executeCommand(Views.tasksFocus);
    });
  } else {
    const again = t('Create Again…');
    const show = t('Show in List');
    void vscode.window
      .showErrorMessage(noLinks(t('Sora video failed: "{0}": {1}', name, oneLine(hideUrlQueries(task.error ?? t('no reason given')), 300))), again, show)
      .then((choice) => {
        if (choice === again) void vscode.commands.executeCommand(Commands.createAgain, task.localId);
        if (choice === show) void vscode.commands.executeCommand(Views.tasksFocus);
      });
  }
}

export function notifyDownloadFailed(task: Task, message: string): void {
  // Shown at 'failures' too: the link expires, so the user has to act.
  if (level() === 'none') return;
  void vscode.window.showWarningMessage(noLinks(t('The video for "{0}" could not be saved: {1}', oneLine(task.settings.prompt, 50), oneLine(hideUrlQueries(message), 300))));
}

/** Automatic downloads are off and the video is not saved: its link expires in a few hours. */
export function notifyLinkExpiring(task: Task): void {
  if (!shouldWarn(level())) return;
  const left = (task.completedAt ?? Date.now()) + LINK_LIFETIME_MS - Date.now();
  const hours = Math.max(1, Math.round(left / 3_600_000));
  const saveAs = t('Save As…');
  const text = t('The video link for "{0}" expires in about {1} h and the video is not saved yet (automatic downloads are off).', oneLine(task.settings.prompt, 50), hours);
  void vscode.window.showWarningMessage(noLinks(text), saveAs).then((choice) => {
    if (choice === saveAs) void vscode.commands.executeCommand(Commands.saveVideoAs, task.localId);
  });
}
