// A draft of any model: its values by JSON key, and what stays when another model is chosen.
// Sora keeps its own draft fields (aspectRatio, seconds, referenceImage: the host checks them with
// checkDraft, as before the catalogue); every other model keeps its values in `fields`.
// DOM-free, unit-tested with Node.
import type { ComposerModel, Draft } from '../src/shared/protocol';
import { MODELS } from '../src/domain/request';
import { checkValue } from '../src/domain/models/check';
import { defaultValues } from '../src/domain/models/catalogue';
import { familyProfiles, type FieldSpec, type ModelProfile } from '../src/domain/models/profile';
import { SORA } from '../src/domain/models/sora';
import { controlText } from './fieldControls';

type DraftValue = NonNullable<Draft['fields']>[string];

const SORA_PROFILES = familyProfiles(SORA);

export function isSoraModel(id: string): boolean {
  return (MODELS as readonly string[]).includes(id);
}

/** The profile whose fields the form shows for `id`; undefined for Sora (its own controls) and for a model nobody offers. */
export function modelProfile(profiles: readonly ComposerModel[], id: string): ComposerModel | undefined {
  return isSoraModel(id) ? undefined : profiles.find((p) => p.id === id);
}

/** The draft's values by JSON key, the prompt included. */
export function draftValues(d: Draft): Record<string, unknown> {
  if (isSoraModel(d.model) || d.fields === undefined) {
    return { prompt: d.prompt, aspect_ratio: d.aspectRatio, seconds: d.seconds, input_reference: d.referenceImage };
  }
  return { ...d.fields, prompt: d.prompt };
}

/** A value the field takes as it is (an empty one is not a value). */
function fits(spec: FieldSpec, value: unknown): boolean {
  const outcome = checkValue(spec, value);
  return !('error' in outcome) && outcome.value !== undefined;
}

/** The new model's values: a shared key keeps the user's value when the new model takes it, any other its default. */
function carried(profile: ModelProfile, from: Record<string, unknown>): Record<string, DraftValue> {
  const defaults = defaultValues(profile);
  const out: Record<string, DraftValue> = {};
  for (const spec of profile.fields) {
    if (spec.key === 'prompt') continue;
    const old = from[spec.key];
    const value = fits(spec, old) ? old : defaults[spec.key];
    if (value === undefined) continue;
    out[spec.key] = Array.isArray(value) ? value.map(String) : (value as DraftValue);
  }
  return out;
}

/**
 * The draft once `model` is chosen: the prompt always stays, and so does every value whose JSON
 * key the new model shares and takes as it is; the rest start from the new model's defaults.
 * `profiles`: the catalogue; a model it lacks (and is not Sora) keeps the draft as it is.
 */
export function switchModel(d: Draft, model: string, profiles: readonly ComposerModel[]): Draft {
  const from = draftValues(d);
  if (isSoraModel(model)) {
    const sora = SORA_PROFILES.find((p) => p.id === model) ?? SORA_PROFILES[0];
    const v = carried(sora, from);
    return { prompt: d.prompt, model, aspectRatio: String(v.aspect_ratio), seconds: Number(v.seconds), referenceImage: controlText(v.input_reference) };
  }
  const profile = modelProfile(profiles, model);
  if (!profile) return { ...d, model };
  // Sora's own fields stay as they are: hidden, and not sent for this model.
  return { prompt: d.prompt, model, aspectRatio: d.aspectRatio, seconds: d.seconds, referenceImage: d.referenceImage, fields: carried(profile, from) };
}

/**
 * A draft of a model of the catalogue that came without its values (sora.defaultModel, the host)
 * starts from its defaults, and from the Sora-named values it shares (sora.defaultAspectRatio).
 */
export function withDefaults(d: Draft, profiles: readonly ComposerModel[]): Draft {
  const profile = modelProfile(profiles, d.model);
  if (!profile || d.fields !== undefined) return d;
  return { ...d, fields: carried(profile, draftValues(d)) };
}
