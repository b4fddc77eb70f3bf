// A task tracked by its id (Track Existing Task): nothing but the id is known at first, and a reply
// names its model and creation time. The model's profile, if the catalogue has it, says what
// kind of settings the task has; the field values that were sent are never reported.
import type { ModelProfile } from './models/profile';
import { MODELS } from './request';
import { isSoraSettings, type Task, type TaskSettings } from './task';
import { t } from '../util/l10n';

/** Placeholders shown as unknown until a reply names them (Sora's, as before the catalogue). */
export function trackedSettings(id: string): { settings: TaskSettings; unreported: NonNullable<Task['unreported']> } {
  return {
    settings: { prompt: t('(tracked task {0})', id), model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 },
    unreported: ['model', 'aspectRatio', 'seconds', 'createdAt'],
  };
}

function learnModel(t: Task, model: string, find: (id: string) => ModelProfile | undefined): Pick<Task, 'settings' | 'unreported'> | undefined {
  const unreported = t.unreported ?? [];
  const sora = MODELS.find((m) => m === model);
  if (sora) return { settings: isSoraSettings(t.settings) ? { ...t.settings, model: sora } : t.settings, unreported: unreported.filter((u) => u !== 'model') };
  const p = find(model);
  if (!p) return undefined;
  const settings: TaskSettings = { prompt: t.settings.prompt, model: p.id, family: p.family, familyLabel: p.familyLabel, fields: {}, typicalMs: p.typicalMs };
  // Sora's placeholders mean nothing for another model; its fields are what nobody reported.
  return { settings, unreported: [...unreported.filter((u) => u !== 'model' && u !== 'aspectRatio' && u !== 'seconds'), 'fields'] };
}

/** What a reply tells about a tracked task's unknown settings: the model and the creation time. */
export function reported(t: Task, reply: { model?: string; created?: number }, find: (id: string) => ModelProfile | undefined): Partial<Task> {
  let unreported = t.unreported ?? [];
  const out: Partial<Task> = {};
  const learnt = reply.model !== undefined && unreported.includes('model') ? learnModel(t, reply.model, find) : undefined;
  if (learnt) {
    out.settings = learnt.settings;
    unreported = learnt.unreported ?? [];
  }
  if (reply.created !== undefined && reply.created > 0 && unreported.includes('createdAt')) {
    // The service's `created` is in seconds (OpenAI style) or milliseconds.
    out.createdAt = reply.created < 1e12 ? reply.created * 1000 : reply.created;
    unreported = unreported.filter((u) => u !== 'createdAt');
  }
  out.unreported = unreported.length > 0 ? unreported : undefined;
  return out;
}
