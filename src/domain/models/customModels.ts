// sora.customModels: the user's own model profiles, parsed strictly. Each entry adds a model to a
// built-in family (`family`), corrects a built-in model (its `id`), or starts a family of its own
// (a `createPath`), without a release. An entry with a problem is left out and named: which entry,
// which key, and why, for one message to the user; nothing is ever sent with it.
import { t } from '../../util/l10n';
import { BUILT_IN_FAMILIES, BUILT_IN_PROFILES } from './catalogue';
import { EntryProblem, FIELD_KEY, fieldSpecAt, isObject, objectAt, onlyKeys, textAt, type Json } from './customFields';
import { prompt } from './fields';
import { narrow, profileOf, type FieldSpec, type ModelProfile, type ReplyShape, type Rule } from './profile';

export const MAX_CUSTOM_MODELS = 100;
export const ENTRY_KEYS = ['id', 'label', 'family', 'familyLabel', 'createPath', 'fields', 'exclusive', 'needs', 'anyOf', 'reply', 'typicalMinutes'] as const;
/** Model ids as the provider writes them: `viduq3-pro`, `happyhorse-1.0-t2v`, `seedance_2_0`. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
/** A path on the base URL: one leading slash, no query, fragment, backslash or dot segment. */
const CREATE_PATH = /^\/(?!\/)[A-Za-z0-9._~%!$&'()*+,;=:@/-]{0,199}$/;
const DEFAULT_TYPICAL_MINUTES = 5;

export interface CustomModelProblem {
  /** The entry's place in the setting, from 0; -1 for the setting as a whole. */
  index: number;
  id?: string;
  /** Where in the entry, e.g. `fields.mood.default`; '' for the entry itself. */
  path: string;
  reason: string;
}

export interface CustomModels {
  profiles: ModelProfile[];
  problems: CustomModelProblem[];
}

/** What an entry builds on: the built-in model it corrects, or a fresh model of the family it joins. */
function baseOf(id: string, family: string | undefined): ModelProfile | undefined {
  const builtIn = BUILT_IN_PROFILES.find((p) => p.id === id);
  if (builtIn && (family === undefined || family === builtIn.family)) return builtIn;
  const f = BUILT_IN_FAMILIES.find((x) => x.family === family);
  return f && profileOf(f, { id, label: id });
}

function createPathAt(v: unknown): string {
  const path = textAt(v, 'createPath');
  if (!CREATE_PATH.test(path) || path.split('/').some((s) => s === '.' || s === '..')) {
    throw new EntryProblem('createPath', t('must be a path on sora.baseUrl, such as /v1/acme/videos'));
  }
  return path;
}

/** The entry's fields over the base's: a field given replaces the base's of that key (keeping its place in a content array); null removes it. */
function fieldsOf(o: Json, base: readonly FieldSpec[]): FieldSpec[] {
  const fields = [...base];
  if (o.fields === undefined) return fields;
  for (const [key, def] of Object.entries(objectAt(o.fields, 'fields'))) {
    const at = fields.findIndex((s) => s.key === key);
    if (def === null) {
      if (at < 0 || key === 'prompt') throw new EntryProblem(`fields.${key}`, t('can only remove a field the model has, other than prompt'));
      fields.splice(at, 1);
      continue;
    }
    const spec = fieldSpecAt(key, def, `fields.${key}`);
    if (at < 0) fields.push(spec);
    else fields[at] = base[at].content ? { ...spec, content: base[at].content } : spec;
  }
  return fields;
}

function keysAt(v: unknown, path: string, has: ReadonlySet<string>): string[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((k) => typeof k === 'string')) throw new EntryProblem(path, t('must be a list of field names'));
  const unknown = (v).find((k) => !has.has(k));
  if (unknown !== undefined) throw new EntryProblem(path, t('names no field of this model: {0}', unknown));
  return v;
}

function rulesOf(o: Json, fields: readonly FieldSpec[]): Rule[] {
  const has = new Set(fields.map((s) => s.key));
  const rules: Rule[] = [];
  if (o.exclusive !== undefined) {
    if (!Array.isArray(o.exclusive) || o.exclusive.length < 2) throw new EntryProblem('exclusive', t('must be a list of at least two groups of field names'));
    rules.push({ kind: 'exclusive', groups: o.exclusive.map((g, i) => keysAt(g, `exclusive.${i}`, has)) });
  }
  if (o.needs !== undefined) {
    for (const [field, needs] of Object.entries(objectAt(o.needs, 'needs'))) {
      const [a, b] = keysAt([field, needs], `needs.${field}`, has);
      if (a === b) throw new EntryProblem(`needs.${field}`, t('must name another field'));
      rules.push({ kind: 'needs', field: a, needs: b });
    }
  }
  if (o.anyOf !== undefined) rules.push({ kind: 'anyOf', fields: keysAt(o.anyOf, 'anyOf', has) });
  return rules;
}

