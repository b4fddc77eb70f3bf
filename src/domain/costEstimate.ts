// What a create will probably cost, from what the service reported for earlier tasks like it. The
// service prices nothing up front (docs/protocol.md), so the history is the only price list there
// is: the average reported cost of finished tasks of the same model and the same length. No such
// task: the cost is unknown, and the words say so rather than guess from another model or length.
import { isSoraSettings, type Task, type TaskSettings } from './task';
import { lengthOf } from './toolInput';
import { AMOUNT_SCALE as SCALE, costText, roundAmount } from './spending';
import { costWords } from './toolText';
import { t } from '../util/l10n';

export interface CostEstimate {
  /** The average per video, in the service's unit (`amount`), or in tokens where that is all there is. */
  each: number;
  unit: 'amount' | 'tokens';
  /** How many earlier tasks the average is taken from. */
  samples: number;
}

/** A task's length in seconds, when its settings name one. */
export function settingsLength(s: TaskSettings): number | undefined {
  return isSoraSettings(s) ? s.seconds : lengthOf(s.fields);
}

const finite = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

// Averages in millionths, as spending.ts sums, so 0.1 + 0.2 reads 0.3.
function average(values: readonly number[]): number {
  return Math.round(values.reduce((sum, v) => sum + Math.round(v * SCALE), 0) / values.length) / SCALE;
}

/** The estimate for one video of `model` lasting `seconds` (undefined: the model's default length). */
export function estimateCost(tasks: readonly Task[], model: string, seconds: number | undefined): CostEstimate | undefined {
  const like = tasks.filter((task) => task.phase === 'completed' && task.settings.model === model && settingsLength(task.settings) === seconds);
  const amounts = like.map((task) => task.amount).filter(finite);
  if (amounts.length > 0) return { each: average(amounts), unit: 'amount', samples: amounts.length };
  const tokens = like.map((task) => task.totalTokens).filter(finite);
  if (tokens.length > 0) return { each: Math.round(average(tokens)), unit: 'tokens', samples: tokens.length };
  return undefined;
}

/** `n` times a cost in its unit, in words ("37.50", "3000 tokens"). */
export const costOf = (unit: CostEstimate['unit'], value: number): string => costText(unit === 'amount' ? { amount: roundAmount(value), tokens: 0 } : { amount: 0, tokens: value });
const amountOf = (e: CostEstimate, n: number) => costOf(e.unit, e.each * n);

/**
 * "about 37.50 (3 × 12.50, the average of 6 earlier tasks like it)", "about 12.50 (…)" for one, or
 * the unknown cost's words.
 */
export function estimateWords(e: CostEstimate | undefined, count = 1): string {
  if (!e) return costWords();
  const each = amountOf(e, 1);
  const like = e.samples === 1 ? t('the cost of 1 earlier task like it') : t('the average of {0} earlier tasks like it', e.samples);
  return count === 1 ? t('about {0} ({1})', each, like) : t('about {0} ({1} × {2}, {3})', amountOf(e, count), count, each, like);
}
