// Filter Tasks… asks status, model family and words, in three steps (Escape at any step changes
// nothing); Clear Filter, a button in the view title while a filter is on, shows every task again.
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import { familyOf, STATUS_GROUPS, statusGroupWord, type StatusGroup, type TaskFamily, type TaskFilter } from '../../domain/taskFilter';
import { Commands } from '../../domain/ids';
import { t } from '../../util/l10n';
import type { TaskFilterState } from '../views/taskFilterState';

export interface FilterDeps {
  store: TaskStore;
  filter: TaskFilterState;
}

/** The families of the tasks in the list (only those can match), and the filter's own. */
function familiesOf(store: TaskStore, current?: TaskFamily): TaskFamily[] {
  const byId = new Map<string, TaskFamily>();
  if (current) byId.set(current.id, current);
  for (const task of store.all()) {
    const f = familyOf(task);
    if (!byId.has(f.id)) byId.set(f.id, f);
  }
  return [...byId.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export async function askFilter(deps: FilterDeps): Promise<TaskFilter | undefined> {
  const current = deps.filter.current;
  const statuses = await vscode.window.showQuickPick(
    STATUS_GROUPS.map((group) => ({ label: statusGroupWord(group), group, picked: current.statuses?.includes(group) ?? false })),
    { title: t('Filter Tasks (1/3): Status'), placeHolder: t('Choose the statuses to show (none: any status)'), canPickMany: true },
  );
  if (!statuses) return undefined;

  const any = t('Any model family');
  const families = await vscode.window.showQuickPick(
    [
      { label: any, family: undefined as TaskFamily | undefined },
      ...familiesOf(deps.store, current.family).map((family) => ({
        label: family.label,
        family,
        ...(family.id === current.family?.id ? { description: t('current filter') } : {}),
      })),
    ],
    { title: t('Filter Tasks (2/3): Model Family'), placeHolder: t('Choose the model family to show') },
  );
  if (!families) return undefined;

  const text = await vscode.window.showInputBox({
    title: t('Filter Tasks (3/3): Text'),
    prompt: t('Words to find in the prompt, the task id, the model or the status (empty: any text)'),
    value: current.text ?? '',
  });
  if (text === undefined) return undefined;
  const chosen: StatusGroup[] = statuses.map((s) => s.group);
  return { ...(chosen.length ? { statuses: chosen } : {}), ...(families.family ? { family: families.family } : {}), ...(text.trim() ? { text: text.trim() } : {}) };
}

export function registerFilterCommands(context: vscode.ExtensionContext, deps: FilterDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.filterTasks, async () => {
      const filter = await askFilter(deps);
      if (filter) await deps.filter.set(filter);
    }),
    vscode.commands.registerCommand(Commands.clearTaskFilter, () => deps.filter.clear()),
  );
}
