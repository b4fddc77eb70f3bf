// Requests to the host and the routing of their replies, by id only. A request lives from
// request() until the reply that ends it (see endsRequest) or until it is forgotten; a reply whose
// id is not pending (a forgotten request, an earlier life of the page, a forged id) goes nowhere.
// DOM-free, so the routing is unit-tested with Node.
import {
  endsRequest,
  isReplyTo,
  type FromWebview,
  type Reply,
  type ReplyTo,
  type RequestType,
  type WebviewRequest,
} from '../src/shared/protocol';

export type RequestBody<K extends RequestType> = Omit<Extract<WebviewRequest, { type: K }>, 'requestId' | 'type'>;
export type ReplyHandler<K extends RequestType> = (reply: ReplyTo<K>) => void;

interface Pending {
  kind: RequestType;
  onReply(reply: Reply): void;
}

export class Rpc {
  private readonly pending = new Map<string, Pending>();
  private counter = 0;

  /**
   * `session` prefixes every id: it must differ between lives of the page, so an id adopted from an
   * earlier life (init's `submitting`) is never made again by this one.
   */
  constructor(
    private readonly post: (message: FromWebview) => void,
    private readonly session: string,
  ) {}

  /** Sends a request; `onReply` gets each of its replies, the last one included. Returns its id. */
  request<K extends RequestType>(kind: K, body: RequestBody<K>, onReply: ReplyHandler<K>): string {
    const requestId = `${this.session}.${++this.counter}`;
    this.track(kind, requestId, onReply);
    // The spread of a generic body is beyond the compiler; the parameter types hold it to the schema.
    this.post({ type: kind, requestId, ...body } as unknown as WebviewRequest);
    return requestId;
  }

  /** Waits for the replies to a request this page did not send (the host says it is still running). */
  adopt<K extends RequestType>(kind: K, requestId: string, onReply: ReplyHandler<K>): void {
    this.track(kind, requestId, onReply);
  }

  /** Stops waiting: the request's answer, whenever it comes, no longer matters. */
  forget(requestId: string | undefined): void {
    if (requestId !== undefined) this.pending.delete(requestId);
  }

  forgetAll(): void {
    this.pending.clear();
  }

  isPending(requestId: string | undefined): boolean {
    return requestId !== undefined && this.pending.has(requestId);
  }

  /** Hands a reply to its request. False when nothing waits for it (or it is no reply to that kind). */
  receive(reply: Reply): boolean {
    const p = this.pending.get(reply.requestId);
    if (!p || !isReplyTo(p.kind, reply)) return false;
    if (endsRequest(p.kind, reply)) this.pending.delete(reply.requestId);
    p.onReply(reply);
    return true;
  }

  private track<K extends RequestType>(kind: K, requestId: string, onReply: ReplyHandler<K>): void {
    this.pending.set(requestId, { kind, onReply: onReply });
  }
}

/** A random id prefix for one life of the page (crypto: two reloads must not collide). */
export function newSession(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}
