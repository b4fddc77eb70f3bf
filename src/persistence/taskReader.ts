// Reads a stored value as a task: the exact shape of domain/task.ts, unknown keys dropped, anything
// else refused with the path of the first problem. Written by hand, not with zod, because every
// window reads its stored tasks at activation and zod's schemas cost more there than the whole
// activation goal (BENCHMARKS.md); test/unit/taskReader.test.ts checks it against a zod schema.
import { ASPECT_RATIOS, MODELS, SECONDS } from '../domain/request';
import { DOWNLOAD_STATES, PHASES, UNREPORTABLE, type DownloadInfo, type PollInfo, type Task, type ModelTaskSettings, type SoraTaskSettings, type TaskSettings } from '../domain/task';
import type { FieldValue } from '../domain/models/profile';

class Unreadable extends Error {}

type Fields = Record<string, unknown>;
type Read<T> = (value: unknown, path: string) => T;

function fail(path: string, expected: string): never {
  throw new Unreadable(`${path || '(task)'}: expected ${expected}`);
}

const record: Read<Fields> = (v, p) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields) : fail(p, 'an object'));
const string: Read<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string'));
const number: Read<number> = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a finite number'));
const integer =
  (min: number): Read<number> =>
  (v, p) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min ? v : fail(p, `an integer ≥ ${min}`);
const oneOf =
  <T extends string | number>(values: readonly T[]): Read<T> =>
  (v, p) =>
    values.includes(v as T) ? (v as T) : fail(p, `one of ${values.join(', ')}`);
const listOf =
  <T>(item: Read<T>): Read<T[]> =>
  (v, p) =>
    // Array.from, not map: map skips the holes of a sparse array.
    Array.isArray(v) ? Array.from(v as unknown[], (x, i) => item(x, `${p}.${i}`)) : fail(p, 'an array');

/** `{ [key]: value }` when the field is present, `{}` when it is absent, for spreading. */
function optional<K extends string, T>(o: Fields, key: K, read: Read<T>, at: string): Partial<Record<K, T>> {
  const v = o[key];
  return v === undefined ? {} : ({ [key]: read(v, `${at}${key}`) } as Partial<Record<K, T>>);
}

function soraSettings(o: Fields, p: string): SoraTaskSettings {
  return {
    prompt: string(o.prompt, `${p}.prompt`),
    model: oneOf(MODELS)(o.model, `${p}.model`),
    aspectRatio: oneOf(ASPECT_RATIOS)(o.aspectRatio, `${p}.aspectRatio`),
    seconds: oneOf(SECONDS)(o.seconds, `${p}.seconds`),
    ...optional(o, 'referenceImage', string, `${p}.`),
  };
}

const fieldValue: Read<FieldValue> = (v, p) =>
  typeof v === 'string' || typeof v === 'boolean' ? v : Array.isArray(v) ? listOf(string)(v, p) : number(v, p);

function fieldValues(v: unknown, p: string): Record<string, FieldValue> {
  const o = record(v, p);
  const out: Record<string, FieldValue> = {};
  // No field is named __proto__ (customFields.ts refuses it); assigning one would replace the prototype.
  for (const [k, x] of Object.entries(o)) if (k !== '__proto__') out[k] = fieldValue(x, `${p}.${k}`);
  return out;
}

function modelSettings(o: Fields, p: string): ModelTaskSettings {
  return {
    prompt: string(o.prompt, `${p}.prompt`),
    model: string(o.model, `${p}.model`),
    family: string(o.family, `${p}.family`),
    familyLabel: string(o.familyLabel, `${p}.familyLabel`),
    fields: fieldValues(o.fields, `${p}.fields`),
    typicalMs: number(o.typicalMs, `${p}.typicalMs`),
  };
}

/**
 * Any model's settings, else Sora's (the shape every stored Sora task has): the first shape that
 * reads wins, as in a union of the two. The problem named is that of the shape the value looks
 * like, by whether it has `fields`.
 */
function settings(v: unknown, p: string): TaskSettings {
  const o = record(v, p);
  // Without fields only Sora's shape can read, so it is read at once: trying the other shape first
  // threw (and dropped) an exception per stored Sora task, 2,000 in a long history, whose garbage the
  // collector then cleared during the tree build that follows the read.
  if (o.fields === undefined) return soraSettings(o, p);
  let problem: unknown;
  try {
    return modelSettings(o, p);
  } catch (e) {
    problem = e;
  }
  try {
    return soraSettings(o, p);
  } catch {
    throw problem;
  }
}

function poll(v: unknown, p: string): PollInfo {
  const o = record(v, p);
  const refused = (r: unknown, at: string) => {
    const f = record(r, at);
    return { status: integer(Number.MIN_SAFE_INTEGER)(f.status, `${at}.status`), count: integer(1)(f.count, `${at}.count`) };
  };
  return {
    errors: integer(0)(o.errors, `${p}.errors`),
    ...optional(o, 'lastAt', number, `${p}.`),
    ...optional(o, 'retryAfterMs', number, `${p}.`),
    ...optional(o, 'lastError', string, `${p}.`),
    ...optional(o, 'refused', refused, `${p}.`),
  };
}

function download(v: unknown, p: string): DownloadInfo {
  const o = record(v, p);
  return {
    state: oneOf(DOWNLOAD_STATES)(o.state, `${p}.state`),
    ...optional(o, 'path', string, `${p}.`),
    ...optional(o, 'error', string, `${p}.`),
    attempts: integer(0)(o.attempts, `${p}.attempts`),
    ...optional(o, 'nextAt', number, `${p}.`),
    ...optional(o, 'startedAt', number, `${p}.`),
  };
}

function task(v: unknown): Task {
  const o = record(v, '');
  const localId = string(o.localId, 'localId');
  if (localId.length === 0) fail('localId', 'a non-empty string');
  return {
    localId,
    ...optional(o, 'remoteId', string, ''),
    phase: oneOf(PHASES)(o.phase, 'phase'),
    status: string(o.status, 'status'),
    settings: settings(o.settings, 'settings'),
    createdAt: number(o.createdAt, 'createdAt'),
    updatedAt: number(o.updatedAt, 'updatedAt'),
    ...optional(o, 'videoUrl', string, ''),
    ...optional(o, 'completedAt', number, ''),
    ...optional(o, 'actualDuration', number, ''),
    ...optional(o, 'amount', number, ''),
    ...optional(o, 'totalTokens', number, ''),
    ...optional(o, 'error', string, ''),
    poll: poll(o.poll, 'poll'),
    ...optional(o, 'download', download, ''),
    ...optional(o, 'unreported', listOf(oneOf(UNREPORTABLE)), ''),
    ...optional(o, 'linkWarnedAt', number, ''),
  };
}

/** The task a stored value holds, or why it is unreadable ("settings.model: expected one of …"). */
export function readTask(value: unknown): { task: Task } | { problem: string } {
  try {
    return { task: task(value) };
  } catch (e) {
    if (e instanceof Unreadable) return { problem: e.message };
    throw e;
  }
}
