// A reply is built first and sent later, so a fault can decide how (or
// whether) it reaches the client after the handler's side effects happened.
import type { Readable } from 'node:stream';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Either a complete body ... */
  body?: Buffer;
  /** ... or a body produced on demand (large downloads), with Content-Length already set. */
  stream?: () => Readable;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): Reply {
  return { status, headers: { 'content-type': contentType }, body: Buffer.from(body) };
}

export function noHandler(method: string, path: string): Reply {
  return json(404, { message: `No handler found for ${method} ${path}` });
}

/** OpenAI-style error envelope, the shape the create endpoint uses for bad input. */
export function invalid(message: string): Reply {
  return json(400, { error: { message, type: 'invalid_request_error', code: 'invalid_parameter' } });
}
