// What sora_createVideo would send for an input from a language model: the same catalogue and the
// same check (checkRequest) as the composer, so a tool call can send nothing the composer would
// refuse. Fields the input leaves out take the composer's defaults. Pure: the input is untrusted.
import { defaultValues, type Catalogue } from './models/catalogue';
import { checkRequest, checkValue } from './models/check';
import { fieldErrorMessage } from './models/messages';
import type { FieldValue, ModelProfile } from './models/profile';
import { normalizeInput, type SendInput } from './taskSettings';
import { t } from '../util/l10n';

/** The composer's starting values (the sora.default* settings). */
export interface CreateDefaults {
  model: string;
  aspectRatio: string;
  seconds: number;
}

export interface InputProblem {
  /** The input's key the problem is about. */
  field: string;
  message: string;
}

export type CreatePlan =
  | { ok: true; profile: ModelProfile; values: Readonly<Record<string, FieldValue>>; input: SendInput }
  | { ok: false; problems: InputProblem[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** What the composer starts a model with: the profile's defaults, and for Sora the sora.default* settings where the model takes them. */
function startingValues(profile: ModelProfile, d: CreateDefaults): Record<string, FieldValue> {
  const values = defaultValues(profile);
  const fromSettings: Record<string, FieldValue> = profile.family === 'sora' ? { aspect_ratio: d.aspectRatio, seconds: d.seconds } : {};
  for (const [key, value] of Object.entries(fromSettings)) {
    const spec = profile.fields.find((s) => s.key === key);
    if (spec && !('error' in checkValue(spec, value))) values[key] = value;
  }
  return values;
}

export function planCreate(raw: unknown, catalogue: Catalogue, defaults: CreateDefaults): CreatePlan {
  const fail = (field: string, message: string): CreatePlan => ({ ok: false, problems: [{ field, message }] });
  if (!isRecord(raw)) return fail('input', t('The input must be an object with at least a prompt.'));
  const model = raw.model === undefined || raw.model === null || raw.model === '' ? defaults.model : raw.model;
  if (typeof model !== 'string') return fail('model', t('model must be a model id (text).'));
  const profile = catalogue.find(model);
  if (!profile) return fail('model', t('model: there is no model "{0}". The models are: {1}.', model, catalogue.profiles.map((p) => p.id).join(', ')));
  const keys = profile.fields.map((s) => s.key);
  // A key the model does not take would be dropped silently: the user would not get what was asked.
  const unknown = Object.keys(raw).filter((k) => k !== 'model' && !keys.includes(k));
  if (unknown.length > 0) {
    return { ok: false, problems: unknown.map((k) => ({ field: k, message: t('{0} is not a field of {1}. Its fields are: {2}.', k, profile.id, keys.join(', ')) })) };
  }
  const values: Record<string, unknown> = startingValues(profile, defaults);
  for (const key of keys) if (has(raw, key) && raw[key] !== undefined) values[key] = raw[key];
  // The prompt never comes from a default.
  values.prompt = has(raw, 'prompt') ? raw.prompt : undefined;
  const check = checkRequest(profile, values);
  if (!check.ok) return { ok: false, problems: check.errors.map((e) => ({ field: e.field, message: `${e.field}: ${fieldErrorMessage(e, profile)}` })) };
  return { ok: true, profile, values: check.request.values, input: normalizeInput(check.request) };
}

/** A video's length in seconds, when the values name one (Sora's seconds, the others' duration). */
export function lengthOf(values: Readonly<Record<string, FieldValue>>): number | undefined {
  const n = values.seconds ?? values.duration;
  return typeof n === 'number' && n > 0 ? n : undefined;
}
