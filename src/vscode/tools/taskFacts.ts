// A task as the language-model tools report it: the tree's status words and states, so a tool
// says what the task list shows.
import type { Task } from '../../domain/task';
import type { TaskFacts } from '../../domain/toolText';
import type { ListFilter } from '../../domain/toolSchemas';
import { hideUrlQueries } from '../../util/log';
import { shownState, statusWord, type ShownState } from '../views/taskStatus';
import { shortSettings } from '../views/taskSettings';

const FILTERS: Record<ShownState, readonly ListFilter[]> = {
  sending: ['running'],
  tracking: ['running'],
  unknownStatus: ['running'],
  queued: ['running', 'queued'],
  processing: ['running', 'processing'],
  attention: ['attention'],
  outcomeUnknown: ['unknown'],
  completed: ['completed'],
  saving: ['completed'],
  notSaved: ['completed'],
  failed: ['failed'],
};

export function taskFacts(task: Task): TaskFacts {
  // The model in full (the tree shortens Sora's to fit a narrow side bar).
  const model = task.unreported?.includes('model') ? undefined : task.settings.model;
  const settings = [model, ...shortSettings(task).slice(1)].filter((s): s is string => s !== undefined);
  return {
    ...(task.remoteId !== undefined ? { id: task.remoteId } : {}),
    status: statusWord(task),
    filters: FILTERS[shownState(task)],
    settings: settings.join(' · '),
    prompt: task.settings.prompt,
    createdAt: task.createdAt,
    ...(task.download?.state === 'done' && task.download.path ? { videoPath: task.download.path } : {}),
    ...(task.videoUrl ? { videoUrl: hideUrlQueries(task.videoUrl) } : {}),
    ...(task.error ? { error: task.error } : {}),
    ...(task.amount !== undefined ? { cost: task.amount } : {}),
  };
}
