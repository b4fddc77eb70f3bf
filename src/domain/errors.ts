// Turns every way a request can fail into one readable sentence: the operation, where, the HTTP
// status and the service's own words. Never includes the key, even when a gateway echoes it back.
import { t } from '../util/l10n';
import { redact } from '../util/log';
import { headChars, longerThan } from '../util/text';

export type Operation = 'create' | 'query' | 'download';

/**
 * notSent: the request provably never reached the service (connection not opened) — safe to retry.
 * lost: it may have reached the service (dropped connection, timeout) — the outcome is unknown.
 * http: the service answered with an error status. malformed: the reply could not be understood.
 */
export type ApiErrorKind = 'notSent' | 'lost' | 'timeout' | 'http' | 'malformed';

export class ApiError extends Error {
  /** The service's words (or the failure code), with the key and any bearer token removed. */
  readonly detail: string;
  constructor(
    readonly kind: ApiErrorKind,
    readonly operation: Operation,
    readonly url: string,
    detail: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    // Gateways echo the token they refused ("invalid token: sk-…"); the message is shown and logged.
    super(describe(kind, operation, url, redact(detail), status));
    this.detail = redact(detail);
    this.name = 'ApiError';
  }

  /** True when the service cannot have acted on the request. */
  get provablyNotSent(): boolean {
    return this.kind === 'notSent' || this.status === 429;
  }
}

function operationLabel(op: Operation): string {
  switch (op) {
    case 'create':
      return t('Creating the video task');
    case 'query':
      return t('Checking the task');
    case 'download':
      return t('Downloading the video');
  }
}

function describe(kind: ApiErrorKind, op: Operation, url: string, detail: string, status?: number): string {
  const what = operationLabel(op);
  switch (kind) {
    case 'notSent':
      return t('{0} failed: could not connect to {1} ({2}).', what, url, detail);
    case 'lost':
      return t('{0} failed: the connection to {1} was lost ({2}).', what, url, detail);
    case 'timeout':
      return t('{0} failed: {1} did not answer in time ({2}).', what, url, detail);
    case 'http':
      return detail
        ? t('{0} failed: HTTP {1} from {2}: {3}', what, status ?? 0, url, detail)
        : t('{0} failed: HTTP {1} from {2}.', what, status ?? 0, url);
    case 'malformed':
      return t('{0} failed: the reply from {1} could not be understood ({2}).', what, url, detail);
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The service's own error message from any of the error shapes in docs/protocol.md ("Errors and how they read"), or '' if none. */
export function serviceMessage(body: string, contentType: string | undefined): string {
  const text = body.trim();
  if (!text) return '';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    const err = o.error;
    const fromError =
      str(err) ?? (err && typeof err === 'object' ? str((err as Record<string, unknown>).message) : undefined);
    const msg = fromError ?? str(o.msg) ?? str(o.message) ?? str(o.detail);
    if (msg) return clean(msg);
    const data = o.data;
    if (data && typeof data === 'object') return serviceMessage(JSON.stringify(data), 'application/json');
    return '';
  }
  if (/html/i.test(contentType ?? '') || /^<!doctype|^<html/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1];
    return title ? clean(title) : '';
  }
  return clean(text);
}

/**
 * Collapses whitespace and control characters and caps the length, so a reply can't flood the UI.
 * The key goes first: a cut through it would leave a prefix that redaction no longer recognises.
 */
export function clean(s: string, max = 300): string {
  const flat = redact(s).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return longerThan(flat, max) ? `${headChars(flat, max)}…` : flat;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown): boolean => v !== undefined && v !== null;
const ID_KEYS = ['id', 'task_id', 'taskId'];
/** Codes that mean "success" in the envelopes gateways wrap replies in. */
const SUCCESS_CODES = new Set(['0', '200', 'ok', 'success']);
/** What a success envelope says when it holds nothing: not a reason the service refused. */
const SUCCESS_WORDS = /^(ok|success|succeeded|成功)$/i;

/** True when the object, or a data wrapper in it, names a task: then it is a task reply, not an envelope. */
function carriesTask(o: Record<string, unknown>, depth = 0): boolean {
  if ('status' in o || ID_KEYS.some((k) => k in o)) return true;
  return depth < 2 && isObject(o.data) && carriesTask(o.data, depth + 1);
}

/**
 * An error envelope even with HTTP 200 (docs/protocol.md "Querying a task"): {"code":401,"msg":…},
 * {"code":"500","msg":…}, {"error":{…}} or {"error":"…"}, and a success code wrapped around no data
 * but a message, {"code":0,"data":null,"msg":"余额不足"}. Never a reply that names a task.
 */
export function envelopeError(json: unknown): string | undefined {
  if (!isObject(json) || carriesTask(json)) return undefined;
  const o = json;
  const words = (): string => serviceMessage(JSON.stringify(o), 'application/json');
  const code = typeof o.code === 'number' || (typeof o.code === 'string' && o.code.trim()) ? String(o.code).trim() : undefined;
  if (code !== undefined && !SUCCESS_CODES.has(code.toLowerCase())) return words() || `code ${clean(code, 50)}`;
  if (isObject(o.error) || (typeof o.error === 'string' && o.error.trim())) return words() || 'error';
  if (code !== undefined && !present(o.data)) {
    const msg = words();
    if (msg && !SUCCESS_WORDS.test(msg)) return msg;
  }
  return undefined;
}
