// A task's details in an editor panel, opened by a click (or Enter) on a failed task: why it
// failed, the settings that were sent, and Create Again…, Retry Now, Copy Error and Remove. One panel
// per task, without scripts; it follows the task and closes when the task leaves the list.
import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import type { Task } from '../../domain/task';
import type { TaskStore } from '../../persistence/repository';
import { Commands, Panels } from '../../domain/ids';
import { t } from '../../util/l10n';
import { oneLine } from '../../util/text';
import { createdText } from '../views/taskItem';
import { settingLines } from '../views/taskSettings';
import { statusWord } from '../views/taskStatus';
import { taskDetailsHtml, type DetailsAction } from './detailsHtml';

/** The only commands the page's links may run; each acts on the task id in its link only. */
export const DETAILS_LINK_COMMANDS = [Commands.createAgain, Commands.retryNow, Commands.copyError, Commands.removeTask];

const open = new Map<string, { panel: vscode.WebviewPanel; shown: Task }>();

function commandHref(command: string, localId: string): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([localId]))}`;
}

/** The tab title; after a reload it is all that is left to find the task by (the page keeps no state). */
export function detailsTitle(task: Task): string {
  return t('Details: {0}', task.remoteId ?? oneLine(task.settings.prompt, 40));
}

function actions(task: Task): DetailsAction[] {
  const id = task.localId;
  const list: DetailsAction[] = [
    { label: t('Create Again…'), href: commandHref(Commands.createAgain, id), hint: t('Opens the composer with these settings, to change them before anything is sent.') },
  ];
  if (task.phase === 'failed' && !task.unreported?.length) {
    list.push({ label: t('Retry Now'), href: commandHref(Commands.retryNow, id), hint: t('Sends the same settings now, as a new paid task, after you confirm.') });
  }
  if (task.error) list.push({ label: t('Copy Error'), href: commandHref(Commands.copyError, id), hint: t('Puts the reason on the clipboard, for a report or a search.') });
  list.push({ label: t('Remove'), href: commandHref(Commands.removeTask, id), hint: t('Removes the task from the list.') });
  return list;
}

function render(panel: vscode.WebviewPanel, task: Task): void {
  const s = task.settings;
  panel.title = detailsTitle(task);
  panel.webview.html = taskDetailsHtml({
    lang: vscode.env.language,
    nonce: randomBytes(18).toString('base64'),
    title: oneLine(s.prompt, 120) || task.remoteId || task.localId,
    status: task.phase === 'failed' ? t('This task failed.') : t('Status: {0}', statusWord(task)),
    reasonLabel: task.phase === 'failed' ? t('Reason') : t('Error'),
    reason: task.error ?? (task.phase === 'failed' ? t('no reason given') : ''),
    promptLabel: t('Prompt'),
    prompt: s.prompt,
    settingsLabel: t('Settings that were sent'),
    settings: [
      ...settingLines(task),
      { label: t('Task id'), value: task.remoteId ?? '', code: true },
      { label: t('Created'), value: createdText(task) },
      { label: t('Cost'), value: task.amount !== undefined ? String(task.amount) : '' },
    ],
    actionsLabel: t('What you can do'),
    actions: actions(task),
  });
}

const panelOptions: vscode.WebviewPanelOptions & vscode.WebviewOptions = {
  enableScripts: false,
  enableCommandUris: DETAILS_LINK_COMMANDS,
  enableFindWidget: true,
  // The page loads nothing: no folder is readable.
  localResourceRoots: [],
};

function adopt(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, store: TaskStore, task: Task): void {
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sora.svg');
  const entry = { panel, shown: task };
  open.set(task.localId, entry);
  // Removed (here, in the list, or in another window): the panel goes too. Changed: shown anew, but
  // only then (the store fires for every task's change, and a new page loses the reader's place).
  const sub = store.onDidChange(() => {
    const now = store.get(task.localId);
    if (!now) panel.dispose();
    else if (JSON.stringify(now) !== JSON.stringify(entry.shown)) {
      entry.shown = now;
      render(panel, now);
    }
  });
  panel.onDidDispose(() => {
    sub.dispose();
    if (open.get(task.localId)?.panel === panel) open.delete(task.localId);
  });
  render(panel, task);
}

/** Opens (or reveals) the details of a task. */
export function showTaskDetails(extensionUri: vscode.Uri, store: TaskStore, task: Task): vscode.WebviewPanel {
  const existing = open.get(task.localId);
  if (existing) {
    existing.shown = task;
    render(existing.panel, task);
    existing.panel.reveal(undefined, false);
    return existing.panel;
  }
  const panel = vscode.window.createWebviewPanel(Panels.taskDetails, detailsTitle(task), vscode.ViewColumn.Active, panelOptions);
  adopt(panel, extensionUri, store, task);
  return panel;
}

/** After a window reload: the task whose details title the panel has, or the panel closes. */
export function reviveTaskDetails(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, store: TaskStore): Promise<void> {
  const task = store.all().find((t) => detailsTitle(t) === panel.title);
  if (!task || open.has(task.localId)) {
    panel.dispose();
    return Promise.resolve();
  }
  panel.webview.options = panelOptions;
  adopt(panel, extensionUri, store, task);
  return Promise.resolve();
}
