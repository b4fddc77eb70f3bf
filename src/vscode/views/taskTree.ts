// The Sora → Tasks view. Store changes are coalesced into one refresh per tick.
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import { isRunning } from '../../domain/lifecycle';
import type { ApiKeyStore } from '../apiKey';
import type { TaskFilterState } from './taskFilterState';
import { NoticeItem, TaskItem, taskTooltip } from './taskItem';
import { Commands, Contexts } from '../../domain/ids';
import { t } from '../../util/l10n';

/** A task's local id, or 'notice:key' / 'notice:filter' for the notices above the tasks. */
type Node = string;

export class TaskTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private pending = false;
  private hasKey = true;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly store: TaskStore,
    private readonly keys: ApiKeyStore,
    /** Absent: every task is shown (the benchmarks, tests of the tree alone). */
    private readonly filter?: TaskFilterState,
  ) {
    this.subs.push(store.onDidChange(() => this.refresh()), keys.onDidChange(() => void this.updateKey()));
    if (filter) this.subs.push(filter.onDidChange(() => this.refresh()));
    void this.updateKey();
    // "3 min ago" goes stale: redraw once a minute. A refresh of a hidden view costs VS Code nothing.
    const clock = setInterval(() => this.refresh(), 60_000);
    clock.unref?.();
    this.subs.push({ dispose: () => clearInterval(clock) });
  }

  private async updateKey(): Promise<void> {
    const has = await this.keys.has();
    // The welcome view (no tasks yet) says so too: package.json viewsWelcome `when: sora.noApiKey`.
    void vscode.commands.executeCommand('setContext', Contexts.noApiKey, !has);
    // The walkthrough's "Set your API key" step completes on it (package.json completionEvents).
    void vscode.commands.executeCommand('setContext', Contexts.hasApiKey, has);
    if (has !== this.hasKey) {
      this.hasKey = has;
      this.refresh();
    }
  }

  refresh(): void {
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.changed.fire();
    }, 0);
  }

  getChildren(element?: Node): Node[] {
    if (element) return [];
    const tasks = this.store.all();
    const filter = this.filter?.active ? this.filter : undefined;
    const shown = filter ? tasks.filter((t) => filter.matches(t)) : tasks;
    const ids: Node[] = shown.map((t) => t.localId);
    // A filter that hides every task says so, with the way out, rather than leave the list blank.
    if (shown.length === 0 && tasks.length > 0) ids.push('notice:filter');
    // Without a key nothing is checked or created: say so above the tasks. With no tasks the
    // welcome view says it.
    if (!this.hasKey && tasks.length > 0) ids.unshift('notice:key');
    return ids;
  }

  getTreeItem(element: Node): vscode.TreeItem {
    if (element === 'notice:key') {
      const running = this.store.unsettled().some(isRunning);
      const label = running
        ? t('No API key: tasks are not being checked. Click to set the key.')
        : t('No API key is set. Click to set it before creating a video.');
      return new NoticeItem(label, { command: Commands.setApiKey, title: t('Set API Key') }, 'key');
    }
    if (element === 'notice:filter') {
      return new NoticeItem(t('No task matches the filter. Click to clear it.'), { command: Commands.clearTaskFilter, title: t('Clear Filter') }, 'filter');
    }
    const task = this.store.get(element);
    return task ? new TaskItem(task) : new vscode.TreeItem(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: Node): vscode.TreeItem {
    const task = element.startsWith('notice:') ? undefined : this.store.get(element);
    if (task) item.tooltip = taskTooltip(task);
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subs) s.dispose();
  }
}
