// Sora: Find Task…: one quick pick over every task, finished ones from the archive too. A saved
// video opens in the preview; any other task is shown and selected in the Tasks view.
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import type { Task } from '../../domain/task';
import { familyOf } from '../../domain/taskFilter';
import { Commands } from '../../domain/ids';
import { t } from '../../util/l10n';
import { oneLine } from '../../util/text';
import { statusWord } from '../views/taskStatus';
import { localDateTime } from '../views/when';
import type { TaskFilterState } from '../views/taskFilterState';

export interface FindTaskDeps {
  store: TaskStore;
  filter: TaskFilterState;
  /** Shows and selects the task in the Tasks view. */
  reveal(localId: string): Thenable<void>;
}

interface TaskPick extends vscode.QuickPickItem {
  localId: string;
}

/** The label is matched as well as shown, so it holds more of the prompt than the tree's label. */
const LABEL_CHARS = 200;

export function taskPick(task: Task): TaskPick {
  const s = task.settings;
  const family = familyOf(task);
  const model = family.label === s.model ? s.model : `${s.model} (${family.label})`;
  return {
    localId: task.localId,
    label: oneLine(s.prompt, LABEL_CHARS) || task.remoteId || task.localId,
    description: `${statusWord(task)} · ${model}`,
    detail: `${task.remoteId ? oneLine(task.remoteId, 120) : t('no task id yet')} · ${localDateTime(task.createdAt)}`,
  };
}

const hasSavedVideo = (task: Task): boolean => task.phase === 'completed' && task.download?.state === 'done';

export async function findTask(deps: FindTaskDeps): Promise<void> {
  const tasks = deps.store.all();
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage(t('There are no tasks yet.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(tasks.map(taskPick), {
    title: t('Sora: Find Task…'),
    placeHolder: t('Type words from the prompt, the task id, the model or the status'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  const task = picked && deps.store.get(picked.localId);
  if (!task) return;
  if (hasSavedVideo(task)) {
    await vscode.commands.executeCommand(Commands.openVideo, task.localId);
    return;
  }
  // A task the filter hides cannot be selected: the filter goes, the task is what was asked for.
  if (!deps.filter.matches(task)) await deps.filter.clear();
  await deps.reveal(task.localId);
}

export function registerFindTask(context: vscode.ExtensionContext, deps: FindTaskDeps): void {
  context.subscriptions.push(vscode.commands.registerCommand(Commands.findTask, () => findTask(deps)));
}
