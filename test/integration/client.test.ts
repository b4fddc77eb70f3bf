// SoraClient over real HTTP against the simulator: exact requests, and every way a create can fail.
// The rule under test: a create is retried only when it provably never reached the service.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'undici';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { SoraClient, type ClientOptions } from '../../src/http/client';
import { ApiError } from '../../src/domain/errors';
import { resolveEndpoints } from '../../src/domain/endpoints';
import type { VideoSettings } from '../../src/domain/request';
import { MemoryLog } from '../../src/util/log';
import { countOf, requestsOf } from '../helpers/sim';
import { unusedPort } from '../helpers/net';
import { sleep } from '../helpers/wait';

const SETTINGS: VideoSettings = { prompt: 'a red fox in the snow', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12 };

let sim: Simulator;
let agent: Agent;
before(async () => {
  sim = await startSimulator({ queuedMs: 100, processingMs: 200 });
  agent = new Agent();
});
afterEach(() => sim.clearFaults());
after(async () => {
  await agent.close();
  await sim.close();
});

interface Rig {
  client: SoraClient;
  log: MemoryLog;
  sleeps: number[];
}

function rig(over: Partial<ClientOptions> & { baseUrl?: string } = {}): Rig {
  const log = new MemoryLog();
  const sleeps: number[] = [];
  const { baseUrl, ...rest } = over;
  const client = new SoraClient({
    endpoints: resolveEndpoints({ baseUrl: baseUrl ?? sim.url, createPath: '/v1/sora/videos', queryPath: '/v1/result/{id}' }),
    apiKey: sim.apiKey,
    timeoutMs: 5_000,
    dispatcher: agent,
    log,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...rest,
  });
  return { client, log, sleeps };
}

