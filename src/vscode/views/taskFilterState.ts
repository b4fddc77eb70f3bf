// The Tasks view's filter in this window: kept in workspace state (another window, another
// workspace, filters on its own), told to the view's description and to the `when` clause of the
// Clear Filter button. Which tasks it keeps is domain/taskFilter.ts's rule.
import vscode = require('vscode');
import { Contexts, WorkspaceStateKeys } from '../../domain/ids';
import { filterDescription, isFilterActive, matchesFilter, readFilter, type TaskFilter } from '../../domain/taskFilter';
import type { Task } from '../../domain/task';

export class TaskFilterState implements vscode.Disposable {
  private filter: TaskFilter;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    this.filter = readFilter(memento.get(WorkspaceStateKeys.taskFilter));
    // Unset reads as false in a when clause: activation tells VS Code only of a filter kept from before.
    if (this.active) this.announce();
  }

  get current(): TaskFilter {
    return this.filter;
  }

  get active(): boolean {
    return isFilterActive(this.filter);
  }

  matches(task: Task): boolean {
    return matchesFilter(task, this.filter);
  }

  /** '' when nothing is filtered (VS Code then shows no description). */
  get description(): string {
    return filterDescription(this.filter);
  }

  async set(filter: TaskFilter): Promise<void> {
    this.filter = isFilterActive(filter) ? readFilter(filter) : {};
    this.announce();
    this.changed.fire();
    await this.memento.update(WorkspaceStateKeys.taskFilter, this.active ? this.filter : undefined);
  }

  clear(): Promise<void> {
    return this.set({});
  }

  private announce(): void {
    void vscode.commands.executeCommand('setContext', Contexts.taskFilterActive, this.active);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
