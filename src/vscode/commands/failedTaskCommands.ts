// What a failed task offers besides Create Again… (which opens the composer): its details, Copy
// Error, and Retry Now, which sends the same settings at once through the engine's one create path
// (the draft is stored before the request leaves, a lost reply is never sent again by itself).
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import type { SubmitOutcome, TaskEngine } from '../../engine/engine';
import { isSoraSettings, type Task } from '../../domain/task';
import { requestOf, type SendInput } from '../../domain/taskSettings';
import { checkDraft } from '../../domain/request';
import { Commands, Panels } from '../../domain/ids';
import { t } from '../../util/l10n';
import { hideUrlQueries } from '../../util/log';
import { noLinks } from '../notifications';
import { reviveTaskDetails, showTaskDetails } from '../preview/detailsPanel';
import { taskFromArg } from './taskArg';

export interface FailedTaskDeps {
  store: TaskStore;
  engine(): TaskEngine;
}

/**
 * Tells the user how a create ended, the same way for every command that sends one. No key (or
 * the key is not to go to this address) runs Set API Key; a key the service refused offers it.
 */
export function reportSubmit(outcome: SubmitOutcome): void {
  switch (outcome.kind) {
    case 'created':
      void vscode.window.showInformationMessage(noLinks(t('Task {0} created.', outcome.task.remoteId ?? '')));
      return;
    case 'noKey':
      void vscode.commands.executeCommand(Commands.setApiKey);
      return;
    case 'notSent': {
      if (outcome.status !== 401 && outcome.status !== 403) {
        void vscode.window.showErrorMessage(noLinks(t('{0} Nothing was created.', outcome.message)));
        return;
      }
      const setKey = t('Set API Key');
      void vscode.window.showErrorMessage(noLinks(t('{0} Nothing was created.', outcome.message)), setKey).then((choice) => {
        if (choice === setKey) void vscode.commands.executeCommand(Commands.setApiKey);
      });
      return;
    }
    case 'rejected':
      void vscode.window.showErrorMessage(noLinks(t('The service refused task {0}: {1}', outcome.task.remoteId ?? '', outcome.message)));
      return;
    case 'unknown':
      void vscode.window.showWarningMessage(
        noLinks(t('{0} The request may have reached the service, so it was not sent again. It is kept in the task list as "outcome unknown": retry it there, track its id, or remove it.', outcome.message)),
      );
      return;
  }
}

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
async function retryNow(deps: FailedTaskDeps, task: Task, sending: Set<string>): Promise<void> {
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

export function registerFailedTaskCommands(context: vscode.ExtensionContext, deps: FailedTaskDeps): void {
  const { store } = deps;
  const withTask = (fn: (task: Task) => unknown) => (arg?: unknown) => {
    const task = taskFromArg(store, arg);
    return task ? fn(task) : undefined;
  };
  const sending = new Set<string>();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showTaskDetails, withTask((task) => void showTaskDetails(context.extensionUri, store, task))),
    vscode.commands.registerCommand(Commands.retryNow, withTask((task) => retryNow(deps, task, sending))),
    vscode.commands.registerCommand(
      Commands.copyError,
      withTask(async (task) => {
        if (!task.error) return;
        // What the list and the details show: a signed link's query stays out.
        await vscode.env.clipboard.writeText(hideUrlQueries(task.error));
        vscode.window.setStatusBarMessage(t('Copied {0}', t('the error')), 2500);
      }),
    ),
    vscode.window.registerWebviewPanelSerializer(Panels.taskDetails, {
      deserializeWebviewPanel: (panel) => reviveTaskDetails(panel, context.extensionUri, store),
    }),
  );
}
