// What a failed task offers besides Create Again… (which opens the composer): its details, Copy
// Error, and Retry Now, which sends the same settings at once through the engine's one create path
// (the draft is stored before the request leaves, a lost reply is never sent again by itself).
// Registered at activation; the details panel and Retry Now's checks live in the lazy core.
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import type { TaskEngine } from '../../engine/engine';
import type { Task } from '../../domain/task';
import { Commands, Panels } from '../../domain/ids';
import { t } from '../../util/l10n';
import { hideUrlQueries } from '../../util/log';
import { loadCore } from '../loadCore';
import { taskFromArg } from './taskArg';

export interface FailedTaskDeps {
  store: TaskStore;
  engine(): TaskEngine;
}

export function registerFailedTaskCommands(context: vscode.ExtensionContext, deps: FailedTaskDeps): void {
  const { store } = deps;
  const withTask = (fn: (task: Task) => unknown) => (arg?: unknown) => {
    const task = taskFromArg(store, arg);
    return task ? fn(task) : undefined;
  };
  const sending = new Set<string>();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showTaskDetails, withTask((task) => void loadCore().showTaskDetails(context.extensionUri, store, task))),
    vscode.commands.registerCommand(Commands.retryNow, withTask((task) => loadCore().retryNow(deps, task, sending))),
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
      deserializeWebviewPanel: (panel) => loadCore().reviveTaskDetails(panel, context.extensionUri, store),
    }),
  );
}
