// Tells the user when a task finishes, with the next useful actions.
import * as vscode from 'vscode';
import type { Task } from './tasks/model';
import { oneLine } from './views/taskItem';

export function notifyFinal(task: Task): void {
  const name = oneLine(task.settings.prompt, 50);
  if (task.phase === 'completed') {
    const open = vscode.l10n.t('Open');
    const show = vscode.l10n.t('Show in List');
    void vscode.window.showInformationMessage(vscode.l10n.t('Sora video ready: "{0}"', name), open, show).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('sora.openVideo', task.localId);
      if (choice === show) void vscode.commands.executeCommand('sora.tasks.focus');
    });
  } else if (task.phase === 'failed') {
    const again = vscode.l10n.t('Create Again');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Sora video failed: "{0}": {1}', name, oneLine(task.error ?? vscode.l10n.t('no reason given'), 300)), again)
      .then((choice) => {
        if (choice === again) void vscode.commands.executeCommand('sora.createAgain', task.localId);
      });
  }
}

export function notifyDownloadFailed(task: Task, message: string): void {
  void vscode.window.showWarningMessage(vscode.l10n.t('The video for "{0}" could not be saved: {1}', oneLine(task.settings.prompt, 50), oneLine(message, 300)));
}
