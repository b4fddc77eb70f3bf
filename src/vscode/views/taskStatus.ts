// A task's state in the words and icons of the tree, its tooltip and the status bar. A side bar
// 250 px wide shows little more than the icon and the start of the prompt, so the icon alone tells
// the states apart, and the description begins with a short status word.
import vscode = require('vscode');
import { unknownStatus, type Task } from '../../domain/task';
import { attentionOf, isTakingLong } from '../../domain/lifecycle';
import { shownState, type ShownState } from '../../domain/shownState';
import { STOP_POLLING_AFTER_MS } from '../../domain/schedule';
import { t } from '../../util/l10n';
import { oneLine } from '../../util/text';

export { shownState, type ShownState };

/** The first word of the description: short, so a narrow side bar still shows it. */
export function shortStatus(task: Task): string {
  switch (shownState(task)) {
    case 'sending':
      return t('sending');
    case 'outcomeUnknown':
      return t('outcome unknown');
    case 'queued':
      return t('queued');
    case 'processing':
      return t('processing');
    case 'tracking':
      return t('tracking');
    case 'unknownStatus':
      return t('unknown status');
    case 'attention':
      return t('needs attention');
    case 'completed':
    case 'saving':
    case 'notSaved':
      return t('completed');
    case 'failed':
      return t('failed');
  }
}

/** The status in full (the tooltip, the accessible name): an unknown status word is named. */
export function statusWord(task: Task): string {
  const unknown = unknownStatus(task);
  return unknown !== undefined && !attentionOf(task) ? t('unknown status: {0}', oneLine(unknown, 30)) : shortStatus(task);
}

const STOP_HOURS = STOP_POLLING_AFTER_MS / 3_600_000;

/** A few words after the status: why a task needs attention, that it takes long, what became of its video. */
export function statusHint(task: Task, now: number): string | undefined {
  const why = attentionOf(task);
  if (why === 'refused') return `HTTP ${task.poll.refused?.status ?? ''}`;
  if (why === 'overdue') return t('running over {0} h', STOP_HOURS);
  if (isTakingLong(task, now)) return t('taking longer than usual');
  switch (shownState(task)) {
    case 'unknownStatus':
      return oneLine(task.status, 20);
    case 'saving':
      return t('saving');
    case 'notSaved':
      return task.download?.state === 'expired' ? t('link expired') : t('not saved');
    default:
      return undefined;
  }
}

/** Why a task needing attention is no longer checked automatically, and what the user can do; undefined when it is. */
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

const WARNING = 'problemsWarningIcon.foreground';
/** One codicon per state; colour only repeats what the shape already says. */
const ICONS: Record<ShownState, [id: string, color?: string]> = {
  sending: ['cloud-upload'],
  outcomeUnknown: ['question', WARNING],
  queued: ['clock'],
  processing: ['loading~spin'],
  tracking: ['eye'],
  unknownStatus: ['circle-large-outline'],
  attention: ['warning', WARNING],
  completed: ['pass', 'testing.iconPassed'],
  saving: ['cloud-download'],
  notSaved: ['warning', WARNING],
  failed: ['error', 'testing.iconFailed'],
};

// Items of the same state share one icon object (a long list would otherwise allocate two per item).
const icons = new Map<ShownState, vscode.ThemeIcon>();
export function stateIcon(state: ShownState): vscode.ThemeIcon {
  let icon = icons.get(state);
  if (!icon) {
    const [id, color] = ICONS[state];
    icons.set(state, (icon = color ? new vscode.ThemeIcon(id, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(id)));
  }
  return icon;
}