/** Runs a create expected to fail, and reports how many POSTs and tasks it caused. */
async function failingCreate(r: Rig, settings: VideoSettings = SETTINGS): Promise<{ error: ApiError; posts: number; tasks: number }> {
  const posts0 = countOf(sim, 'create');
  const tasks0 = sim.taskIds().length;
  let error: unknown;
  try {
    await r.client.create(settings);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
  return { error, posts: countOf(sim, 'create') - posts0, tasks: sim.taskIds().length - tasks0 };
}

describe('create', () => {
  test('sends exactly the canonical body and headers, and returns the queued task', async () => {
    const r = rig();
    const before = countOf(sim, 'create');
    const snap = await r.client.create(SETTINGS);
    const posts = requestsOf(sim, 'create').slice(before);
    assert.equal(posts.length, 1);
    const req = posts[0];
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/kyyReactApiServer/v1/sora/videos');
    assert.equal(req.body, '{"model":"openAiSora2Pro","prompt":"a red fox in the snow","aspect_ratio":"9:16","seconds":12}');
    assert.equal(req.headers.authorization, 'Bearer sim-key');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers.accept, 'application/json');
    assert.equal(snap.state, 'queued');
    assert.equal(snap.id, sim.taskIds().at(-1));
    assert.match(snap.id, /^sora_[0-9a-f]{12}$/);
    assert.equal(snap.model, 'openAiSora2Pro');
    assert.deepEqual(r.sleeps, []);
  });

  test('a reference image travels as input_reference and nothing else', async () => {
    const r = rig();
    const before = countOf(sim, 'create');
    await r.client.create({ ...SETTINGS, referenceImage: `${sim.origin}/images/720x1280.png` });
    const body = requestsOf(sim, 'create')[before].json as Record<string, unknown>;
    assert.deepEqual(body.input_reference, [`${sim.origin}/images/720x1280.png`]);
    assert.deepEqual(Object.keys(body).sort(), ['aspect_ratio', 'input_reference', 'model', 'prompt', 'seconds']);
  });

  test('429 with Retry-After: waits as told, retries, and only one task exists', async () => {
    sim.fault('create', { kind: 'status', status: 429, headers: { 'Retry-After': '3' }, body: '{"error":{"message":"rate limited"}}' });
    const r = rig();
    const posts0 = countOf(sim, 'create');
    const tasks0 = sim.taskIds().length;
    const snap = await r.client.create(SETTINGS);
    assert.equal(snap.state, 'queued');
    assert.equal(countOf(sim, 'create') - posts0, 2, 'two POSTs');
    assert.equal(sim.taskIds().length - tasks0, 1, 'one task created');
    assert.deepEqual(r.sleeps, [3000]);
    assert.ok(r.log.lines.some((l) => l.includes('retrying in 3000 ms')), r.log.lines.join('\n'));
  });

  test('429 every time: gives up after the retries with the service text', async () => {
    sim.fault('create', { kind: 'status', status: 429, body: '{"error":{"message":"rate limited"}}' }, 3);
    const r = rig();
    const { error, posts, tasks } = await failingCreate(r);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 429);
    assert.match(error.message, /HTTP 429 .*rate limited/);
    assert.equal(posts, 3);
    assert.equal(tasks, 0);
    assert.equal(r.sleeps.length, 2);
  });

  test('429 asking for a wait longer than the limit is not retried', async () => {
    sim.fault('create', { kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    const r = rig();
    const { error, posts } = await failingCreate(r);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.equal(posts, 1);
    assert.deepEqual(r.sleeps, []);
  });

  test('connection refused: notSent, retried, then a readable error', async () => {
    const port = await unusedPort();
    const r = rig({ baseUrl: `http://127.0.0.1:${port}/kyyReactApiServer` });
    await assert.rejects(r.client.create(SETTINGS), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.kind, 'notSent');
      assert.equal(e.provablyNotSent, true);
      assert.match(e.message, new RegExp(`could not connect to http://127\\.0\\.0\\.1:${port}/kyyReactApiServer/v1/sora/videos \\(ECONNREFUSED\\)`));
      return true;
    });
    assert.equal(r.sleeps.length, 2, 'two retries after the first attempt');
    assert.equal(r.log.lines.filter((l) => l.startsWith('warn') && l.includes('(notSent)')).length, 3, 'three attempts');
  });

  test('drop after the request arrived: NOT retried, one POST, the task exists, kind lost', async () => {
    sim.fault('create', { kind: 'drop' });
    const r = rig();
    const { error, posts, tasks } = await failingCreate(r);
    assert.equal(error.kind, 'lost');
    assert.equal(error.provablyNotSent, false);
    assert.match(error.message, /connection to .* was lost/);
    assert.equal(posts, 1);
    assert.equal(tasks, 1, 'the service did create it: a retry would pay twice');
    assert.deepEqual(r.sleeps, []);
  });

  test('socket closed before the body was read: still lost (the client cannot tell), not retried', async () => {
    sim.fault('create', { kind: 'refuse' });
    const r = rig();
    const { error, posts } = await failingCreate(r);
    assert.equal(error.kind, 'lost');
    assert.equal(posts, 1);
    assert.deepEqual(r.sleeps, []);
  });

  test('hang with a short timeout: NOT retried, one POST, kind timeout', async () => {
    sim.fault('create', { kind: 'hang' });
    const r = rig({ timeoutMs: 400 });
    const started = Date.now();
    const { error, posts } = await failingCreate(r);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer in time/);
    assert.ok(Date.now() - started >= 350, 'waited for the deadline');
    assert.equal(posts, 1);
    assert.deepEqual(r.sleeps, []);
  });

  test('HTTP 500: not retried, one POST, status and service text in the message', async () => {
    sim.fault('create', { kind: 'status', status: 500, body: '{"error":{"message":"upstream model crashed","type":"server_error"}}' });
    const r = rig();
    const { error, posts } = await failingCreate(r);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 500);
    assert.equal(error.message, `Creating the video task failed: HTTP 500 from ${sim.url}/v1/sora/videos: upstream model crashed`);
    assert.equal(posts, 1);
    assert.deepEqual(r.sleeps, []);
  });

  test('HTTP 502 HTML page from a gateway: not retried, readable message with the page title', async () => {
    sim.fault('create', {
      kind: 'status',
      status: 502,
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.18.0</center></body></html>',
    });
    const r = rig();
    const { error, posts } = await failingCreate(r);
    assert.equal(error.status, 502);
    assert.equal(error.message, `Creating the video task failed: HTTP 502 from ${sim.url}/v1/sora/videos: 502 Bad Gateway`);
    assert.ok(!error.message.includes('<'), 'no markup');
    assert.equal(posts, 1);
    // The raw body is in the log for diagnosis.
    assert.ok(r.log.lines.some((l) => l.includes('→ 502') && l.includes('nginx/1.18.0')), r.log.lines.join('\n'));
  });

  test('a malformed 200 body: not retried, one POST, kind malformed', async () => {
    sim.fault('create', { kind: 'malformed' });
    const r = rig();
    const { error, posts } = await failingCreate(r);
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /could not be understood \(not JSON\)/);
    assert.equal(posts, 1);
    assert.deepEqual(r.sleeps, []);
  });

  test('a 200 carrying a {code,msg} error envelope is an error, not a task', async () => {
    sim.fault('create', { kind: 'status', status: 200, body: '{"code":4003,"msg":"余额不足"}' });
    const r = rig();
    const { error, posts } = await failingCreate(r);
    assert.equal(error.kind, 'http');
    assert.match(error.message, /余额不足/);
    assert.equal(posts, 1);
  });

  test('a wrong key: 401 with the provider envelope, not retried, and the key is nowhere', async () => {
    const r = rig({ apiKey: 'wrong-key-0000' });
    const { error, posts } = await failingCreate(r);
    assert.equal(error.status, 401);
    assert.match(error.message, /HTTP 401 .*令牌无效/);
    assert.equal(posts, 1);
    assert.ok(!error.message.includes('wrong-key-0000'));
    assert.ok(!r.log.lines.join('\n').includes('wrong-key-0000'));
  });

  test('the service refusing the body (400) is reported with its words', async () => {
    const r = rig();
    const posts0 = countOf(sim, 'create');
    await assert.rejects(r.client.create({ ...SETTINGS, seconds: 5 as 4 }), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 400);
      assert.match(e.message, /Invalid 'seconds'/);
      return true;
    });
    assert.equal(countOf(sim, 'create') - posts0, 1);
  });

  test('a create reply that is already terminal is returned as failed', async () => {
    const snap = await rig().client.create({ ...SETTINGS, prompt: 'x [reject]' });
    assert.equal(snap.state, 'failed');
    assert.equal(snap.error, 'policy rejected');
  });
});

