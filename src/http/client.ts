// The video API: create a task (never retried once it may have reached the service) and query one.
import type { Dispatcher } from 'undici';
import { ApiError, envelopeError, type Operation } from '../domain/errors';
import { httpCall, type HttpReply } from './http';
import { parseTaskReply, type TaskSnapshot } from './schemas';
import { parseReplyJson } from './replyJson';
import type { Endpoints } from '../domain/endpoints';
import { authorize, buildQueryRequest, buildSendRequest, type ApiRequest, type VideoSettings } from '../domain/request';
import type { ModelRequest } from '../domain/models/check';
import type { Log } from '../util/log';

export interface ClientOptions {
  endpoints: Endpoints;
  apiKey: string;
  timeoutMs: number;
  dispatcher: Dispatcher;
  log: Log;
  /** Retries of a create that provably did not reach the service (connection refused, 429). */
  createRetries?: number;
  /** Longest Retry-After honoured before giving up. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SoraClient {
  constructor(private readonly o: ClientOptions) {}

  /** Sends a request built in domain/request.ts, as built: only the key is added here. */
  private send(op: Operation, r: ApiRequest): Promise<HttpReply> {
    const { method, url, headers, body } = authorize(r, this.o.apiKey);
    return httpCall({
      operation: op,
      method,
      url,
      headers: Object.fromEntries(headers),
      body,
      timeoutMs: this.o.timeoutMs,
      dispatcher: this.o.dispatcher,
      log: this.o.log,
    });
  }

  private snapshotFrom(reply: HttpReply, op: Operation, url: string): TaskSnapshot {
    let json: unknown;
    try {
      json = parseReplyJson(reply.text);
    } catch {
      throw new ApiError('malformed', op, url, reply.text.trim() ? 'not JSON' : 'empty reply');
    }
    const envelope = envelopeError(json);
    if (envelope) throw new ApiError('http', op, url, envelope, reply.status);
    // The id alone identifies a created task: a reply naming it must never read as "outcome unknown".
    const parsed = parseTaskReply(json, { statusOptional: op === 'create' });
    if (!parsed.ok) throw new ApiError('malformed', op, url, parsed.reason);
    if (parsed.dropped.length > 0) this.o.log.warn(`${op} reply from ${url}: ignored unreadable ${parsed.dropped.join(', ')}`);
    return parsed.snapshot;
  }

  /**
   * Sends one create request: Sora's settings, or a checked request of any model. Retries only when
   * the service cannot have acted on it; any other failure surfaces so the caller records the
   * outcome as unknown instead of paying twice.
   */
  async create(input: VideoSettings | ModelRequest): Promise<TaskSnapshot> {
    const request = buildSendRequest(this.o.endpoints, input);
    const retries = this.o.createRetries ?? 2;
    const sleep = this.o.sleep ?? defaultSleep;
    for (let attempt = 0; ; attempt++) {
      try {
        return this.snapshotFrom(await this.send('create', request), 'create', request.url);
      } catch (e) {
        if (!(e instanceof ApiError) || !e.provablyNotSent || attempt >= retries) throw e;
        const wait = e.status === 429 ? e.retryAfterMs ?? 2000 * 2 ** attempt : 1000 * 2 ** attempt;
        if (wait > (this.o.maxRetryAfterMs ?? 30_000)) throw e;
        this.o.log.info(`create not sent (${e.kind}${e.status ? ` ${e.status}` : ''}); retrying in ${wait} ms`);
        await sleep(wait);
      }
    }
  }

  async query(id: string): Promise<TaskSnapshot> {
    const request = buildQueryRequest(this.o.endpoints, id);
    return this.snapshotFrom(await this.send('query', request), 'query', request.url);
  }
}
