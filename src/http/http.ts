// One undici request with a deadline, a capped body read, and every failure classified by whether
// the service may have received it (which decides whether a paid create may be retried).
import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { ApiError, clean, serviceMessage, type Operation } from '../domain/errors';
import { redact, trimForLog, type Log } from '../util/log';
import { t } from '../util/l10n';

/** Errors raised before a single byte could reach the service. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UND_ERR_PRX_TLS',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export const MAX_REPLY_BYTES = 1024 * 1024;

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  contentType?: string;
}

export interface HttpCall {
  operation: Operation;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  dispatcher: Dispatcher;
  log: Log;
}

function errorCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return '';
}

export function classifyFailure(e: unknown, op: Operation, url: string): ApiError {
  if (e instanceof ApiError) return e;
  const code = errorCode(e);
  const name = (e as { name?: string })?.name ?? '';
  // undici reports a refused tunnel as UND_ERR_ABORTED; the proxy's status is what the user needs (407: credentials).
  const proxyStatus = /Proxy response \((\d+)\)/.exec(String((e as Error)?.message))?.[1];
  if (proxyStatus) return new ApiError('notSent', op, url, t('the proxy answered HTTP {0}', proxyStatus));
  const detail = clean(code || (e as Error)?.message || String(e), 120);
  if (NOT_SENT_CODES.has(code) || name === 'ProxyError') {
    return new ApiError('notSent', op, url, detail);
  }
  if (TIMEOUT_CODES.has(code) || name === 'TimeoutError') return new ApiError('timeout', op, url, detail);
  return new ApiError('lost', op, url, detail);
}

export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) {
      chunks.push(buf.subarray(0, buf.length - (size - max)));
      body.destroy();
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(buf);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

export async function httpCall(c: HttpCall): Promise<HttpReply> {
  const started = Date.now();
  let reply: HttpReply;
  try {
    const res = await undici().request(c.url, {
      method: c.method,
      headers: c.headers,
      body: c.body,
      dispatcher: c.dispatcher,
      signal: AbortSignal.timeout(c.timeoutMs),
      headersTimeout: c.timeoutMs,
      bodyTimeout: c.timeoutMs,
    });
    const { text, truncated } = await readCapped(res.body, MAX_REPLY_BYTES);
    const ct = res.headers['content-type'];
    reply = { status: res.statusCode, headers: res.headers, text, contentType: Array.isArray(ct) ? ct[0] : ct };
    c.log.info(`${c.method} ${c.url} → ${res.statusCode} in ${Date.now() - started} ms: ${trimForLog(redact(text), 1000)}`);
    if (truncated) throw new ApiError('malformed', c.operation, c.url, `reply larger than ${MAX_REPLY_BYTES} bytes`);
  } catch (e) {
    const err = classifyFailure(e, c.operation, c.url);
    c.log.warn(`${c.method} ${c.url} failed after ${Date.now() - started} ms (${err.kind}): ${err.detail}`);
    throw err;
  }
  if (reply.status < 200 || reply.status >= 300) {
    throw new ApiError(
      'http',
      c.operation,
      c.url,
      serviceMessage(reply.text, reply.contentType),
      reply.status,
      retryAfterMs(reply.headers['retry-after']),
    );
  }
  return reply;
}
