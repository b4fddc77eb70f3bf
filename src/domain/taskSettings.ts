// Between what is sent and what a task keeps: a request of any model becomes the task's settings,
// and stored settings become the request to send again (Retry Now, an unknown outcome retried).
// Sora's requests keep the shape and the sora.createPath they had before the catalogue.
import { checkRequest, type ModelRequest } from './models/check';
import { fieldErrorMessage } from './models/messages';
import type { FieldValue, ModelProfile } from './models/profile';
import { isSoraSettings, type TaskSettings } from './task';
import { soraSettingsOf, type VideoSettings } from './request';
import { t } from '../util/l10n';

/** What the engine sends: Sora's checked settings, or a checked request of any model. */
export type SendInput = VideoSettings | ModelRequest;

/** A request of a built-in Sora model travels as Sora's settings, to sora.createPath. */
export function normalizeInput(input: SendInput): SendInput {
  return 'profile' in input ? soraSettingsOf(input) ?? input : input;
}

/** What a task keeps of the request it was created with. */
export function settingsOf(input: SendInput): TaskSettings {
  if (!('profile' in input)) return input;
  const { prompt, ...fields } = input.values;
  const p = input.profile;
  return { prompt: typeof prompt === 'string' ? prompt : '', model: p.id, family: p.family, familyLabel: p.familyLabel, fields, typicalMs: p.typicalMs };
}

/** The values a model's request is checked and built from, the prompt included. */
export function valuesOf(s: TaskSettings): Record<string, FieldValue> {
  if (isSoraSettings(s)) {
    const values: Record<string, FieldValue> = { prompt: s.prompt, aspect_ratio: s.aspectRatio, seconds: s.seconds };
    if (s.referenceImage) values.input_reference = [s.referenceImage];
    return values;
  }
  return { prompt: s.prompt, ...s.fields };
}

/**
 * The request that sends stored settings again, checked against the model's current profile (a
 * custom model may have changed or gone since); a problem is a sentence, and nothing is sent.
 */
export function requestOf(s: TaskSettings, find: (id: string) => ModelProfile | undefined): { input: SendInput } | { problem: string } {
  if (isSoraSettings(s)) return { input: s };
  const profile = find(s.model);
  if (!profile) return { problem: t('The model {0} is no longer in the catalogue (built-in models and sora.customModels).', s.model) };
  const check = checkRequest(profile, valuesOf(s));
  if (!check.ok) return { problem: fieldErrorMessage(check.errors[0], profile) };
  return { input: normalizeInput(check.request) };
}
