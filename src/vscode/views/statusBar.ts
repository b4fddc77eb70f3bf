// "Sora: 2 running" while tasks are in progress; a click reveals the list.
import * as vscode from 'vscode';
import type { TaskStore } from '../../persistence/repository';
import { isRunning } from '../../domain/task';

export function registerStatusBar(context: vscode.ExtensionContext, store: TaskStore): void {
  const item = vscode.window.createStatusBarItem('sora.running', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Sora Video';
  item.command = 'sora.tasks.focus';
  const update = () => {
    const n = store.all().filter(isRunning).length;
    if (n === 0) {
      item.hide();
      return;
    }
    item.text = `$(loading~spin) ${vscode.l10n.t('Sora: {0} running', n)}`;
    item.tooltip = vscode.l10n.t('Show the Sora task list');
    item.show();
  };
  update();
  context.subscriptions.push(item, store.onDidChange(update));
}
