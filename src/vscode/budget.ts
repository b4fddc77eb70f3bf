// The monthly budget's question, asked by the engine before a create (EngineDeps.beforeCreate):
// once this month's reported cost has reached sora.monthlyBudget, a create asks first. A "no" is
// said where the create was asked for (the composer, the tool's result, Retry Now), never silent.
import { AsyncLocalStorage } from 'node:async_hooks';
import vscode = require('vscode');
import { budgetReached, formatAmount } from '../domain/spending';
import type { TaskStore } from '../persistence/repository';
import { t } from '../util/l10n';
import { monthlyBudget } from './config';

export interface BudgetGate {
  /** Before each create (EngineDeps.beforeCreate). Undefined: go on. A string: the user chose not to send, and why. */
  check: () => Promise<string | undefined>;
  /**
   * Creates asked for as one (variations, a file's shots) are sent one after the other: inside
   * `fn` the first answer holds for the rest, so the user is asked once, not once per video.
   */
  together: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** Runs creates asked for as one (BudgetGate.together). */
export type Together = BudgetGate['together'];

/** Where no gate is given (callers that create once, tests): the creates run as they are. */
export const alone: Together = (fn) => fn();

export function budgetGate(store: TaskStore): BudgetGate {
  // Each series keeps its own answer: the async context of together()'s fn, so a create started
  // on its own meanwhile (or another series) is asked for itself and never inherits it.
  const series = new AsyncLocalStorage<{ answer?: { reason: string | undefined } }>();
  // Creates started at once share one question rather than stacking modals.
  let asking: Promise<string | undefined> | undefined;
  return {
    check: async () => {
      const reached = budgetReached(store.all(), monthlyBudget(), Date.now());
      if (!reached) return undefined;
      const mine = series.getStore();
      if (mine?.answer) return mine.answer.reason;
      asking ??= ask(formatAmount(reached.spent), formatAmount(reached.budget)).finally(() => (asking = undefined));
      const reason = await asking;
      if (mine) mine.answer ??= { reason };
      return reason;
    },
    together: (fn) => series.run({}, fn),
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
