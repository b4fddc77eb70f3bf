// The monthly budget's question, asked by the engine before a create (EngineDeps.beforeCreate):
// once this month's reported cost has reached sora.monthlyBudget, a create asks first. A "no" is
// said where the create was asked for (the composer, the tool's result, Retry Now), never silent.
import vscode = require('vscode');
import { budgetReached, formatAmount } from '../domain/spending';
import type { CreateSeries } from '../engine/engine';
import type { TaskStore } from '../persistence/repository';
import { t } from '../util/l10n';
import { monthlyBudget } from './config';

export interface BudgetGate {
  /**
   * Before each create (EngineDeps.beforeCreate). Undefined: go on. A string: the user chose not to
   * send, and why. Creates of one series are sent one after the other, and the series' first
   * answer holds for the rest of it, so the user is asked once, not once per video.
   */
  check: (series?: CreateSeries) => Promise<string | undefined>;
}

export function budgetGate(store: TaskStore): BudgetGate {
  // Each series keeps its own answer: a create started on its own meanwhile, or another series, is
  // asked for itself and never inherits it. Kept as long as the series object is.
  const answers = new WeakMap<CreateSeries, string | undefined>();
  // Creates started at once share one question rather than stacking modals.
  let asking: Promise<string | undefined> | undefined;
  return {
    check: async (series) => {
      const reached = budgetReached(store.all(), monthlyBudget(), Date.now());
      if (!reached) return undefined;
      if (series && answers.has(series)) return answers.get(series);
      asking ??= ask(formatAmount(reached.spent), formatAmount(reached.budget)).finally(() => (asking = undefined));
      const reason = await asking;
      if (series && !answers.has(series)) answers.set(series, reason);
      return reason;
    },
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
