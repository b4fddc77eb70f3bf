// sora_createVideo: the composer's create, for agent mode. The input is checked against the model's
// profile (toolInput.ts) before anything else; the user confirms the model, the length and the cost
// (prepareInvocation); then the engine's one create path sends it: stored before it leaves, never
// sent twice, listed in the task tree.
import vscode = require('vscode');
import { resolveEndpoints, SettingsError } from '../../domain/endpoints';
import { lengthOf, planCreate } from '../../domain/toolInput';
import { estimateCost, estimateWords } from '../../domain/costEstimate';
import { createConfirmation, createResultText, creatingMessage, invalidInputText, type CreateOutcome } from '../../domain/toolText';
import { t } from '../../util/l10n';
import { defaultDraft, engineSettings } from '../config';
import { taskFacts } from './taskFacts';
import type { ToolDeps } from './toolDeps';

export class CreateVideoTool implements vscode.LanguageModelTool<unknown> {
  constructor(private readonly deps: ToolDeps) {}

  private plan(input: unknown) {
    return planCreate(input, this.deps.models(), defaultDraft());
  }

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>): vscode.PreparedToolInvocation {
    const plan = this.plan(options.input);
    // Nothing will be sent: there is nothing to confirm, and invoke() names the problem.
    if (!plan.ok) return { invocationMessage: t('Checking the video request…') };
    const seconds = lengthOf(plan.values);
    const estimate = estimateWords(estimateCost(this.deps.store.all(), plan.profile.id, seconds));
    const { title, message } = createConfirmation(plan.profile.id, seconds, plan.values, estimate);
    return { invocationMessage: creatingMessage(plan.profile.id), confirmationMessages: { title, message } };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const plan = this.plan(options.input);
    if (!plan.ok) {
      this.deps.log.info(`tool: refused an invalid create (${plan.problems.map((p) => p.field).join(', ')})`);
      throw new Error(invalidInputText(plan.problems));
    }
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    let origin: string;
    try {
      origin = resolveEndpoints(engineSettings()).origin;
    } catch (e) {
      throw new Error(t('Nothing was sent: {0}', e instanceof SettingsError ? e.message : String(e)));
    }
    const outcome = await this.deps.engine().submit(plan.input);
    const words = ((): CreateOutcome => {
      switch (outcome.kind) {
        case 'created':
          return { kind: 'created', task: taskFacts(outcome.task), typicalMinutes: Math.max(1, Math.round(plan.profile.typicalMs / 60_000)) };
        case 'rejected':
          return { kind: 'rejected', task: taskFacts(outcome.task), message: outcome.message };
        case 'unknown':
          return { kind: 'unknown', message: outcome.message };
        case 'notSent':
          // 401: the key; 403: what the key may do. Either way the fix is another key.
          return { kind: 'notSent', message: outcome.message, keyRefused: outcome.status === 401 || outcome.status === 403 };
        case 'noKey':
          return this.deps.keys.wasRefused(origin) ? { kind: 'noKey', refusedOrigin: origin } : { kind: 'noKey' };
      }
    })();
    this.deps.log.info(`tool: create with ${plan.profile.id} ended ${outcome.kind}`);
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(createResultText(words))]);
  }
}
