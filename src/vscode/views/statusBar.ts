// "Sora: 2 running" while tasks are in progress; a click reveals the list.
import * as vscode from 'vscode';
import type { TaskStore } from '../../persistence/repository';
import { isRunning } from '../../domain/lifecycle';
import { StatusBarItems, Views } from '../../domain/ids';
import { t } from '../../util/l10n';

export function registerStatusBar(context: vscode.ExtensionContext, store: TaskStore): void {
  const item = vscode.window.createStatusBarItem(StatusBarItems.running, vscode.StatusBarAlignment.Left, 10);
  item.name = 'Sora Video';
  item.command = Views.tasksFocus;
  const update = () => {
    const n = store.all().filter(isRunning).length;
    if (n === 0) {
      item.hide();
      return;
    }
    item.text = `$(loading~spin) ${t('Sora: {0} running', n)}`;
    item.tooltip = t('Show the Sora task list');
    item.show();
  };
  update();
  context.subscriptions.push(item, store.onDidChange(update));
}
