// The composer's variations on the host: one modal question before more than one paid video, then
// one engine submit per variation, in turn. Each submit stores its task before the request leaves
// and never sends it twice (engine.ts), so a fault in the third costs nothing of the first two; the
// first one that is not created stops the rest, and the reply says how many were.
import vscode = require('vscode');
import { estimateCost, settingsLength } from '../../domain/costEstimate';
import { settingsOf, type SendInput } from '../../domain/taskSettings';
import type { Task } from '../../domain/task';
import { variationsConfirmation } from '../../domain/variations';
import type { CreateSeries, SubmitOutcome, TaskEngine } from '../../engine/engine';
import type { ReplyBody } from '../../shared/protocol';
import { partialOutcome } from '../../domain/variations';
import { t } from '../../util/l10n';
import type { ApiKeyStore } from '../apiKey';
import { failureReply, offerSetApiKey } from './outcomes';
import { progressMessage } from './taskWatch';

/** The model and length a create will have, as a stored task would say them. */
function modelAndLength(input: SendInput): { model: string; seconds: number | undefined } {
  const settings = settingsOf(input);
  return { model: settings.model, seconds: settingsLength(settings) };
}

/** Asks once before `count` (> 1) paid videos; true to go on. */
export async function confirmVariations(count: number, input: SendInput, tasks: () => readonly Task[]): Promise<boolean> {
  const { model, seconds } = modelAndLength(input);
  const ask = variationsConfirmation(count, model, seconds, estimateCost(tasks(), model, seconds));
  const choice = await vscode.window.showWarningMessage(ask.message, { modal: true, detail: ask.detail }, ask.confirm);
  return choice === ask.confirm;
}

export interface VariationsResult {
  /** The tasks created, in order. */
  created: Task[];
  /** The outcome that stopped the rest (not created), if one did. */
  stopped?: Exclude<SubmitOutcome, { kind: 'created' }>;
}

/** Submits `count` tasks of the same input, one after the other, stopping at the first not created. */
export async function submitVariations(
  submit: (input: SendInput) => Promise<SubmitOutcome>,
  input: SendInput,
  count: number,
): Promise<VariationsResult> {
  const created: Task[] = [];
  for (let i = 0; i < count; i++) {
    const outcome = await submit(input);
    if (outcome.kind !== 'created') return { created, stopped: outcome };
    created.push(outcome.task);
  }
  return { created };
}

export interface SendContext {
  engine(): TaskEngine;
  /** Every task in the list: earlier costs make the estimate. */
  tasks(): readonly Task[];
  keys: Pick<ApiKeyStore, 'wasRefused'>;
  /** The page gets the focus back after the modal question. */
  refocus(): void;
  onTaskListed(localId: string): void;
  /** Every variation was created; the last is the one the status line follows. */
  created(last: Task, message: string): Promise<void>;
}

/**
 * The last step of a composer submit, once the draft and the key have passed: the question (more
 * than one), the creates, and the one reply that ends the request.
 */
export async function sendVariations(ctx: SendContext, input: SendInput, count: number, reply: (body: ReplyBody<'submit'>) => void): Promise<void> {
  if (count > 1 && !(await confirmVariations(count, input, () => ctx.tasks()))) {
    ctx.refocus();
    return reply({ type: 'done' });
  }
  reply({ type: 'sending' });
  const engine = ctx.engine();
  // One series: the budget's question (budget.ts) is asked once for all the variations.
  const series: CreateSeries = {};
  const { created, stopped } = await submitVariations((i) => engine.submit(i, undefined, series), input, count);
  const last = created.at(-1);
  if (!stopped && last) {
    const message = count === 1 ? progressMessage(last) : t('{0} videos were created: {1}. Each appears in the Sora task list.', count, created.map((c) => c.remoteId ?? '').join(', '));
    reply({ type: 'created', taskId: last.remoteId ?? '', message });
    await ctx.created(last, message);
    for (const task of created) ctx.onTaskListed(task.localId);
    return;
  }
  if (!stopped) return reply({ type: 'done' }); // count 0 cannot pass the protocol; nothing was sent
  const failed = failureReply(stopped, (origin) => ctx.keys.wasRefused(origin));
  reply(created.length === 0 ? failed : { ...failed, message: partialOutcome(created.length, count, failed.message) });
  for (const task of created) ctx.onTaskListed(task.localId);
  if (stopped.kind === 'rejected' || stopped.kind === 'unknown') ctx.onTaskListed(stopped.task.localId);
  if (failed.keyRefused) offerSetApiKey(failed.message);
}