function repliesAt(v: unknown): ReplyShape[] {
  const list: unknown[] = Array.isArray(v) ? v : [v];
  if (list.length === 0 || !list.every((x) => x === 'A' || x === 'B')) throw new EntryProblem('reply', t('must be "A", "B" or a list of them'));
  return [...new Set(list as ReplyShape[])];
}

function typicalMsAt(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 24 * 60) throw new EntryProblem('typicalMinutes', t('must be a number of minutes above 0, at most 1440'));
  return v * 60_000;
}

function entryProfile(o: Json, id: string): ModelProfile {
  onlyKeys(o, ENTRY_KEYS, '');
  const family = o.family === undefined ? undefined : textAt(o.family, 'family', 100);
  if (family !== undefined && !FIELD_KEY.test(family)) throw new EntryProblem('family', t('must be a name of letters, digits, _ . -'));
  const base = baseOf(id, family);
  const createPath = o.createPath !== undefined ? createPathAt(o.createPath) : base?.createPath;
  if (createPath === undefined) throw new EntryProblem('createPath', t('is required for a model of a new family'));
  if (!base && o.fields === undefined) throw new EntryProblem('fields', t('is required for a model of a new family'));
  const fields = fieldsOf(o, base?.fields ?? [prompt()]);
  const has = new Set(fields.map((s) => s.key));
  return {
    family: base?.family ?? family ?? 'custom',
    familyLabel: o.familyLabel !== undefined ? textAt(o.familyLabel, 'familyLabel') : base?.familyLabel ?? family ?? t('Custom models'),
    id,
    label: o.label !== undefined ? textAt(o.label, 'label') : base && base.id === id && base.label !== id ? base.label : id,
    createPath,
    body: base?.body ?? 'flat',
    fields,
    rules: [...(base?.rules ?? []).flatMap((r) => narrow(r, has) ?? []), ...rulesOf(o, fields)],
    replies: o.reply !== undefined ? repliesAt(o.reply) : base?.replies ?? ['A'],
    typicalMs: o.typicalMinutes !== undefined ? typicalMsAt(o.typicalMinutes) : base?.typicalMs ?? DEFAULT_TYPICAL_MINUTES * 60_000,
  };
}

/** The setting's value as profiles, and a problem for each entry left out. */
export function parseCustomModels(value: unknown): CustomModels {
  const out: CustomModels = { profiles: [], problems: [] };
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value)) return { ...out, problems: [{ index: -1, path: '', reason: t('must be a list of models') }] };
  const taken = new Map<string, number>();
  for (const [index, entry] of (value as unknown[]).entries()) {
    const id = isObject(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    try {
      if (index >= MAX_CUSTOM_MODELS) throw new EntryProblem('', t('is one more than the {0} models the setting may hold', MAX_CUSTOM_MODELS));
      const o = objectAt(entry, '');
      const valid = textAt(o.id, 'id');
      if (!MODEL_ID.test(valid)) throw new EntryProblem('id', t('must be a model id of letters, digits, _ . : -'));
      if (taken.has(valid)) throw new EntryProblem('id', t('is already used by entry {0}', (taken.get(valid) ?? 0) + 1));
      taken.set(valid, index);
      out.profiles.push(entryProfile(o, valid));
    } catch (e) {
      if (!(e instanceof EntryProblem)) throw e;
      out.problems.push({ index, ...(id !== undefined ? { id } : {}), path: e.path, reason: e.reason });
    }
  }
  return out;
}

/** One problem in words: "sora.customModels entry 2 ("acme_v1"), fields.mood.default: …". */
export function describeProblem(p: CustomModelProblem): string {
  if (p.index < 0) return t('sora.customModels {0}', p.reason);
  const entry = p.id !== undefined ? t('entry {0} ("{1}")', p.index + 1, p.id) : t('entry {0}', p.index + 1);
  return p.path ? t('sora.customModels {0}, {1}: {2}', entry, p.path, p.reason) : t('sora.customModels {0}: {1}', entry, p.reason);
}

/** Every problem in one message, or undefined when there is none. */
export function customModelsMessage(problems: readonly CustomModelProblem[]): string | undefined {
  if (problems.length === 0) return undefined;
  return t('These custom models are left out, and nothing is sent with them: {0}', problems.map(describeProblem).join(' · '));
}
