// Reading one field definition of a sora.customModels entry into a FieldSpec, strictly: a key that
// is misspelt or does not fit the field's type is an error naming where it is, never ignored, so a
// model is not sent with a rule the user believes it has.
import { t } from '../../util/l10n';
import { checkValue } from './check';
import { fieldErrorMessage } from './messages';
import { FIELD_TYPES, type FieldSpec, type FieldType } from './profile';

/** The first problem of an entry: where in it (a path like `fields.mood.default`) and why. */
export class EntryProblem extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function objectAt(v: unknown, path: string): Json {
  if (!isObject(v)) throw new EntryProblem(path, t('must be an object'));
  return v;
}

/** Refuses keys outside `known`: a misspelt key would otherwise be dropped without a word. */
export function onlyKeys(o: Json, known: readonly string[], path: string): void {
  const extra = Object.keys(o).find((k) => !known.includes(k));
  if (extra !== undefined) throw new EntryProblem(path ? `${path}.${extra}` : extra, t('is not a known key (known: {0})', known.join(', ')));
}

/** Text without control characters, at most `max` characters. */
export function textAt(v: unknown, path: string, max = 200): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > max || /[\u0000-\u001f\u007f]/.test(v)) {
    throw new EntryProblem(path, t('must be text of 1 to {0} characters', max));
  }
  return v;
}

const positiveInteger = (v: unknown, path: string): number => {
  if (!Number.isSafeInteger(v) || (v as number) < 1) throw new EntryProblem(path, t('must be a whole number of at least 1'));
  return v as number;
};

const finiteNumber = (v: unknown, path: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new EntryProblem(path, t('must be a number'));
  return v;
};

/** A JSON key the body may carry: not `model` (the model id goes there), nothing an object inherits. */
export const FIELD_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;
const RESERVED_KEYS = new Set(['model', 'content', '__proto__', 'constructor', 'prototype']);

export const FIELD_DEF_KEYS = ['type', 'label', 'values', 'min', 'max', 'maxLength', 'maxItems', 'assets', 'default', 'required'] as const;
const NUMERIC: readonly FieldType[] = ['integer', 'number'];
const CHOICES: readonly FieldType[] = ['string', ...NUMERIC];
const TEXTUAL: readonly FieldType[] = ['text', 'string'];
const URL_LISTS: readonly FieldType[] = ['imageUrls', 'videoUrls', 'audioUrls'];
const URLS: readonly FieldType[] = ['imageUrl', 'videoUrl', ...URL_LISTS];

/** `key` may appear only on fields of these types. */
function onlyFor(def: Json, key: string, types: readonly FieldType[], type: FieldType, path: string): void {
  if (def[key] !== undefined && !types.includes(type)) throw new EntryProblem(`${path}.${key}`, t('applies only to fields of type {0}', types.join(', ')));
}

function valuesAt(v: unknown, type: FieldType, path: string): (string | number)[] {
  const fits = (x: unknown) => (type === 'string' ? typeof x === 'string' : type === 'integer' ? Number.isSafeInteger(x) : typeof x === 'number' && Number.isFinite(x));
  if (!Array.isArray(v) || v.length === 0 || v.length > 100 || !v.every(fits)) {
    throw new EntryProblem(path, t('must be a list of 1 to 100 values of type {0}', type));
  }
  if (new Set(v).size !== v.length) throw new EntryProblem(path, t('lists a value twice'));
  return v as (string | number)[];
}

export function fieldSpecAt(key: string, v: unknown, path: string): FieldSpec {
  if (!FIELD_KEY.test(key) || RESERVED_KEYS.has(key)) throw new EntryProblem(path, t('is not a usable field name (letters, digits, _ . -; not model or content)'));
  const def = objectAt(v, path);
  onlyKeys(def, FIELD_DEF_KEYS, path);
  if (!FIELD_TYPES.includes(def.type as FieldType)) throw new EntryProblem(`${path}.type`, t('must be one of: {0}', FIELD_TYPES.join(', ')));
  const type = def.type as FieldType;
  onlyFor(def, 'values', CHOICES, type, path);
  onlyFor(def, 'min', NUMERIC, type, path);
  onlyFor(def, 'max', NUMERIC, type, path);
  onlyFor(def, 'maxLength', TEXTUAL, type, path);
  onlyFor(def, 'maxItems', URL_LISTS, type, path);
  onlyFor(def, 'assets', URLS, type, path);
  const spec: FieldSpec = { key, type };
  if (def.label !== undefined) spec.label = textAt(def.label, `${path}.label`);
  if (def.values !== undefined) spec.values = valuesAt(def.values, type, `${path}.values`);
  if (def.min !== undefined) spec.min = finiteNumber(def.min, `${path}.min`);
  if (def.max !== undefined) spec.max = finiteNumber(def.max, `${path}.max`);
  if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) throw new EntryProblem(`${path}.min`, t('is greater than max'));
  if (def.maxLength !== undefined) spec.maxLength = positiveInteger(def.maxLength, `${path}.maxLength`);
  if (def.maxItems !== undefined) spec.maxItems = positiveInteger(def.maxItems, `${path}.maxItems`);
  for (const flag of ['assets', 'required'] as const) {
    if (def[flag] === undefined) continue;
    if (typeof def[flag] !== 'boolean') throw new EntryProblem(`${path}.${flag}`, t('must be true or false'));
    spec[flag] = def[flag];
  }
  if (def.default !== undefined) {
    const checked = checkValue(spec, def.default);
    if ('error' in checked) {
      const why = fieldErrorMessage({ field: key, code: checked.error }, { fields: [spec] });
      throw new EntryProblem(`${path}.default`, t('does not fit the field: {0}', why));
    }
    if (checked.value !== undefined) spec.default = checked.value;
  }
  return spec;
}
