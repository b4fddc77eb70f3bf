// The reference-image preflight against real HTTP: the simulator's PNGs and HTML impostor, a
// server that ignores Range, one that never answers, a refused port, and a forward proxy.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ReferencePreflight } from '../../src/engine/preflight';
import type { ProxySettings } from '../../src/http/dispatcher';
import { MemoryLog } from '../../src/util/log';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { makePng } from '../fixtures/simulator/png';
import { startForwardProxy, unusedPort, type ForwardProxy } from '../helpers/net';

let sim: Simulator;
const open: ReferencePreflight[] = [];
before(async () => {
  sim = await startSimulator({});
});
afterEach(() => {
  for (const p of open.splice(0)) p.dispose();
});
after(() => sim.close());

const clock = { now: 1_000_000 };

function preflight(proxy: Partial<ProxySettings> = {}, timeoutMs = 5_000): ReferencePreflight {
  const p = new ReferencePreflight({
    now: () => clock.now,
    proxy: () => ({ proxy: '', strictSSL: true, noProxy: [], env: {}, ...proxy }),
    timeoutMs: () => timeoutMs,
    log: new MemoryLog(),
  });
  open.push(p);
  return p;
}

const image = (name: string) => `${sim.origin}/images/${name}`;
const imageRequests = () => sim.requests.filter((r) => r.path.startsWith('/images/'));

async function server(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const sockets = new Set<Socket>();
  const s: Server = createServer(handler);
  s.on('connection', (c) => {
    sockets.add(c);
    c.on('close', () => sockets.delete(c));
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const c of sockets) c.destroy();
        s.close(() => r());
      }),
  };
}

describe('reference image preflight', () => {
  test('a 1280×720 PNG fits 16:9 and is a mismatch for 9:16 (one fetch for both)', async () => {
    const p = preflight();
    const before = imageRequests().length;
    assert.deepEqual(await p.check(image('1280x720.png'), '16:9'), { level: 'ok', code: 'ok', size: { format: 'png', width: 1280, height: 720 } });
    const mismatch = await p.check(image('1280x720.png'), '9:16');
    assert.equal(mismatch.level, 'error');
    assert.equal(mismatch.code, 'wrongOrientation');
    assert.equal(imageRequests().length, before + 1, 'the second check uses the cached probe');
  });

  test('the log names the image without its query (signed URLs carry credentials there)', async () => {
    const log = new MemoryLog();
    const p = new ReferencePreflight({ proxy: () => ({ proxy: '', strictSSL: true, noProxy: [], env: {} }), timeoutMs: () => 5_000, log });
    open.push(p);
    await p.check(`${image('1280x720.png')}?X-Amz-Signature=abcdef123456&X-Amz-Credential=AKIAXXXX`, '16:9');
    const text = log.lines.join('\n');
    assert.ok(text.includes('/images/1280x720.png?…'), text);
    assert.ok(!text.includes('abcdef123456') && !text.includes('AKIAXXXX'), text);
  });

  test('the fetch asks for the header only and carries no authorization', async () => {
    await preflight().check(image('720x1280.png'), '9:16');
    const req = imageRequests().at(-1)!;
    assert.equal(req.method, 'GET');
    assert.equal(req.headers.range, 'bytes=0-65535');
    assert.equal(req.headers.authorization, undefined);
  });

  test('other sizes are wrong; the HTML impostor is not an image', async () => {
    const p = preflight();
    assert.equal((await p.check(image('1920x1080.png'), '16:9')).code, 'wrongSize');
    assert.deepEqual(await p.check(image('notimage.png'), '16:9'), { level: 'error', code: 'notImage', contentType: 'text/html' });
  });

  test('a 404, a refused port and a silent server are warnings, cached only briefly', async () => {
    const p = preflight({}, 400);
    const missing = await p.check(`${sim.origin}/images/nothing-here.png`, '16:9');
    assert.deepEqual(missing, { level: 'warning', code: 'unreachable', detail: 'HTTP 404' });
    const refused = await p.check(`http://127.0.0.1:${await unusedPort()}/a.png`, '16:9');
    assert.equal(refused.code, 'unreachable');
    assert.match(refused.code === 'unreachable' ? refused.detail : '', /ECONNREFUSED/);

    const silent = await server(() => undefined);
    try {
      const started = Date.now();
      const r = await p.check(`${silent.url}/slow.png`, '16:9');
      assert.equal(r.code, 'unreachable');
      assert.ok(Date.now() - started < 3_000, `gave up after the timeout (${Date.now() - started} ms)`);
    } finally {
      await silent.close();
    }
    const before = imageRequests().length;
    await p.check(`${sim.origin}/images/nothing-here.png`, '16:9');
    assert.equal(imageRequests().length, before, 'a submit right after the live check does not fetch again');
    clock.now += 31_000;
    await p.check(`${sim.origin}/images/nothing-here.png`, '16:9');
    assert.equal(imageRequests().length, before + 1, 'an unreachable result is asked again after 30 s');
    clock.now += 60_000;
    await p.check(image('1280x720.png'), '16:9');
    const n = imageRequests().length;
    clock.now += 4 * 60_000;
    await p.check(image('1280x720.png'), '9:16');
    assert.equal(imageRequests().length, n, 'an image is remembered for minutes');
  });

  test('a server that ignores Range and streams forever is cut off after the header', async () => {
    let sent = 0;
    let closed = false;
    const endless = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(makePng(720, 1280));
      const chunk = Buffer.alloc(256 * 1024);
      const pump = () => {
        while (!closed && res.write(chunk)) sent += chunk.length;
        if (!closed) res.once('drain', pump);
      };
      res.on('close', () => (closed = true));
      pump();
    });
    try {
      const r = await preflight().check(`${endless.url}/big.png`, '9:16');
      assert.equal(r.level, 'ok');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(closed, 'the connection was closed after the header');
      assert.ok(sent < 16 * 1024 * 1024, `far less than the whole stream was sent (${sent} bytes)`);
    } finally {
      await endless.close();
    }
  });

  describe('through a proxy', () => {
    let proxy: ForwardProxy;
    afterEach(() => proxy?.close());

    test('the probe goes through http.proxy like the API', async () => {
      proxy = await startForwardProxy();
      const r = await preflight({ proxy: proxy.url }).check(image('1280x720.png'), '16:9');
      assert.equal(r.level, 'ok');
      assert.ok(
        proxy.seen.some((s) => s.target.includes('/images/1280x720.png') || s.target === `127.0.0.1:${sim.port}`),
        `the proxy saw the request: ${JSON.stringify(proxy.seen)}`,
      );
    });

    test('a proxy that refuses makes the image unreachable, not an error', async () => {
      proxy = await startForwardProxy({ refuse: 407 });
      const r = await preflight({ proxy: proxy.url }).check(image('1280x720.png'), '16:9');
      assert.equal(r.level, 'warning');
    });
  });
});
