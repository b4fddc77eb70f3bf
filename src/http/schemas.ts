// Parses create and query replies tolerantly (docs/protocol.md "Querying a task") into one snapshot
// shape. Only what names the task is required: a usable id and, for a query, a status. Every other
// field is read on its own; one that cannot be read is dropped and named for the log. A create
// reply thrown away over a detail would turn a created (and paid-for) task into "outcome unknown".
import * as z from 'zod';
import { clean } from '../domain/errors';
import { MAX_TASK_ID, usableTaskId } from '../domain/endpoints';
import { t } from '../util/l10n';
import { redact } from '../util/log';

export type TaskState = 'queued' | 'processing' | 'completed' | 'failed' | 'other';

export interface TaskSnapshot {
  id: string;
  /** The status as the service wrote it, lower-cased. */
  status: string;
  state: TaskState;
  videoUrl?: string;
  error?: string;
  actualDuration?: number;
  amount?: number;
  /** Seedance 2.0 and Vidu report the tokens a finished task used. */
  totalTokens?: number;
  created?: number;
  model?: string;
}

const COMPLETED = new Set(['completed', 'succeeded', 'success', 'succeed', 'done', 'finished']);
const CANCELLED = new Set(['cancelled', 'canceled']);
const FAILED = new Set(['failed', 'failure', 'error', ...CANCELLED]);
const PROCESSING = new Set(['processing', 'in_progress', 'running', 'generating']);
const QUEUED = new Set(['queued', 'pending', 'submitted', 'waiting']);

export function stateOf(status: string): TaskState {
  const s = status.toLowerCase();
  if (COMPLETED.has(s)) return 'completed';
  if (FAILED.has(s)) return 'failed';
  if (PROCESSING.has(s)) return 'processing';
  if (QUEUED.has(s)) return 'queued';
  return 'other';
}

/** Where gateways put the task id, in order of preference. */
const ID_KEYS = ['id', 'task_id', 'taskId'] as const;
/**
 * Shape B's id, `{code: "0", msg, data: {projectId}}` (Videos, SD2 Manxue): read only when no key
 * above is present, as the provider says to use `id` when there is one.
 */
const PROJECT_ID = 'projectId';
const URL_KEYS = ['video_url', 'result_url', 'url'] as const;
/** A create reply that names the task but no readable status: the service took it. */
const CREATED_STATUS = 'submitted';

/** Text from the service that is kept: the key removed, flattened, bounded. */
const said = (s: string, max = 300): string => clean(redact(s), max);

const numberish = z
  .union([z.number(), z.string().trim().regex(/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/).transform(Number)])
  .pipe(z.number().finite());
const idValue = z.union([z.string(), z.number().finite().transform(String)]);
const statusValue = z.string().transform((s) => said(s, 100).toLowerCase()).pipe(z.string().min(1));
const textValue = z.string();
const codeText = (c: unknown): string =>
  (typeof c === 'number' && Number.isFinite(c)) || (typeof c === 'string' && c.trim()) ? `code ${String(c).trim()}` : '';
/** The reason text of an error field; '' when it holds none (null, '', {}, {message: null}). */
const errorValue = z.union([
  z.string(),
  z.number().transform(codeText),
  z
    .object({})
    .loose()
    .transform((e) => {
      for (const k of ['message', 'msg']) if (typeof e[k] === 'string' && e[k].trim()) return e[k];
      return codeText(e.code);
    }),
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown): boolean => v !== undefined && v !== null;
const typeName = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v);
/** An error object with nothing in it ({}, {message: null, code: ""}) is how some gateways say "no error". */
const emptyish = (v: unknown): boolean => v === '' || (isObject(v) && Object.values(v).every((x) => !present(x) || x === ''));

/** The object that holds the task: the reply itself or its data wrapper ({code,data}, {status:"success",data}, nested). */
export function taskObject(json: unknown): Record<string, unknown> | undefined {
  let o = json;
  for (let depth = 0; depth < 3 && isObject(o); depth++) {
    if ([...ID_KEYS, PROJECT_ID].some((k) => present((o as Record<string, unknown>)[k])) || !isObject(o.data)) return o;
    o = o.data;
  }
  return isObject(o) ? o : undefined;
}

export interface ParseOptions {
  /** A create reply: the id alone identifies the task (an unreadable status reads as submitted). */
  statusOptional?: boolean;
}

export type ParseResult =
  | { ok: true; snapshot: TaskSnapshot; /** Optional fields that could not be read, for the log. */ dropped: string[] }
  | { ok: false; reason: string };

