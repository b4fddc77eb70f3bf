// The one validation of a create request, driven by the model's profile: the composer runs it as
// the user types and the host again before anything is sent, so both report the same error codes
// (messages.ts words them). Values come from an untrusted form: anything may be of any type.
import { longerThan } from '../../util/text';
import type { FieldSpec, FieldValue, ModelProfile, Rule } from './profile';

export const FIELD_ERROR_CODES = [
  'required',
  'notText',
  'tooLong',
  'notOneOf',
  'outOfRange',
  'notInteger',
  'notNumber',
  'notBoolean',
  'notUrl',
  'urlTooLong',
  'tooMany',
  'exclusive',
  'needs',
  'anyOf',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  /** The field's key. */
  field: string;
  code: FieldErrorCode;
  /** exclusive, needs, anyOf: the other fields the rule names. */
  related?: readonly string[];
}

/** Values that passed checkRequest, by key: only these become a body. */
export type CheckedValues = Readonly<Record<string, FieldValue>>;

export interface ModelRequest {
  profile: ModelProfile;
  values: CheckedValues;
}

export type RequestCheck = { ok: true; request: ModelRequest } | { ok: false; errors: FieldError[] };

export const MAX_REFERENCE_URL_LENGTH = 2048;

/**
 * Splits what the user typed in a URL field into URL candidates: at whitespace, and at ',' or ';'
 * only where another URL follows ("https://a/1.png,https://a/2.png"). Image URLs often contain both
 * (".../upload/w_1280,h_720,c_fill/cat.jpg", ".../a.png;v=2"), and such a URL is one candidate.
 */
export function referenceCandidates(raw: string): string[] {
  return raw
    .split(/\s+|[,;]+(?=\s*[a-z][a-z0-9+.-]*:)/i)
    .map((s) => s.replace(/^[,;]+|[,;]+$/g, ''))
    .filter((s) => s.length > 0);
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** An id from the provider's asset library, as its documentation writes it: `asset://asset-20260330142158-q75m8`. */
export function isAssetId(s: string): boolean {
  return /^asset:\/\/[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/.test(s);
}

const SINGLE_URL = new Set(['imageUrl', 'videoUrl']);
const URL_TYPES = new Set(['imageUrl', 'imageUrls', 'videoUrl', 'videoUrls', 'audioUrls']);

/** A value the field accepts (none when left empty), or why not. */
export type Outcome = { value?: FieldValue } | { error: FieldErrorCode };

const ABSENT: Outcome = {};
const fail = (error: FieldErrorCode): Outcome => ({ error });

function checkUrls(spec: FieldSpec, raw: unknown): Outcome {
  let items: string[];
  if (typeof raw === 'string') items = referenceCandidates(raw);
  else if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) items = raw.map((s) => s.trim()).filter((s) => s !== '');
  else return fail('notUrl');
  if (items.length === 0) return ABSENT;
  const single = SINGLE_URL.has(spec.type);
  if (items.length > (single ? 1 : spec.maxItems ?? Infinity)) return fail('tooMany');
  for (const url of items) {
    if (url.length > MAX_REFERENCE_URL_LENGTH) return fail('urlTooLong');
    if (!isHttpUrl(url) && !(spec.assets && isAssetId(url))) return fail('notUrl');
  }
  return { value: single ? items[0] : items };
}

function inRange(spec: FieldSpec, n: number): boolean {
  return (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
}

function checkNumber(spec: FieldSpec, raw: unknown): Outcome {
  const listed = spec.values?.includes(raw as number) ?? false;
  const ranged = spec.min !== undefined || spec.max !== undefined;
  if (listed) return { value: raw as number };
  if (spec.values && !ranged) return fail('notOneOf');
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail(spec.type === 'integer' ? 'notInteger' : 'notNumber');
  if (spec.type === 'integer' && !Number.isSafeInteger(raw)) return fail('notInteger');
  return inRange(spec, raw) ? { value: raw } : fail('outOfRange');
}

export function checkValue(spec: FieldSpec, raw: unknown): Outcome {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '' && spec.type !== 'text')) return ABSENT;
  if (URL_TYPES.has(spec.type)) return checkUrls(spec, raw);
  switch (spec.type) {
    case 'text': {
      if (typeof raw !== 'string') return fail('notText');
      const text = raw.trim();
      // Control characters alone are no description either.
      if (text.replace(/[\s\u0000-\u001f\u007f]/g, '').length === 0) return ABSENT;
      return spec.maxLength !== undefined && longerThan(text, spec.maxLength) ? fail('tooLong') : { value: text };
    }
    case 'string':
      if (typeof raw !== 'string') return fail(spec.values ? 'notOneOf' : 'notText');
      if (spec.values && !spec.values.includes(raw)) return fail('notOneOf');
      return spec.maxLength !== undefined && longerThan(raw, spec.maxLength) ? fail('tooLong') : { value: raw };
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : fail('notBoolean');
    default:
      return checkNumber(spec, raw);
  }
}

function ruleErrors(rule: Rule, isSet: (key: string) => boolean): FieldError[] {
  switch (rule.kind) {
    case 'exclusive': {
      const used = rule.groups.map((g) => g.filter(isSet)).filter((g) => g.length > 0);
      // The first group in use stands; each field of a later one is in conflict with it.
      return used.slice(1).flatMap((g) => g.map((field): FieldError => ({ field, code: 'exclusive', related: [used[0][0]] })));
    }
    case 'needs':
      return isSet(rule.field) && !isSet(rule.needs) ? [{ field: rule.field, code: 'needs', related: [rule.needs] }] : [];
    case 'anyOf':
      return rule.fields.some(isSet) ? [] : [{ field: rule.fields[0], code: 'anyOf', related: rule.fields }];
  }
}

/**
 * Checks every field of the profile in `input` (keys the profile does not know are ignored: they
 * are never sent), then its rules. At most one error per field, in the profile's field order.
 */
export function checkRequest(profile: ModelProfile, input: Readonly<Record<string, unknown>>): RequestCheck {
  const errors: FieldError[] = [];
  const values: Record<string, FieldValue> = {};
  for (const spec of profile.fields) {
    const raw = Object.prototype.hasOwnProperty.call(input, spec.key) ? input[spec.key] : undefined;
    const outcome = checkValue(spec, raw);
    if ('error' in outcome) errors.push({ field: spec.key, code: outcome.error });
    else if (outcome.value !== undefined) values[spec.key] = outcome.value;
    else if (spec.required) errors.push({ field: spec.key, code: 'required' });
  }
  const failed = new Set(errors.map((e) => e.field));
  // A field with an error was filled in: the rules see it as set, so it is not also reported missing.
  const filled = new Set(failed);
  const isSet = (key: string) => Object.prototype.hasOwnProperty.call(values, key) || filled.has(key);
  for (const rule of profile.rules) {
    for (const e of ruleErrors(rule, isSet)) {
      if (!failed.has(e.field)) errors.push(e);
      failed.add(e.field);
    }
  }
  if (errors.length > 0) {
    const order = profile.fields.map((s) => s.key);
    return { ok: false, errors: errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)) };
  }
  return { ok: true, request: { profile, values } };
}
