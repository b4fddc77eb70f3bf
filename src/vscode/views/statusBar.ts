// "Sora: 1 queued, 2 processing" while tasks are in progress (each state counted as the tree shows
// it, so the bar never calls a queued task running), and how many need attention (no longer
// checked automatically, see lifecycle.ts); a click reveals the list.
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import type { Task } from '../../domain/task';
import { StatusBarItems, Views } from '../../domain/ids';
import { t } from '../../util/l10n';
import { shownState } from './taskStatus';
import { monthTotalLine } from './monthTotal';

export interface StatusSummary {
  /** With $(icon) syntax. */
  text: string;
  /** The same in words, for screen readers: VS Code would read "$(loading~spin)" as it is. */
  label: string;
  tooltip: string;
  needsAttention: boolean;
}

const list = (parts: string[]): string => parts.reduce((a, b) => t('{0}, {1}', a, b));

/** What the status bar says about these tasks; undefined when none is in progress or needs attention. */
export function statusSummary(tasks: readonly Task[]): StatusSummary | undefined {
  let sending = 0;
  let queued = 0;
  let processing = 0;
  let checking = 0;
  let attention = 0;
  for (const task of tasks) {
    const state = shownState(task);
    if (state === 'sending') sending++;
    else if (state === 'queued') queued++;
    else if (state === 'processing') processing++;
    // Tracked and not checked yet, or a status word the extension does not know: being checked.
    else if (state === 'tracking' || state === 'unknownStatus') checking++;
    else if (state === 'attention') attention++;
  }
  const running: string[] = [];
  if (sending > 0) running.push(t('{0} sending', sending));
  if (queued > 0) running.push(t('{0} queued', queued));
  if (processing > 0) running.push(t('{0} processing', processing));
  if (checking > 0) running.push(t('{0} checking', checking));
  if (running.length === 0 && attention === 0) return undefined;

  const needing = attention === 0 ? undefined : attention === 1 ? t('1 task needs attention') : t('{0} tasks need attention', attention);
  const parts: string[] = [];
  // The clock only when every task is waiting in the queue, as in the tree.
  if (running.length > 0) parts.push(`$(${running.length === 1 && queued > 0 ? 'clock' : 'loading~spin'}) ${t('Sora: {0}', list(running))}`);
  if (needing) parts.push(`$(warning) ${running.length > 0 ? needing : t('Sora: {0}', needing)}`);
  return {
    text: parts.join('  '),
    label: t('Sora: {0}', list(needing ? [...running, needing] : running)),
    tooltip:
      attention > 0
        ? t('Some tasks are no longer checked automatically. Click to see why in the Sora task list.')
        : t('Show the Sora task list'),
    needsAttention: attention > 0,
  };
}

export function registerStatusBar(context: vscode.ExtensionContext, store: TaskStore): void {
  // Made when there is first something to say: most windows start with nothing running, and the
  // item's creation is part of activation's time otherwise.
  let item: vscode.StatusBarItem | undefined;
  const update = () => {
    // Running tasks are never settled: the archive log need not be read for them.
    const summary = statusSummary(store.unsettled());
    if (!summary) {
      item?.hide();
      return;
    }
    if (!item) {
      item = vscode.window.createStatusBarItem(StatusBarItems.running, vscode.StatusBarAlignment.Left, 10);
      item.name = 'Sora Video';
      item.command = Views.tasksFocus;
      context.subscriptions.push(item);
    }
    item.text = summary.text;
    item.accessibilityInformation = { label: summary.label };
    // This month's cost once the list was read (the engine reads it as soon as a task runs).
    const month = monthTotalLine(store);
    item.tooltip = month ? `${summary.tooltip}\n${month}` : summary.tooltip;
    item.backgroundColor = summary.needsAttention ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  context.subscriptions.push(store.onDidChange(update), store.onDidList(update));
}
