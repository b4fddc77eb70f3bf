// How a task looks in the tree. Every text from the prompt or the service is shown as plain text:
// labels are flattened, and the tooltip is an untrusted MarkdownString built with appendText.
import * as vscode from 'vscode';
import { unknownStatus, type Task } from '../../domain/task';
import { Commands } from '../../domain/ids';
import { t } from '../../util/l10n';
import { sizeForRatio } from '../../domain/reference';
import { headChars, longerThan, truncate } from '../../util/text';
import { hideUrlQueries } from '../../util/log';
import { attentionOf, isTakingLong } from '../../domain/lifecycle';
import { STOP_POLLING_AFTER_MS } from '../../domain/schedule';

// Most prompts need no change: testing for that first is several times faster than replacing.
const flatten = (s: string): string =>
  /[\u0000-\u001f\u007f]|\s\s|[^\S ]/.test(s) ? s.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim() : s.trim();

export function oneLine(s: string, max: number): string {
  // Flattening only shrinks text, so when a prefix already fills `max` the rest of a long prompt
  // need not be scanned (this runs twice per tree item).
  const bound = 2 * max + 16;
  if (s.length > bound) {
    const head = flatten(s.slice(0, bound));
    // Cut inside the prefix: the rest cannot change it (a character split at the prefix's end
    // lies past the cut).
    if (longerThan(head, max)) return `${headChars(head, max - 1)}…`;
  }
  return truncate(flatten(s), max);
}

/** A task's settings as text; those the service has not reported (a tracked task) read "unknown". */
export function settingsText(task: Task): { model: string; aspectRatio: string; seconds: string; created: string } {
  const s = task.settings;
  const missing = new Set(task.unreported ?? []);
  const unknown = t('unknown');
  const createdAt = new Date(task.createdAt).toLocaleString();
  return {
    model: missing.has('model') ? unknown : s.model,
    aspectRatio: missing.has('aspectRatio') ? unknown : `${s.aspectRatio} (${sizeForRatio(s.aspectRatio)})`,
    seconds: missing.has('seconds') ? unknown : t('{0} s', s.seconds),
    created: missing.has('createdAt') ? t('unknown (tracked {0})', createdAt) : createdAt,
  };
}

/** The status word the description starts with (one of the extension's public names, see README: queued, processing, completed, failed, or raw). */
export function statusWord(task: Task): string {
  switch (task.phase) {
    case 'submitting':
      return t('sending');
    case 'unknown':
      return t('outcome unknown');
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'active': {
      if (attentionOf(task)) return t('needs attention');
      const unknown = unknownStatus(task);
      return unknown === undefined ? oneLine(task.status, 30) : t('unknown status: {0}', oneLine(unknown, 30));
    }
  }
}

const STOP_HOURS = STOP_POLLING_AFTER_MS / 3_600_000;

/** Why a task needing attention is no longer checked automatically, and what the user can do; undefined when it is checked. */
export function attentionReason(task: Task): string | undefined {
  const why = attentionOf(task);
  if (why === 'overdue') {
    return t('Still running more than {0} hours after it was created (Sora videos usually take a few minutes), so it is no longer checked automatically. Check Again or Refresh Tasks asks the service.', STOP_HOURS);
  }
  if (why !== 'refused' || !task.poll.refused) return undefined;
  const { status, count } = task.poll.refused;
  if (status === 401) return t('The service did not accept the API key (HTTP 401) on {0} checks in a row, so the task is no longer checked automatically. Set the API key, then Check Again.', count);
  if (status === 403) return t('The service refused access to this task (HTTP 403) on {0} checks in a row, so it is no longer checked automatically. Check the API key and what it may access, then Check Again.', count);
  return t('The service does not know this task id (HTTP {0}) on {1} checks in a row, so it is no longer checked automatically. Check the task id and the sora.queryPath setting, then Check Again.', status, count);
}

/** A few words after the status: why a task needs attention, or that it takes longer than usual. */
function statusHint(task: Task, now: number): string | undefined {
  const why = attentionOf(task);
  if (why === 'refused') return `HTTP ${task.poll.refused?.status ?? ''}`;
  if (why === 'overdue') return t('running over {0} h', STOP_HOURS);
  return isTakingLong(task, now) ? t('taking longer than usual') : undefined;
}

