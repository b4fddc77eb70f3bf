// Variations: one request from the composer made into 1–4 tasks. Each is its own task, sent through
// the engine one after the other (stored before it leaves, never sent twice); more than one is
// asked about once, with the count and what history says it will cost.
import { estimateWords, type CostEstimate } from './costEstimate';
import { t } from '../util/l10n';

export const VARIATION_COUNTS = [1, 2, 3, 4] as const;
export const MAX_VARIATIONS = VARIATION_COUNTS[VARIATION_COUNTS.length - 1];

/** The one question before more than one video is paid for. */
export function variationsConfirmation(
  count: number,
  model: string,
  seconds: number | undefined,
  estimate: CostEstimate | undefined,
): { message: string; detail: string; confirm: string } {
  return {
    message: t('Create {0} paid videos with {1}?', count, model),
    detail: [
      seconds !== undefined ? t('{0} variations of the same prompt and settings, {1} seconds each.', count, seconds) : t("{0} variations of the same prompt and settings, each of the model's default length.", count),
      t('Estimated cost: {0}.', estimateWords(estimate, count)),
      t('Each is its own task: a network fault never sends one twice.'),
    ].join('\n'),
    confirm: t('Create {0} Videos', count),
  };
}

/**
 * What the composer says when not every variation was created: the ones that were are kept (and
 * in the list), the rest were not sent.
 */
export function partialOutcome(created: number, count: number, reason: string): string {
  return created === 0 ? reason : t('{0} of {1} videos were created; the next one was not, so the rest were not sent: {2}', created, count, reason);
}
