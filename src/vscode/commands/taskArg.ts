// What a task command is called with: the tree passes the task's local id; the gallery's webview
// context menu passes its item's `data-vscode-context` (with `soraTask`, the local id). One reading
// for every task command, so each acts on the same task whichever menu it came from.
import type { Task } from '../../domain/task';

/** The key of the gallery item's `data-vscode-context` that holds the task's local id. */
export const WEBVIEW_TASK_KEY = 'soraTask';

export function taskLocalId(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const id = (arg as Record<string, unknown>)[WEBVIEW_TASK_KEY];
    if (typeof id === 'string') return id;
  }
  return undefined;
}

export function taskFromArg(store: { get(localId: string): Task | undefined }, arg: unknown): Task | undefined {
  const id = taskLocalId(arg);
  return id === undefined ? undefined : store.get(id);
}
