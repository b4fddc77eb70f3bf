// Small network fixtures for integration tests: a port nothing listens on, a forward proxy
// (absolute-URI requests and CONNECT tunnels) and a reverse proxy that counts concurrent requests.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** A loopback port that was free a moment ago and is now closed (connections to it are refused). */
export async function unusedPort(): Promise<number> {
  const srv = createTcpServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

export interface ProxySeen {
  /** 'CONNECT' for a tunnel, else the request method. */
  method: string;
  /** host:port for CONNECT, the absolute URI otherwise. */
  target: string;
  proxyAuthorization?: string;
}

export interface ForwardProxy {
  url: string;
  seen: ProxySeen[];
  close(): Promise<void>;
}

/**
 * A minimal HTTP forward proxy, as corporate proxies behave for plain-HTTP and tunnelled targets.
 * With `refuse`, it answers every request and CONNECT with that status instead (e.g. 407).
 */
export async function startForwardProxy(opts: { refuse?: number } = {}): Promise<ForwardProxy> {
  const seen: ProxySeen[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] });
    if (opts.refuse) {
      res.writeHead(opts.refuse, { 'proxy-authenticate': 'Basic realm="corp"' }).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URI required');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers },
      (up: IncomingMessage) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] });
    if (opts.refuse) {
      client.end(`HTTP/1.1 ${opts.refuse} Refused\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    sockets.add(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => sockets.delete(upstream));
    client.on('close', () => sockets.delete(client));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, seen, close: closer(server, sockets) };
}

export interface CountingProxy {
  /** The origin to use instead of the upstream's. */
  origin: string;
  /** Requests being answered right now, and the most ever at once. */
  active: number;
  maxActive: number;
  total: number;
  close(): Promise<void>;
}

/** A reverse proxy in front of `upstreamOrigin` that measures how many requests overlap. */
export async function startCountingProxy(upstreamOrigin: string): Promise<CountingProxy> {
  const up = new URL(upstreamOrigin);
  const sockets = new Set<Socket>();
  const state: CountingProxy = { origin: '', active: 0, maxActive: 0, total: 0, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    state.total++;
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    let done = false;
    const finish = (): void => {
      if (!done) {
        done = true;
        state.active--;
      }
    };
    res.on('close', finish);
    const upstream = httpRequest(
      { host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers },
      (r: IncomingMessage) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  state.origin = `http://127.0.0.1:${port}`;
  state.close = closer(server, sockets);
  return state;
}