function readId(o: Record<string, unknown>): { id: string } | { reason: string } {
  let reason: string | undefined;
  const keys = ID_KEYS.some((k) => present(o[k])) ? ID_KEYS : [PROJECT_ID];
  for (const key of keys) {
    if (!present(o[key])) continue;
    const r = idValue.safeParse(o[key]);
    const raw = r.success ? r.data : undefined;
    const id = raw === undefined ? undefined : usableTaskId(raw);
    if (id !== undefined) return { id };
    reason ??=
      raw === undefined
        ? `${key}: not a string or a number (${typeName(o[key])})`
        : raw.length > MAX_TASK_ID
          ? `${key}: unusable task id (longer than ${MAX_TASK_ID} characters)`
          : `${key}: unusable task id "${said(raw, 50)}"`;
  }
  return { reason: reason ?? 'id: missing' };
}

export function parseTaskReply(json: unknown, options: ParseOptions = {}): ParseResult {
  // The key leaves every string of the reply before anything below trims, lower-cases or stores it.
  const found = taskObject(json);
  const o = found && redactReply(found);
  if (!o) return { ok: false, reason: `reply: not an object (${json === null ? 'null' : typeName(json)})` };
  const idResult = readId(o);
  if ('reason' in idResult) return { ok: false, reason: idResult.reason };
  const dropped: string[] = [];
  const read = <T>(key: string, schema: z.ZodType<T>): T | undefined => {
    const v = o[key];
    if (!present(v)) return undefined;
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    dropped.push(`${key} (${typeName(v)})`);
    return undefined;
  };

  let status = read('status', statusValue);
  if (status === undefined) {
    if (!options.statusOptional) return { ok: false, reason: `status: ${present(o.status) ? `unreadable (${typeName(o.status)})` : 'missing'}` };
    if (!present(o.status)) dropped.push('status (missing)');
    status = CREATED_STATUS;
  }
  const snapshot: TaskSnapshot = { id: idResult.id, status, state: stateOf(status) };

  const url = URL_KEYS.map((k) => read(k, textValue)).find((u) => u !== undefined && u.trim() !== '');
  if (url) {
    if (isHttpUrl(url.trim())) snapshot.videoUrl = url.trim();
    else snapshot.error = clean(`video URL is not http(s): ${url}`);
  }
  const errorText = read('error', errorValue);
  if (errorText?.trim()) snapshot.error = said(errorText);
  else if (present(o.error) && !emptyish(o.error) && errorText !== undefined) dropped.push(`error (${typeName(o.error)} without a message)`);
  const errorUnreadable = present(o.error) && !emptyish(o.error) && !errorText?.trim();

  const actualDuration = read('actualDuration', numberish);
  if (actualDuration !== undefined) snapshot.actualDuration = actualDuration;
  const amount = read('amount', numberish);
  if (amount !== undefined) snapshot.amount = amount;
  const totalTokens = read('totalTokens', numberish);
  if (totalTokens !== undefined) snapshot.totalTokens = totalTokens;
  const created = read('created', numberish);
  if (created !== undefined) snapshot.created = created;
  const model = read('model', textValue);
  if (model?.trim()) snapshot.model = said(model, 100);

  if (snapshot.state === 'other' && errorText?.trim()) {
    // A status word this extension does not know, sent with a reason: the service gave up on it.
    snapshot.state = 'failed';
  }
  if (snapshot.state === 'completed' && !snapshot.videoUrl) {
    // docs/protocol.md "Status words": completed without a video URL is not a success.
    snapshot.state = 'failed';
    snapshot.error ??= t('The service reported the task as completed but sent no video URL.');
  }
  if (snapshot.state === 'failed' && !snapshot.error && errorUnreadable) {
    snapshot.error = t('The service reported the task as failed, but its reason could not be read.');
  }
  if (snapshot.state === 'failed' && !snapshot.error && CANCELLED.has(snapshot.status)) {
    // Seedance 1.5's final word besides completed and failed; no cancel endpoint exists, so the service did it.
    snapshot.error = t('The service cancelled the task.');
  }
  return { ok: true, snapshot, dropped };
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

// ---- Redaction (kept apart from the parsing above) --------------------------------------------
// Every string of a reply becomes task data (error, status word, video URL, model, id) and from
// there reaches the store, the archive log, the tree, notifications and the log. The key leaves
// here, on the parsed reply, before anything above trims, lower-cases or stores a string.

/** The reply with the key (and any bearer token) removed from every string in it. */
export function redactReply<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  // Only a reply's own fields and the error object matter; deeper values are never read.
  if (depth >= 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactReply(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactReply(v, depth + 1);
  return out as T;
}
