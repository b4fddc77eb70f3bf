// Requests leave through the proxy the settings name, and not when NO_PROXY covers the host.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import type { ProxySettings } from '../../src/http/dispatcher';
import type { VideoSettings } from '../../src/domain/request';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { startForwardProxy, unusedPort, type ForwardProxy } from '../helpers/net';
import { countOf } from '../helpers/sim';
import { waitFor } from '../helpers/wait';

const SAMPLE = readFileSync(join(__dirname, '../fixtures/simulator/sample.mp4'));
const SETTINGS: VideoSettings = { prompt: 'a train in the rain', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 4 };

let sim: Simulator;
let proxy: ForwardProxy;
const harnesses: EngineHarness[] = [];
before(async () => {
  sim = await startSimulator({ queuedMs: 50, processingMs: 100 });
});
afterEach(async () => {
  for (const h of harnesses.splice(0)) h.dispose();
  await proxy?.close();
});
after(() => sim.close());

function engine(p: Partial<ProxySettings>): EngineHarness {
  const h = makeEngine({ baseUrl: sim.url, settings: { pollBaseMs: 50, proxy: { proxy: '', strictSSL: true, noProxy: [], env: {}, ...p } } });
  harnesses.push(h);
  return h;
}

const simTarget = (): string => `127.0.0.1:${sim.port}`;
/** Whether the proxy carried a request to the simulator, tunnelled or as an absolute URI. */
const viaProxy = (p: ForwardProxy, pathPart = ''): boolean =>
  p.seen.some((s) => (s.method === 'CONNECT' ? s.target === simTarget() : s.target.startsWith(`http://${simTarget()}`) && s.target.includes(pathPart)));

