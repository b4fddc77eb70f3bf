// The one rule for which tasks a filter keeps: the Tasks view uses it, and so will the gallery. A
// filter narrows by status group, model family and text; every part left out keeps every task.
import { isSoraSettings, type Task } from './task';
import { shownState, type ShownState } from './shownState';
import { SORA } from './models/sora';
import { t } from '../util/l10n';

/** The statuses a filter chooses from: coarser than the tree's states (a saved and an unsaved video are both "completed"). */
export const STATUS_GROUPS = ['sending', 'queued', 'processing', 'attention', 'completed', 'failed'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

const GROUP_OF: Record<ShownState, StatusGroup> = {
  sending: 'sending',
  outcomeUnknown: 'sending',
  queued: 'queued',
  processing: 'processing',
  tracking: 'processing',
  unknownStatus: 'processing',
  attention: 'attention',
  completed: 'completed',
  saving: 'completed',
  notSaved: 'completed',
  failed: 'failed',
};

export function statusGroup(task: Task): StatusGroup {
  return GROUP_OF[shownState(task)];
}

/** The group in the words the tree's descriptions use. */
export function statusGroupWord(group: StatusGroup): string {
  switch (group) {
    case 'sending':
      return t('sending');
    case 'queued':
      return t('queued');
    case 'processing':
      return t('processing');
    case 'attention':
      return t('needs attention');
    case 'completed':
      return t('completed');
    case 'failed':
      return t('failed');
  }
}

export interface TaskFamily {
  id: string;
  label: string;
}

/** A Sora task predates families and does not store one; every other task carries its own. */
export function familyOf(task: Task): TaskFamily {
  const s = task.settings;
  return isSoraSettings(s) ? { id: SORA.family, label: SORA.label } : { id: s.family, label: s.familyLabel };
}

export interface TaskFilter {
  /** Empty or absent: any status. */
  statuses?: StatusGroup[];
  /** The family's label is kept too, so the filter can be described without the catalogue. */
  family?: TaskFamily;
  /** Every word must occur (any case) in the prompt, an id, the model, the family or the status. */
  text?: string;
}

export function isFilterActive(filter: TaskFilter): boolean {
  return (filter.statuses?.length ?? 0) > 0 || filter.family !== undefined || (filter.text ?? '').trim() !== '';
}

/** What a text search looks through (the filter's and Find Task's), in lower case. */
export function searchText(task: Task): string {
  const s = task.settings;
  const family = familyOf(task);
  const group = statusGroup(task);
  // The English word and the UI's: a Chinese UI user may type either.
  return [s.prompt, task.remoteId ?? '', task.localId, s.model, family.id, family.label, group, statusGroupWord(group), task.status].join('\n').toLowerCase();
}

/** The words of a search, lower-cased, without repeats: each must occur in the task's searchText. */
export function searchWords(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/\s+/).filter(Boolean))];
}

export function matchesFilter(task: Task, filter: TaskFilter): boolean {
  if (filter.statuses?.length && !filter.statuses.includes(statusGroup(task))) return false;
  if (filter.family && familyOf(task).id !== filter.family.id) return false;
  const words = searchWords(filter.text ?? '');
  if (words.length === 0) return true;
  const haystack = searchText(task);
  return words.every((w) => haystack.includes(w));
}

/** The active filter in a few words for the view's description, e.g. `completed · VEO 3.1 · "cat"`; '' when none. */
export function filterDescription(filter: TaskFilter): string {
  const parts: string[] = [];
  if (filter.statuses?.length) parts.push(STATUS_GROUPS.filter((g) => filter.statuses?.includes(g)).map(statusGroupWord).join(', '));
  if (filter.family) parts.push(filter.family.label);
  const text = (filter.text ?? '').trim();
  if (text) parts.push(`"${text}"`);
  return parts.join(' · ');
}

const MAX_TEXT = 500;
const MAX_LABEL = 100;

/**
 * A filter read back from workspace state, which another version of the extension (or a hand edit)
 * may have written: anything not understood is dropped, never trusted.
 */
export function readFilter(value: unknown): TaskFilter {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const filter: TaskFilter = {};
  if (Array.isArray(v.statuses)) {
    const statuses = STATUS_GROUPS.filter((g) => (v.statuses as unknown[]).includes(g));
    if (statuses.length) filter.statuses = statuses;
  }
  const f = v.family as Record<string, unknown> | undefined;
  if (typeof f === 'object' && f !== null && typeof f.id === 'string' && typeof f.label === 'string' && f.id && f.id.length <= MAX_LABEL && f.label.length <= MAX_LABEL) {
    filter.family = { id: f.id, label: f.label };
  }
  if (typeof v.text === 'string' && v.text.trim() && v.text.length <= MAX_TEXT) filter.text = v.text.trim();
  return filter;
}
