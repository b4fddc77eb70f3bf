// Tells the user when a task finishes, with the next useful actions; sora.notifications can limit
// this to failures or turn it off (the task list and status bar still show everything).
import * as vscode from 'vscode';
import type { Task } from './tasks/model';
import { oneLine } from './views/taskItem';
import { notifyLevel, shouldNotify } from './notifyPolicy';

function level() {
  return notifyLevel(vscode.workspace.getConfiguration('sora').get('notifications'));
}

export function notifyFinal(task: Task): void {
  const name = oneLine(task.settings.prompt, 50);
  if (task.phase !== 'completed' && task.phase !== 'failed') return;
  if (!shouldNotify(level(), task.phase)) return;
  if (task.phase === 'completed') {
    const open = vscode.l10n.t('Open');
    const saveAs = vscode.l10n.t('Save As…');
    const show = vscode.l10n.t('Show in List');
    void vscode.window.showInformationMessage(vscode.l10n.t('Sora video ready: "{0}"', name), open, saveAs, show).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('sora.openVideo', task.localId);
      if (choice === saveAs) void vscode.commands.executeCommand('sora.saveVideoAs', task.localId);
      if (choice === show) void vscode.commands.executeCommand('sora.tasks.focus');
    });
  } else {
    const again = vscode.l10n.t('Create Again');
    const show = vscode.l10n.t('Show in List');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Sora video failed: "{0}": {1}', name, oneLine(task.error ?? vscode.l10n.t('no reason given'), 300)), again, show)
      .then((choice) => {
        if (choice === again) void vscode.commands.executeCommand('sora.createAgain', task.localId);
        if (choice === show) void vscode.commands.executeCommand('sora.tasks.focus');
      });
  }
}

export function notifyDownloadFailed(task: Task, message: string): void {
  // A failed download needs the user whatever the level: the link expires.
  if (level() === 'none') return;
  void vscode.window.showWarningMessage(vscode.l10n.t('The video for "{0}" could not be saved: {1}', oneLine(task.settings.prompt, 50), oneLine(message, 300)));
}
