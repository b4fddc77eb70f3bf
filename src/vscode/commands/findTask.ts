// Sora: Find Task…: one quick pick over every task, finished ones from the archive too, ranked by
// what is typed. A saved video opens in the preview; any other task is shown and selected in the Tasks view.
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import type { Task } from '../../domain/task';
import { familyOf, searchText } from '../../domain/taskFilter';
import { rankTasks, searchable, type Searchable } from '../../domain/taskSearch';
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

function searchableTask(task: Task): Searchable<Task> {
  const ids = [task.remoteId ?? '', task.localId].filter(Boolean);
  // The filter's text, and the status word the pick shows (the tree's, finer than the filter's groups).
  return searchable(task, [searchText(task), statusWord(task)], ids, task.createdAt);
}

/**
 * Resolves with the chosen task, or undefined when the pick is dismissed. The pick holds only the
 * best matches of what is typed (rankTasks, at most 50), so VS Code filters and draws those per key
 * instead of the whole library. Every item is alwaysShow: the ranking has already chosen them, and
 * VS Code's own filter (one contiguous run of the typed text) would hide words typed in another order.
 */
function pickTask(tasks: Task[]): Promise<Task | undefined> {
  const entries = tasks.map(searchableTask);
  const picks = new Map<Task, TaskPick & { task: Task }>();
  const pickOf = (task: Task) => picks.get(task) ?? picks.set(task, { ...taskPick(task), task, alwaysShow: true }).get(task)!;
  const qp = vscode.window.createQuickPick<TaskPick & { task: Task }>();
  qp.title = t('Sora: Find Task…');
  qp.placeholder = t('Type words from the prompt, the task id, the model or the status');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  let shown: Task[] = [];
  const fill = (value: string) => {
    const ranked = rankTasks(entries, value);
    // The same tasks in the same order: the rows VS Code re-filtered for this key are already the answer,
    // and sending them again would only cost a second round of its work.
    if (ranked.length === shown.length && ranked.every((task, i) => task === shown[i])) return;
    shown = ranked;
    qp.items = ranked.map(pickOf);
  };
  fill('');
  return new Promise((resolve) => {
    let chosen: Task | undefined;
    qp.onDidChangeValue(fill);
    qp.onDidAccept(() => {
      chosen = qp.selectedItems[0]?.task ?? qp.activeItems[0]?.task;
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(chosen);
    });
    qp.show();
  });
}

export async function findTask(deps: FindTaskDeps): Promise<void> {
  const tasks = deps.store.all();
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage(t('There are no tasks yet.'));
    return;
  }
  const picked = await pickTask(tasks);
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
