// Parses create and query replies tolerantly (docs/protocol.md "Querying a task") into one snapshot shape.
import * as z from 'zod';
import { clean } from '../domain/errors';
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
  created?: number;
  model?: string;
}

const errorField = z.union([
  z.string(),
  z.object({ message: z.string().optional(), code: z.union([z.string(), z.number()]).optional() }).loose(),
  z.null(),
]);

const replySchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    status: z.string().min(1).max(100),
    video_url: z.string().nullish(),
    result_url: z.string().nullish(),
    url: z.string().nullish(),
    error: errorField.optional(),
    actualDuration: z.number().nullish(),
    amount: z.union([z.number(), z.string()]).nullish(),
    created: z.number().nullish(),
    model: z.string().nullish(),
  })
  .loose();

const COMPLETED = new Set(['completed', 'succeeded', 'success', 'succeed', 'done', 'finished']);
const FAILED = new Set(['failed', 'failure', 'error', 'cancelled', 'canceled']);
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

function unwrap(json: unknown): unknown {
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>;
    if (!('status' in o) && o.data && typeof o.data === 'object' && !Array.isArray(o.data)) return o.data;
  }
  return json;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export type ParseResult = { ok: true; snapshot: TaskSnapshot } | { ok: false; reason: string };

export function parseTaskReply(json: unknown): ParseResult {
  const r = replySchema.safeParse(unwrap(json));
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, reason: `${issue.path.join('.') || 'reply'}: ${issue.message}` };
  }
  const d = redactReply(r.data);
  const status = d.status.trim().toLowerCase();
  const snapshot: TaskSnapshot = { id: d.id, status, state: stateOf(status) };
  const url = [d.video_url, d.result_url, d.url].find((u): u is string => typeof u === 'string' && u.trim() !== '');
  if (url) {
    if (isHttpUrl(url.trim())) snapshot.videoUrl = url.trim();
    else snapshot.error = clean(`video URL is not http(s): ${url}`);
  }
  if (d.error) {
    const msg = typeof d.error === 'string' ? d.error : d.error.message ?? (d.error.code ? `code ${d.error.code}` : '');
    if (msg && msg.trim()) snapshot.error = clean(msg);
  }
  if (typeof d.actualDuration === 'number' && Number.isFinite(d.actualDuration)) snapshot.actualDuration = d.actualDuration;
  const amount = typeof d.amount === 'string' ? Number(d.amount) : d.amount;
  if (typeof amount === 'number' && Number.isFinite(amount)) snapshot.amount = amount;
  if (typeof d.created === 'number' && Number.isFinite(d.created)) snapshot.created = d.created;
  if (d.model) snapshot.model = clean(d.model, 100);
  if (snapshot.state === 'completed' && !snapshot.videoUrl) {
    // docs/protocol.md "Status words": completed without a video URL is not a success.
    snapshot.state = 'failed';
    snapshot.error ??= t('The service reported the task as completed but sent no video URL.');
  }
  snapshot.id = d.id.slice(0, 500);
  return { ok: true, snapshot };
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