describe('query', () => {
  test('an id with spaces and slashes is one encoded path segment', async () => {
    const r = rig();
    for (const [id, segment] of [
      ['global task/2', 'global%20task%2F2'],
      ['a/../b', 'a%2F..%2Fb'],
      ['100%', '100%25'],
      ['task:7?x#y', 'task%3A7%3Fx%23y'],
    ]) {
      await r.client.create({ ...SETTINGS, prompt: `[id:${id}] a fox` });
      const before = countOf(sim, 'query');
      const snap = await r.client.query(id);
      assert.equal(snap.id, id);
      const q = requestsOf(sim, 'query').slice(before);
      assert.equal(q.length, 1);
      assert.equal(q[0].path, `/kyyReactApiServer/v1/result/${segment}`);
      assert.equal(q[0].headers.authorization, 'Bearer sim-key');
      assert.equal(q[0].headers['content-type'], undefined, 'a GET has no body type');
    }
  });

  test('follows a task from queued to completed with its video URL', async () => {
    const r = rig();
    const created = await r.client.create(SETTINGS);
    let snap = await r.client.query(created.id);
    assert.ok(['queued', 'processing', 'completed'].includes(snap.state));
    const deadline = Date.now() + 10_000;
    while (snap.state !== 'completed' && Date.now() < deadline) {
      await sleep(50);
      snap = await r.client.query(created.id);
    }
    assert.equal(snap.state, 'completed');
    assert.equal(snap.videoUrl, `${sim.origin}/files/${created.id}.mp4`);
    assert.equal(snap.actualDuration, 12);
    assert.equal(snap.amount, 1.2);
  });

  test('an unknown id is a 404 with the service message', async () => {
    await assert.rejects(rig().client.query('sora_doesnotexist'), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 404);
      assert.match(e.message, /^Checking the task failed: HTTP 404 .*: task not found$/);
      return true;
    });
  });

  test('the tolerant reply styles parse to the same snapshot', async () => {
    const styled = await startSimulator({
      queuedMs: 0,
      processingMs: 0,
      replyStyle: { statusCase: 'upper', urlField: 'url', wrapData: true, errorAsObject: true },
    });
    try {
      const r = rig({ baseUrl: styled.url });
      const ok = await r.client.create(SETTINGS);
      assert.equal(ok.state, 'queued');
      const done = await r.client.query(ok.id);
      assert.equal(done.state, 'completed');
      assert.equal(done.videoUrl, `${styled.origin}/files/${ok.id}.mp4`);
      const bad = await r.client.create({ ...SETTINGS, prompt: '[fail] x' });
      const failed = await r.client.query(bad.id);
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error, 'Content policy violation: the prompt was rejected');
      const nourl = await r.client.create({ ...SETTINGS, prompt: '[nourl] x' });
      const noUrl = await r.client.query(nourl.id);
      assert.equal(noUrl.state, 'failed', 'completed without a URL is not a success');
      assert.match(noUrl.error ?? '', /no video URL/);
    } finally {
      await styled.close();
    }
  });
});
