// The composer's variations on the host: one modal question before more than one paid video, then
// one engine submit per variation, in turn. Each submit stores its task before the request leaves
// and never sends it twice (engine.ts), so a fault in the third costs nothing of the first two; the
// first one that is not created stops the rest, and the reply says how many were.
import vscode = require('vscode');
import { estimateCost, settingsLength } from '../../domain/costEstimate';
import { settingsOf, type SendInput } from '../../domain/taskSettings';
import type { Task } from '../../domain/task';
import { variationsConfirmation } from '../../domain/variations';
import type { SubmitOutcome } from '../../engine/engine';

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