// One formatter for every item (toLocaleDateString() builds a new one per call), and one string
// per calendar day: a long history has many tasks per day.
let dateFormat: Intl.DateTimeFormat | undefined;
const dayText = new Map<number, string>();
function localDate(ms: number): string {
  const d = new Date(ms);
  const day = d.getFullYear() * 512 + d.getMonth() * 32 + d.getDate();
  let text = dayText.get(day);
  if (text === undefined) {
    if (dayText.size > 1000) dayText.clear();
    text = (dateFormat ??= new Intl.DateTimeFormat()).format(ms);
    dayText.set(day, text);
  }
  return text;
}

export function relativeTime(ms: number, now = Date.now()): string {
  const s = Math.round((now - ms) / 1000);
  if (s < 45) return t('just now');
  const m = Math.round(s / 60);
  if (m < 60) return t('{0} min ago', m);
  const h = Math.round(m / 60);
  if (h < 48) return t('{0} h ago', h);
  return localDate(ms);
}

// Items of the same state share one icon object (a long list would otherwise allocate two per item).
const icons = new Map<string, vscode.ThemeIcon>();
function themeIcon(id: string, color?: string): vscode.ThemeIcon {
  const key = `${id} ${color ?? ''}`;
  let i = icons.get(key);
  if (!i) icons.set(key, (i = color ? new vscode.ThemeIcon(id, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(id)));
  return i;
}

function icon(task: Task): vscode.ThemeIcon {
  if (task.phase === 'completed') {
    if (task.download?.state === 'downloading') return themeIcon('cloud-download');
    if (task.download?.state === 'expired' || task.download?.state === 'failed') return themeIcon('warning', 'problemsWarningIcon.foreground');
    return themeIcon('pass', 'testing.iconPassed');
  }
  if (task.phase === 'failed') return themeIcon('error', 'testing.iconFailed');
  if (task.phase === 'unknown') return themeIcon('question', 'problemsWarningIcon.foreground');
  if (attentionOf(task)) return themeIcon('warning', 'problemsWarningIcon.foreground');
  return themeIcon('loading~spin');
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
  if (isTakingLong(task, Date.now())) line(t('Note'), t('Taking longer than usual: Sora videos usually take a few minutes. It is still being checked.'));
  const known = settingsText(task);
  line(t('Model'), known.model);
  line(t('Aspect ratio'), known.aspectRatio);
  line(t('Duration'), known.seconds);
  if (task.actualDuration !== undefined) line(t('Video length'), t('{0} s', task.actualDuration));
  line(t('Reference image'), task.settings.referenceImage);
  line(t('Created'), known.created);
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
function contextValue(task: Task): string {
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

export class TaskItem extends vscode.TreeItem {
  constructor(readonly task: Task) {
    super(oneLine(task.settings.prompt, 60) || task.remoteId || task.localId, vscode.TreeItemCollapsibleState.None);
    this.id = task.localId;
    const s = task.settings;
    const now = Date.now();
    const hint = statusHint(task, now);
    const missing = new Set(task.unreported ?? []);
    const parts = [missing.has('model') ? '?' : s.model.replace(/^openAiSora2/, ''), missing.has('aspectRatio') ? '?' : s.aspectRatio, missing.has('seconds') ? '?' : `${s.seconds}s`];
    const settings = parts.every((p) => p === '?') ? [t('settings unknown')] : parts;
    this.description = [statusWord(task), ...(hint ? [hint] : []), ...settings, relativeTime(task.createdAt, now)].join(' · ');
    this.iconPath = icon(task);
    this.contextValue = contextValue(task);
    // A screen reader hears why a task failed without opening it (the prompt is cut shorter to
    // leave room: the whole label stays under 300 characters).
    this.accessibilityInformation = {
      label:
        task.phase === 'failed'
          ? `${oneLine(s.prompt, 120)}, ${statusWord(task)}: ${oneLine(hideUrlQueries(task.error ?? t('no reason given')), 160)}`
          : `${oneLine(s.prompt, 200)}, ${statusWord(task)}`,
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
