// The words of the language-model tools: the confirmation before a paid create, and results that
// tell the calling model what happened, the task id, and what to do next. Plain sentences (the
// chat shows them and the model reads them); tasks come in as facts the VS Code layer gathered.
import type { FieldValue } from './models/profile';
import type { ListFilter } from './toolSchemas';
import { t } from '../util/l10n';
import { oneLine } from '../util/text';

/** A task as the tools report it; the VS Code layer fills it from the task and its tree status. */
export interface TaskFacts {
  /** The service's task id; absent while it is being sent or when the outcome is unknown. */
  id?: string;
  /** The status as the task list words it. */
  status: string;
  /** The list filters it matches (sora_listTasks); the first of running/attention/unknown/completed/failed is its kind. */
  filters: readonly ListFilter[];
  /** Model and settings, e.g. "openAiSora2Plus · 16:9 · 8s". */
  settings: string;
  prompt: string;
  createdAt: number;
  videoPath?: string;
  /** Without its query: signed links are never shown whole. */
  videoUrl?: string;
  error?: string;
  cost?: number;
}

const lengthWords = (seconds: number | undefined): string => (seconds !== undefined ? t('{0} seconds', seconds) : t("the model's default length"));
/** What is known of a create's cost before it is sent (the service prices nothing up front). */
export const costWords = (): string => t('cost unknown (the service reports it when the task finishes)');
const valueWords = (v: FieldValue): string => (Array.isArray(v) ? v.join(' ') : String(v));

/** Asked before anything is paid for: the model, the length and the estimated cost. */
export function createConfirmation(
  model: string,
  seconds: number | undefined,
  values: Readonly<Record<string, FieldValue>>,
  estimate?: string,
): { title: string; message: string } {
  const settings = Object.entries(values)
    .filter(([k]) => k !== 'prompt')
    .map(([k, v]) => `${k} ${valueWords(v)}`)
    .join(', ');
  return {
    title: t('Create a paid video with {0}?', model),
    message: [
      t('Model {0}, {1}, {2}.', model, lengthWords(seconds), estimate ?? costWords()),
      settings ? t('Settings: {0}.', settings) : '',
      t('Prompt: "{0}"', oneLine(String(values.prompt ?? ''), 300)),
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

export const creatingMessage = (model: string): string => t('Creating a video with {0}…', model);

export function invalidInputText(problems: ReadonlyArray<{ message: string }>): string {
  return t('Invalid input, nothing was sent. {0}', problems.map((p) => p.message).join(' '));
}

export type CreateOutcome =
  | { kind: 'created'; task: TaskFacts; typicalMinutes: number }
  | { kind: 'rejected'; task: TaskFacts; message: string }
  | { kind: 'notSent'; message: string; keyRefused: boolean }
  | { kind: 'unknown'; message: string }
  /** `refusedOrigin`: the user declined to send the key there (the base URL moved). */
  | { kind: 'noKey'; refusedOrigin?: string };

export function createResultText(o: CreateOutcome): string {
  switch (o.kind) {
    case 'created':
      return t(
        'Created task {0} ({1}). Its status is {2}; videos of this model usually take about {3} minutes. It is in the Sora Tasks view. Call sora_getTask with id "{0}" to check on it later; do not create it again.',
        o.task.id ?? '',
        o.task.settings,
        o.task.status,
        o.typicalMinutes,
      );
    case 'rejected':
      return t('The service refused task {0}: {1} Nothing else was sent. Change the prompt or the settings before trying again.', o.task.id ?? '', o.message);
    case 'notSent':
      return `${t('Nothing was created: {0}', o.message)}${o.keyRefused ? ` ${t('The user can fix the key with "Sora: Set API Key".')}` : ''}`;
    case 'unknown':
      return t(
        'The request may have reached the service, but no answer came back ({0}). It is kept in the Sora Tasks view as "outcome unknown" and was not sent again. Do not call sora_createVideo again for it: the user can retry it or track its id from the task list.',
        o.message,
      );
    case 'noKey':
      return o.refusedOrigin !== undefined
        ? t('Nothing was sent: your API key is not confirmed for {0}. Run "Sora: Set API Key" to use a key there.', o.refusedOrigin)
        : t('No Sora API key is set, so nothing was sent. Ask the user to run "Sora: Set API Key", then try again.');
  }
}

function nextStep(f: TaskFacts): string {
  if (f.filters.includes('completed')) return f.videoPath ? t('The video is finished and saved.') : t('The video is finished; it has not been saved to a file.');
  if (f.filters.includes('failed')) return t('The task failed; a new task with a changed prompt or settings may succeed.');
  if (f.filters.includes('attention')) return t('The service refused the last checks (key, access or unknown id); the user can fix that and use Check Again in the task list.');
  if (f.filters.includes('unknown')) return t('It is unknown whether the service created it; the user can retry it or track its id from the task list.');
  return t('It is still running; check again later with sora_getTask.');
}

/** sora_getTask's answer. */
export function taskText(f: TaskFacts): string {
  const lines = [
    f.id ? t('Task {0}: {1}.', f.id, f.status) : t('Task without a service id yet: {0}.', f.status),
    t('Model and settings: {0}.', f.settings),
    t('Prompt: "{0}"', oneLine(f.prompt, 300)),
    t('Created: {0}.', new Date(f.createdAt).toISOString()),
  ];
  if (f.videoPath) lines.push(t('Video file: {0}', f.videoPath));
  else if (f.videoUrl) lines.push(t('Video URL (its signed query left out): {0}', f.videoUrl));
  if (f.error) lines.push(t('Error: {0}', oneLine(f.error, 500)));
  if (f.cost !== undefined) lines.push(t('Cost reported by the service: {0}.', f.cost));
  lines.push(nextStep(f));
  return lines.join('\n');
}

export const notFoundText = (id: string): string =>
  t('No task with id "{0}" is in the task list. sora_listTasks lists the tasks; a task created elsewhere can be added with "Sora: Track Existing Task".', id);

/** One line per task, newest first. */
export function taskListText(tasks: readonly TaskFacts[], filter: ListFilter | undefined, total: number): string {
  if (tasks.length === 0) return filter ? t('No tasks with status {0}.', filter) : t('The task list is empty. sora_createVideo creates a task.');
  const head = filter ? t('{0} of {1} tasks with status {2}, newest first:', tasks.length, total, filter) : t('{0} of {1} tasks, newest first:', tasks.length, total);
  const rows = tasks.map((f) => {
    const parts = [f.id ?? t('(no id yet)'), f.status, f.settings, `"${oneLine(f.prompt, 80)}"`];
    if (f.videoPath) parts.push(f.videoPath);
    if (f.error) parts.push(oneLine(f.error, 120));
    return `- ${parts.join(' · ')}`;
  });
  return [head, ...rows, t('sora_getTask with an id gives the details.')].join('\n');
}