describe('proxy', () => {
  test('the http.proxy setting: create, query and download all go through it', async () => {
    proxy = await startForwardProxy();
    const h = engine({ proxy: proxy.url });
    h.engine.start();
    const posts0 = countOf(sim, 'create');
    const o = await h.engine.submit(SETTINGS);
    assert.equal(o.kind, 'created', JSON.stringify(o));
    if (o.kind !== 'created') return;
    assert.equal(countOf(sim, 'create') - posts0, 1, 'the simulator got it');
    assert.ok(viaProxy(proxy), `proxy saw ${JSON.stringify(proxy.seen)}`);
    const saved = await waitFor(() => h.store.get(o.task.localId)?.download?.state === 'done' && h.store.get(o.task.localId), 'the video saved');
    assert.deepEqual(readFileSync(saved.download!.path!), SAMPLE);
    assert.ok(h.log.lines.includes(`info network: proxy ${proxy.url}/ (http.proxy)`), h.log.lines.join('\n'));
  });

  test('proxy credentials are sent to the proxy but never logged', async () => {
    proxy = await startForwardProxy();
    const withCreds = proxy.url.replace('http://', 'http://alice:s3cret@');
    const h = engine({ proxy: withCreds });
    assert.equal((await h.engine.submit(SETTINGS)).kind, 'created');
    assert.ok(proxy.seen.length > 0);
    assert.equal(proxy.seen[0].proxyAuthorization, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    assert.ok(!h.log.lines.join('\n').includes('s3cret'), h.log.lines.join('\n'));
  });

  test('NO_PROXY covering 127.0.0.1 (environment or http.noProxy) goes direct', async () => {
    proxy = await startForwardProxy();
    for (const p of [{ env: { NO_PROXY: 'example.com, 127.0.0.1' } }, { noProxy: ['127.0.0.1'] }, { env: { no_proxy: '127.0.0.1' } }]) {
      const h = engine({ proxy: proxy.url, ...p });
      const posts0 = countOf(sim, 'create');
      assert.equal((await h.engine.submit(SETTINGS)).kind, 'created', JSON.stringify(p));
      assert.equal(countOf(sim, 'create') - posts0, 1);
    }
    assert.deepEqual(proxy.seen, [], 'the proxy was never used');
  });

  test('HTTP_PROXY from the environment is used when the setting is empty', async () => {
    proxy = await startForwardProxy();
    const h = engine({ env: { HTTP_PROXY: proxy.url } });
    assert.equal((await h.engine.submit(SETTINGS)).kind, 'created');
    assert.ok(viaProxy(proxy));
    assert.ok(h.log.lines.includes(`info network: proxy ${proxy.url}/ (environment)`), h.log.lines.join('\n'));
  });

  test('only HTTPS_PROXY set: an http:// service goes direct, whatever the process environment says', async () => {
    proxy = await startForwardProxy();
    const other = await startForwardProxy();
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = other.url;
    try {
      const h = engine({ env: { HTTPS_PROXY: proxy.url } });
      assert.equal((await h.engine.submit(SETTINGS)).kind, 'created');
      assert.deepEqual(proxy.seen, [], 'an https proxy is not used for http');
      assert.deepEqual(other.seen, [], 'the process environment is not consulted');
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
      await other.close();
    }
  });

  test('a proxy that is down: nothing reached the service, the draft is removed', async () => {
    proxy = await startForwardProxy();
    const port = await unusedPort();
    const h = engine({ proxy: `http://127.0.0.1:${port}` });
    const posts0 = countOf(sim, 'create');
    const o = await h.engine.submit(SETTINGS);
    assert.equal(o.kind, 'notSent', JSON.stringify(o));
    assert.equal(countOf(sim, 'create'), posts0);
    assert.deepEqual(h.store.all(), []);
  });

  test('a proxy refusing with 407: nothing reached the service, a readable message', async () => {
    proxy = await startForwardProxy({ refuse: 407 });
    const h = engine({ proxy: proxy.url });
    const posts0 = countOf(sim, 'create');
    const o = await h.engine.submit(SETTINGS);
    assert.equal(o.kind, 'notSent', JSON.stringify(o));
    if (o.kind === 'notSent') assert.match(o.message, /could not connect to .* \(the proxy answered HTTP 407\)/);
    assert.ok(proxy.seen.length >= 1);
    assert.equal(countOf(sim, 'create'), posts0);
    assert.deepEqual(h.store.all(), []);
  });
});

/** A self-signed TLS front for the simulator (an https:// service), or undefined without openssl. */
async function httpsFront(upstream: Simulator): Promise<{ url: string; port: number; close(): Promise<void> } | undefined> {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const https = await import('node:https');
  const http = await import('node:http');
  const dir = mkdtempSync(join(tmpdir(), 'sora-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const server = https.createServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, (req, res) => {
    const up = http.request({ host: '127.0.0.1', port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}/kyyReactApiServer`,
    port,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe('proxy for an https:// service', () => {
  test('HTTPS_PROXY from the environment tunnels it (CONNECT); NO_PROXY exempts it', async (t) => {
    const front = await httpsFront(sim);
    if (!front) return t.skip('openssl is not available to make a test certificate');
    try {
      proxy = await startForwardProxy();
      const make = (env: Record<string, string>) => {
        const h = makeEngine({ baseUrl: front.url, settings: { proxy: { proxy: '', strictSSL: false, noProxy: [], env } } });
        harnesses.push(h);
        return h;
      };
      const posts0 = countOf(sim, 'create');
      const h = make({ HTTPS_PROXY: proxy.url });
      assert.equal((await h.engine.submit(SETTINGS)).kind, 'created');
      assert.deepEqual(proxy.seen.map((s) => [s.method, s.target]), [['CONNECT', `127.0.0.1:${front.port}`]]);
      assert.ok(h.log.lines.includes(`info network: proxy ${proxy.url}/ (environment)`), h.log.lines.join('\n'));

      const direct = make({ HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
      assert.equal((await direct.engine.submit(SETTINGS)).kind, 'created');
      assert.equal(proxy.seen.length, 1, 'NO_PROXY: not through the proxy');
      assert.equal(countOf(sim, 'create') - posts0, 2);
    } finally {
      await front.close();
    }
  });
});
