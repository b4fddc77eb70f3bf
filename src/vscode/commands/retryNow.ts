// Retry Now's body (in the lazy core: it checks the settings with the request rules and sends
// through the engine): what would be sent, one confirmation naming it, then one create.
import vscode = require('vscode');
import { isSoraSettings, type Task } from '../../domain/task';
import { requestOf, type SendInput } from '../../domain/taskSettings';
import { checkDraft } from '../../domain/request';
import { t } from '../../util/l10n';
import { noLinks } from '../notifications';
import type { FailedTaskDeps } from './failedTaskCommands';
import { reportSubmit } from './reportSubmit';

type RetryPlan = { input: SendInput; question: string; detail: string } | { problem: string } | undefined;

/** What Retry Now would send and how to ask; undefined when the settings were never reported. */
function retryPlan(deps: FailedTaskDeps, task: Task): RetryPlan {
  const s = task.settings;
  if (task.unreported?.length) return undefined;
  if (isSoraSettings(s)) {
    const check = checkDraft({ ...s, referenceImage: s.referenceImage ?? '' });
    if (!check.ok) return undefined;
    return {
      input: check.settings,
      question: t('This creates a new paid task with model {0}, {1} s.', s.model, s.seconds),
      detail: s.referenceImage
        ? t('The same prompt, aspect ratio ({0}) and reference image are sent now. The failed task stays in the list.', s.aspectRatio)
        : t('The same prompt and aspect ratio ({0}) are sent now. The failed task stays in the list.', s.aspectRatio),
    };
  }
  // Any other model is checked against its profile as it is now: a custom model may have changed.
  const again = requestOf(s, (id) => deps.engine().catalogue().find(id));
  if ('problem' in again) return again;
  return {
    input: again.input,
    question: t('This creates a new paid task with model {0}.', s.model),
    detail: t('The same prompt and settings are sent now: {0}. The failed task stays in the list.', Object.keys(s.fields).join(', ') || t('no other fields')),
  };
}

/** Retry Now: confirms the cost, then submits the failed task's settings as a new task. */
export async function retryNow(deps: FailedTaskDeps, task: Task, sending: Set<string>): Promise<void> {
  if (task.phase !== 'failed') return;
  // One confirmed click, one request: a second click while the first is on its way does nothing.
  if (sending.has(task.localId)) return;
  const plan = retryPlan(deps, task);
  if (!plan) {
    void vscode.window.showWarningMessage(t('The settings of this task are not known, so they cannot be sent again as they are. Use Create Again… to choose them.'));
    return;
  }
  if ('problem' in plan) {
    void vscode.window.showWarningMessage(noLinks(t('This task cannot be sent again as it is: {0} Use Create Again… to choose its settings.', plan.problem)));
    return;
  }
  const retry = t('Retry Now');
  const ok = await vscode.window.showWarningMessage(plan.question, { modal: true, detail: plan.detail }, retry);
  if (ok !== retry) return;
  sending.add(task.localId);
  try {
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Sending the task again…') }, () =>
      deps.engine().submit(plan.input),
    );
    reportSubmit(outcome);
  } catch (e) {
    // An unusable setting (the base URL, the paths): nothing was stored or sent.
    void vscode.window.showErrorMessage(noLinks((e as Error).message));
  } finally {
    sending.delete(task.localId);
  }
}
