// Local imitation of the Sora API described in /work/shared/PROTOCOL.md, with
// injectable faults so clients can be tested against the failures the real
// service and its gateways produce. HTTP plumbing and fault handling live
// here; task state is in tasks.ts, body rules in validate.ts.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { blobReply, imageReply, videoReply } from './files';
import { invalid, json, noHandler, text, type Reply } from './reply';
import { createReply, queryReply, statusOf, TaskStore } from './tasks';
import { validateCreate } from './validate';

export interface SimulatorOptions {
  port?: number; // default 0 (random free port)
  host?: string; // default '127.0.0.1'
  apiKey?: string; // the Bearer key it accepts; default 'sim-key'
  basePath?: string; // default '/kyyReactApiServer'
  queuedMs?: number; // time a task stays queued; default 1000
  processingMs?: number; // then processing; default 2000
  replyStyle?: Partial<ReplyStyle>;
  /** The error text of `[fail]` tasks (hostile-input tests use markup, links, control characters). */
  failMessage?: string;
}

export interface ReplyStyle {
  statusCase: 'lower' | 'upper'; // 'COMPLETED' variant
  urlField: 'video_url' | 'result_url' | 'url';
  wrapData: boolean; // wrap query reply fields in {"data":{...}}
  errorAsObject: boolean; // failed error as {"message": "..."}
}

export interface RecordedRequest {
  kind: 'create' | 'query' | 'video' | 'other';
  method: string;
  path: string; // raw request path as received
  headers: Record<string, string>; // lower-case names
  body: string;
  json?: unknown;
  at: number; // Date.now()
}

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'drop' }
  | { kind: 'refuse' }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'delay'; ms: number }
  | { kind: 'truncate' };

export interface Simulator {
  url: string;
  origin: string;
  port: number;
  apiKey: string;
  requests: RecordedRequest[];
  /** Queue a fault for the next `times` (default 1) requests of that kind. */
  fault(on: 'create' | 'query' | 'video', fault: Fault, times?: number): void;
  clearFaults(): void;
  /** Make a task's video URL expire: video GETs then answer 410. */
  expireVideo(id: string): void;
  /** Task ids created so far, newest last. */
  taskIds(): string[];
  close(): Promise<void>;
}

type Kind = RecordedRequest['kind'];
type FaultTarget = 'create' | 'query' | 'video';

