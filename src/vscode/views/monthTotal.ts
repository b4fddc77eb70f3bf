// This month's reported cost, short, in the Tasks view's description ("0.40 this month") and in the
// status bar item's tooltip. Only once the whole list has been read: the archive log of finished
// tasks, which holds the costs, is never read at activation for this (the store's onDidList).
import vscode = require('vscode');
import { costText, monthSpending } from '../../domain/spending';
import type { TaskStore } from '../../persistence/repository';
import { t } from '../../util/l10n';

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

/** Keeps the view's description on this month's total (coalesced: the store fires for every poll). */
export function showMonthTotal(view: vscode.TreeView<unknown>, store: TaskStore): vscode.Disposable {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      view.description = monthTotalText(store);
    }, 0);
  };
  const subs = [store.onDidChange(update), store.onDidList(update)];
  // A new month starts at 0 without any task changing.
  const clock = setInterval(update, 60 * 60_000);
  clock.unref?.();
  update();
  return new vscode.Disposable(() => {
    for (const s of subs) s.dispose();
    clearInterval(clock);
    if (pending) clearTimeout(pending);
  });
}
