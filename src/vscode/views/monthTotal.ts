// This month's reported cost, short, in the Tasks view's description ("0.40 this month", after the
// filter if one is on) and in the status bar item's tooltip. Only once the whole list has been
// read: the archive log of finished tasks, which holds the costs, is never read at activation for
// this (the store's onDidList).
import vscode = require('vscode');
import { costText, monthSpending } from '../../domain/spending';
import type { TaskStore } from '../../persistence/repository';
import { t } from '../../util/l10n';
import type { TaskFilterState } from './taskFilterState';

/** "0.40 this month"; undefined until the list was read or when nothing was reported this month. */
export function monthTotalText(store: TaskStore, now = Date.now()): string | undefined {
  if (!store.listed) return undefined;
  const sum = monthSpending(store.all(), now);
  return sum.tasks > 0 ? t('{0} this month', costText(sum)) : undefined;
}

/** The status bar tooltip's line. */
export function monthTotalLine(store: TaskStore, now = Date.now()): string | undefined {
  if (!store.listed) return undefined;
  const sum = monthSpending(store.all(), now);
  return sum.tasks > 0 ? t("This month's reported cost: {0}", costText(sum)) : undefined;
}

/** The filter (if any), then this month's total: the one description the Tasks view has. */
export function tasksViewDescription(filter: string, monthTotal: string | undefined): string | undefined {
  return [filter, monthTotal].filter(Boolean).join(' — ') || undefined;
}

/**
 * Keeps the Tasks view's description on its filter and this month's total, and its message on the
 * filter: VS Code shows no description while Tasks is the only view of its container (its title is
 * then the container's), so the filter is also said above the tasks. A filter change shows at
 * once; store changes are coalesced (the store fires for every poll).
 */
export function describeTasksView(view: vscode.TreeView<unknown>, filter: TaskFilterState, store: TaskStore): vscode.Disposable {
  let pending: ReturnType<typeof setTimeout> | undefined;
  // Assigned only when they change: each assignment is a message to the workbench, and at activation
  // (no filter, no total yet) both are what the view already has.
  let description: string | undefined;
  let message: string | undefined;
  const apply = () => {
    const d = tasksViewDescription(filter.description, monthTotalText(store));
    const m = filter.active ? t('Filtered: {0}', filter.description) : undefined;
    if (d !== description) view.description = description = d;
    if (m !== message) view.message = message = m;
  };
  const update = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      apply();
    }, 0);
  };
  const subs = [store.onDidChange(update), store.onDidList(update), filter.onDidChange(apply)];
  // A new month starts at 0 without any task changing.
  const clock = setInterval(update, 60 * 60_000);
  clock.unref?.();
  apply();
  return new vscode.Disposable(() => {
    for (const s of subs) s.dispose();
    clearInterval(clock);
    if (pending) clearTimeout(pending);
  });
}
