// The monthly budget's question, asked by the engine before every create (EngineDeps.beforeCreate):
// once this month's reported cost has reached sora.monthlyBudget, a create asks first. A "no" is
// said where the create was asked for (the composer, the tool's result, Retry Now), never silent.
import vscode = require('vscode');
import { budgetReached, formatAmount } from '../domain/spending';
import type { TaskStore } from '../persistence/repository';
import { t } from '../util/l10n';
import { monthlyBudget } from './config';

/** Undefined: go on. A string: the user chose not to send, and why. */
export function budgetCheck(store: TaskStore): () => Promise<string | undefined> {
  // Creates started together (a file of prompts) share one question rather than stacking modals.
  let asking: Promise<string | undefined> | undefined;
  return () => {
    const reached = budgetReached(store.all(), monthlyBudget(), Date.now());
    if (!reached) return Promise.resolve(undefined);
    asking ??= ask(formatAmount(reached.spent), formatAmount(reached.budget)).finally(() => (asking = undefined));
    return asking;
  };
}

async function ask(spent: string, budget: string): Promise<string | undefined> {
  const create = t('Create Anyway');
  const choice = await vscode.window.showWarningMessage(
    t("This month's reported cost ({0}) has reached your budget ({1}). Create anyway?", spent, budget),
    { modal: true, detail: t('The budget is the setting sora.monthlyBudget (0: none). The cost is what the service reported for finished tasks.') },
    create,
  );
  return choice === create ? undefined : t("Not sent: this month's reported cost ({0}) has reached your budget ({1}).", spent, budget);
}