const DEFAULT_STYLE: ReplyStyle = { statusCase: 'lower', urlField: 'video_url', wrapData: false, errorAsObject: false };
const MAX_BODY = 1024 * 1024;
const UNAUTHORIZED = (): Reply => json(401, { code: 401, msg: '令牌无效' });

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const apiKey = opts.apiKey ?? 'sim-key';
  const basePath = (opts.basePath ?? '/kyyReactApiServer').replace(/\/+$/, '');
  const createPath = `${basePath}/v1/sora/videos`;
  const queryPrefix = `${basePath}/v1/result/`;
  const style: ReplyStyle = { ...DEFAULT_STYLE, ...opts.replyStyle };
  const store = new TaskStore(opts.queuedMs ?? 1000, opts.processingMs ?? 2000, opts.failMessage);
  const sample = readFileSync(join(__dirname, 'sample.mp4'));
  const requests: RecordedRequest[] = [];
  const faults = new Map<FaultTarget, Fault[]>();
  const expired = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  function classify(method: string, path: string): Kind {
    if (method === 'POST' && path === createPath) return 'create';
    if (method === 'GET' && path.startsWith(queryPrefix)) return 'query';
    if ((method === 'GET' || method === 'HEAD') && path.startsWith('/files/')) return 'video';
    return 'other';
  }

  function handle(kind: Kind, req: IncomingMessage, path: string, body: Buffer, size: number): Reply {
    const method = req.method ?? 'GET';
    const authorized = req.headers.authorization === `Bearer ${apiKey}`;
    switch (kind) {
      case 'create': {
        if (!authorized) return UNAUTHORIZED();
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
          return invalid('Content-Type must be application/json');
        }
        if (size > MAX_BODY) return json(413, { message: 'request body too large' });
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          return invalid('Request body is not valid JSON');
        }
        const checked = validateCreate(parsed);
        if (!checked.ok) return invalid(checked.message);
        return json(200, createReply(store.create(checked.value), style));
      }
      case 'query': {
        if (!authorized) return UNAUTHORIZED();
        // The id is exactly one raw segment; an unencoded '/' makes it two, as on a real router.
        const segment = path.slice(queryPrefix.length);
        if (segment === '' || segment.includes('/')) return noHandler(method, path);
        const task = store.get(decode(segment) ?? '');
        if (!task) return json(404, { message: 'task not found' });
        return json(200, queryReply(task, style, origin));
      }
      case 'video': {
        const m = /^\/files\/([^/]+)\.mp4$/.exec(path);
        const id = m ? decode(m[1]) : undefined;
        if (id === undefined) return noHandler(method, path);
        if (expired.has(id)) {
          // Shaped like an object-storage CDN's answer to an expired signed URL.
          return text(410, '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', 'application/xml');
        }
        const task = store.get(id);
        if (!task || !task.hasUrl || statusOf(task) !== 'completed') return text(404, 'Not Found');
        return videoReply(sample, req.headers.range);
      }
      default: {
        if (method !== 'GET' && method !== 'HEAD') return noHandler(method, path);
        const blob = /^\/blob\/(\d+)\.bin$/.exec(path);
        if (blob) return blobReply(Number(blob[1]));
        if (path.startsWith('/images/')) return imageReply(path.slice('/images/'.length)) ?? noHandler(method, path);
        return noHandler(method, path);
      }
    }
  }

  const server = createServer((req, res) => {
    const at = Date.now();
    const method = req.method ?? 'GET';
    const rawPath = req.url ?? '/';
    const path = rawPath.split('?')[0];
    const kind = classify(method, path);
    const fault = kind === 'other' ? undefined : faults.get(kind)?.shift();
    const record = (body: string): void => {
      requests.push({ kind, method, path: rawPath, headers: flatHeaders(req), body, json: tryJson(body), at });
    };

    if (fault?.kind === 'refuse') {
      record('');
      req.socket.destroy();
      return;
    }

    readBody(req, (body, size) => {
      record(body.toString('utf8'));
      if (fault?.kind === 'status') return send(res, statusReply(fault));
      if (fault?.kind === 'malformed') return send(res, text(200, '{"id":"sora_', 'application/json; charset=utf-8'));
      if (fault?.kind === 'hang') return; // close() ends it

      // From here on the request "reached the server": a create makes its task.
      const reply = handle(kind, req, path, body, size);
      if (fault?.kind === 'drop') {
        req.socket.destroy();
      } else if (fault?.kind === 'delay') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(res, reply);
        }, fault.ms);
        timers.add(timer);
      } else {
        send(res, reply, fault?.kind === 'truncate');
      }
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: origin + basePath,
    origin,
    port,
    apiKey,
    requests,
    fault(on, fault, times = 1) {
      const queue = faults.get(on) ?? [];
      for (let i = 0; i < times; i++) queue.push(fault);
      faults.set(on, queue);
    },
    clearFaults() {
      faults.clear();
    },
    expireVideo(id) {
      expired.add(id);
    },
    taskIds() {
      return store.ids();
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // hung requests and keep-alive sockets would otherwise hold close() open
      });
    },
  };
}

function send(res: ServerResponse, reply: Reply, truncate = false): void {
  if (res.destroyed) return;
  const head = res.req.method === 'HEAD';
  if (reply.stream) {
    res.writeHead(reply.status, reply.headers);
    if (head) {
      res.end();
      return;
    }
    // pipeline honours backpressure and tears the source down if the client goes away.
    pipeline(reply.stream(), res, () => undefined);
    return;
  }
  const body = reply.body ?? Buffer.alloc(0);
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  if (head) {
    res.end();
  } else if (truncate) {
    // Promise the whole body, deliver half, then cut the connection.
    const half = body.subarray(0, Math.floor(body.length / 2));
    if (half.length === 0) {
      res.flushHeaders();
      res.socket?.end();
    } else {
      res.write(half, () => res.socket?.destroy());
    }
  } else {
    res.end(body);
  }
}

function statusReply(fault: Extract<Fault, { kind: 'status' }>): Reply {
  const body = fault.body ?? JSON.stringify({ message: `simulated HTTP ${fault.status}` });
  const trimmed = body.trimStart();
  const type = trimmed.startsWith('{') ? 'application/json; charset=utf-8'
    : trimmed.startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
  return { status: fault.status, headers: { 'content-type': type, ...lower(fault.headers ?? {}) }, body: Buffer.from(body) };
}

function readBody(req: IncomingMessage, done: (body: Buffer, size: number) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  });
  req.on('end', () => done(Buffer.concat(chunks), size));
  req.on('error', () => undefined); // client went away; nothing to answer
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function tryJson(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
