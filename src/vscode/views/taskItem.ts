// How a task looks in the tree. Every text from the prompt or the service is shown as plain text:
// labels are flattened, and the tooltip is an untrusted MarkdownString built with appendText.
import vscode = require('vscode');
import type { Task } from '../../domain/task';
import { Commands } from '../../domain/ids';
import { t } from '../../util/l10n';
import { settingLines, shortSettings, takingLongNote } from './taskSettings';
import { flatHead, headChars, oneLine, truncate } from '../../util/text';
import { hideUrlQueries } from '../../util/log';
import { attentionOf, isTakingLong } from '../../domain/lifecycle';
import { localDateTime, relativeTime } from './when';
import { attentionReason, shortStatus, shownState, stateIcon, statusHint, statusWord } from './taskStatus';

/** When the task was created; a tracked task's time is unknown until the service reports it. */
export function createdText(task: Task): string {
  const createdAt = localDateTime(task.createdAt);
  return task.unreported?.includes('createdAt') ? t('unknown (tracked {0})', createdAt) : createdAt;
}

/** Built on hover (TaskTreeProvider.resolveTreeItem), not for every item of a long list. */
export function taskTooltip(task: Task): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  const line = (label: string, value: string | number | undefined) => {
    if (value === undefined || value === '') return;
    md.appendMarkdown('**');
    md.appendText(label);
    md.appendMarkdown('**: ');
    // URLs (in errors, the reference image) without their signature, removed before the cut.
    md.appendText(oneLine(hideUrlQueries(String(value)), 500));
    md.appendMarkdown('  \n');
  };
  md.appendText(headChars(task.settings.prompt, 2000));
  md.appendMarkdown('\n\n---\n\n');
  line(t('Status'), statusWord(task));
  line(t('Needs attention'), attentionReason(task));
  if (isTakingLong(task, Date.now())) line(t('Note'), takingLongNote(task));
  for (const l of settingLines(task)) line(l.label, l.value);
  if (task.actualDuration !== undefined) line(t('Video length'), t('{0} s', task.actualDuration));
  line(t('Created'), createdText(task));
  line(t('Task id'), task.remoteId);
  if (task.amount !== undefined) line(t('Cost'), task.amount);
  line(t('Error'), task.error);
  if (task.phase === 'active') line(t('Last check failed'), task.poll.lastError);
  if (task.download?.state === 'done') line(t('Saved to'), task.download.path);
  else if (task.download?.error) line(t('Download'), task.download.error);
  if (task.phase === 'unknown') {
    md.appendMarkdown('\n');
    md.appendText(
      t('The request may have reached the service. Retry (this may create a second, paid task), track the task id if you find it, or remove this entry.'),
    );
  }
  return md;
}

/** contextValue words that the menus in package.json match on. */
export function contextValue(task: Task): string {
  const words = ['task'];
  if (task.remoteId) words.push('remote');
  if (task.videoUrl) words.push('url');
  if (task.phase === 'completed' && (task.videoUrl || task.download?.state === 'done')) words.push('video');
  if (task.phase === 'unknown') words.push('unknown');
  if (attentionOf(task)) words.push('attention');
  if (task.phase === 'completed' || task.phase === 'failed') words.push('final');
  if (task.phase === 'failed') words.push('failed');
  return words.join(' ');
}

/** The label and the accessible name cut the prompt at these lengths. */
const LABEL_CHARS = 60;
const SPOKEN_CHARS = 200;
const SPOKEN_FAILED_CHARS = 120;

export class TaskItem extends vscode.TreeItem {
  constructor(readonly task: Task) {
    const s = task.settings;
    // The prompt is flattened once for the label and the accessible name (a long list has one per task).
    const prompt = flatHead(s.prompt, SPOKEN_CHARS);
    super(truncate(prompt, LABEL_CHARS) || task.remoteId || task.localId, vscode.TreeItemCollapsibleState.None);
    this.id = task.localId;
    const now = Date.now();
    const hint = statusHint(task, now);
    const parts = shortSettings(task);
    const settings = parts.every((p) => p === undefined) ? [t('settings unknown')] : parts.map((p) => p ?? '?');
    this.description = [shortStatus(task), ...(hint ? [hint] : []), ...settings, relativeTime(task.createdAt, now)].join(' · ');
    this.iconPath = stateIcon(shownState(task));
    this.contextValue = contextValue(task);
    const full = statusWord(task);
    // A screen reader hears the status in full, and the hint unless the status already names it; a
    // failed task also why (the prompt cut shorter to leave room: the label stays under 300 characters).
    this.accessibilityInformation = {
      label:
        task.phase === 'failed'
          ? `${truncate(prompt, SPOKEN_FAILED_CHARS)}, ${full}: ${oneLine(hideUrlQueries(task.error ?? t('no reason given')), 160)}`
          : [truncate(prompt, SPOKEN_CHARS), full, ...(hint && !full.includes(hint) ? [hint] : [])].join(', '),
    };
    if (task.phase === 'completed') this.command = { command: Commands.openVideo, title: t('Open Video'), arguments: [task.localId] };
    else if (task.phase === 'failed') this.command = { command: Commands.showTaskDetails, title: t('Show Details'), arguments: [task.localId] };
  }
}

/** Shown above the tasks when something needs the user (no key while tasks wait). */
export class NoticeItem extends vscode.TreeItem {
  constructor(label: string, command: vscode.Command, iconId: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = `notice:${command.command}`;
    this.iconPath = new vscode.ThemeIcon(iconId, new vscode.ThemeColor('problemsWarningIcon.foreground'));
    this.command = command;
    this.contextValue = 'notice';
  }
}
