// "Sora: 2 running" while tasks are in progress, and how many tasks need attention (no longer
// checked automatically, see lifecycle.ts); a click reveals the list.
import * as vscode from 'vscode';
import type { TaskStore } from '../../persistence/repository';
import { attentionOf, isRunning } from '../../domain/lifecycle';
import { StatusBarItems, Views } from '../../domain/ids';
import { t } from '../../util/l10n';

export function registerStatusBar(context: vscode.ExtensionContext, store: TaskStore): void {
  const item = vscode.window.createStatusBarItem(StatusBarItems.running, vscode.StatusBarAlignment.Left, 10);
  item.name = 'Sora Video';
  item.command = Views.tasksFocus;
  const update = () => {
    // Running tasks are never settled: the archive log need not be read for them.
    const tasks = store.unsettled();
    const attention = tasks.filter((task) => attentionOf(task) !== undefined).length;
    const n = tasks.filter((task) => isRunning(task) && attentionOf(task) === undefined).length;
    if (n === 0 && attention === 0) {
      item.hide();
      return;
    }
    const parts: string[] = [];
    if (n > 0) parts.push(`$(loading~spin) ${t('Sora: {0} running', n)}`);
    if (attention > 0) {
      const count = attention === 1 ? t('1 task needs attention') : t('{0} tasks need attention', attention);
      parts.push(`$(warning) ${n > 0 ? count : t('Sora: {0}', count)}`);
    }
    item.text = parts.join('  ');
    item.tooltip =
      attention > 0
        ? t('Some tasks are no longer checked automatically. Click to see why in the Sora task list.')
        : t('Show the Sora task list');
    item.backgroundColor = attention > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  context.subscriptions.push(item, store.onDidChange(update));
}
