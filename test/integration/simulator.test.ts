import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator, type SimulatorOptions } from '../fixtures/simulator/server';

const SAMPLE = readFileSync(join(__dirname, '../fixtures/simulator/sample.mp4'));
const VALID = { model: 'openAiSora2Plus', prompt: 'a cat', aspect_ratio: '16:9', seconds: 8 };

let sim: Simulator;
before(async () => {
  // Timings wide enough to stay deterministic on a loaded machine.
  sim = await startSimulator({ queuedMs: 200, processingMs: 400 });
});
after(() => sim.close());

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function create(s: Simulator, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${s.url}/v1/sora/videos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function query(s: Simulator, id: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${s.url}/v1/result/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${s.apiKey}` },
    ...init,
  });
}

async function createOk(s: Simulator, body: Record<string, unknown>): Promise<{ id: string; status: string }> {
  const res = await create(s, body);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { id: string; status: string };
}

/** Starts a separate simulator for one test and closes it afterwards. */
async function withSim(opts: SimulatorOptions, fn: (s: Simulator) => Promise<void>): Promise<void> {
  const s = await startSimulator(opts);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

test('rejects a missing or wrong API key with the provider envelope', async () => {
  for (const headers of [{ authorization: '' }, { authorization: 'Bearer nope' }]) {
    const res = await create(sim, VALID, headers);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { code: 401, msg: '令牌无效' });
  }
  const q = await fetch(`${sim.url}/v1/result/whatever`);
  assert.equal(q.status, 401);
});

test('enforces every body rule with an OpenAI-style 400', async () => {
  const bad: Array<[string, unknown, Record<string, string>?]> = [
    ['size + aspect_ratio', { ...VALID, size: '1280x720' }],
    ['duration + seconds', { ...VALID, duration: 8 }],
    ['input_reference + image_urls', { ...VALID, input_reference: ['https://x/a.png'], image_urls: [] }],
    ['bad model', { ...VALID, model: 'sora-2' }],
    ['seconds as string', { ...VALID, seconds: '8' }],
    ['seconds not integer', { ...VALID, seconds: 8.5 }],
    ['seconds out of set', { ...VALID, seconds: 10 }],
    ['empty prompt', { ...VALID, prompt: '  ' }],
    ['missing model', { prompt: 'x' }],
    ['bad ratio', { ...VALID, aspect_ratio: '1:1' }],
    ['two images', { ...VALID, input_reference: ['https://x/a.png', 'https://x/b.png'] }],
    ['non-http image', { ...VALID, input_reference: ['ftp://x/a.png'] }],
    ['image not array', { ...VALID, input_reference: 'https://x/a.png' }],
    ['unknown field', { ...VALID, n: 1 }],
    ['array body', [VALID]],
    ['not JSON', '{"model":'],
    ['wrong content type', VALID, { 'content-type': 'text/plain' }],
  ];
  for (const [name, body, headers] of bad) {
    const res = await create(sim, body, headers);
    assert.equal(res.status, 400, name);
    const json = (await res.json()) as { error: { message: string; type: string; code: string } };
    assert.equal(json.error.type, 'invalid_request_error', name);
    assert.equal(json.error.code, 'invalid_parameter', name);
    assert.ok(json.error.message.length > 0, name);
  }
  // The other member of each pair, alone, is fine.
  await createOk(sim, { model: 'openAiSora2Pro', prompt: 'p', size: '720x1280', duration: 12, image_urls: ['http://x/a.png'] });
});

test('happy path: queued, processing, completed with a playable video', async () => {
  const created = await createOk(sim, VALID);
  assert.match(created.id, /^sora_[0-9a-f]{12}$/);
  assert.equal(created.status, 'queued');
  assert.deepEqual(sim.taskIds().at(-1), created.id);
  const rec = sim.requests.at(-1)!;
  assert.equal(rec.kind, 'create');
  assert.equal(rec.headers.authorization, `Bearer ${sim.apiKey}`);
  assert.deepEqual(rec.json, VALID);

  const statusNow = async (): Promise<Record<string, unknown>> => (await (await query(sim, created.id)).json()) as Record<string, unknown>;
  assert.equal((await statusNow()).status, 'queued');
  await sleep(300);
  assert.equal((await statusNow()).status, 'processing');
  await sleep(400);
  const done = await statusNow();
  assert.equal(done.status, 'completed');
  assert.equal(done.object, 'video.generation');
  assert.equal(done.model, 'openAiSora2Plus');
  assert.equal(typeof done.created, 'number');
  assert.equal(done.actualDuration, 8);
  assert.equal(done.amount, 0.8);
  assert.equal(done.x_trace, 'abc');
  assert.equal(done.video_url, `${sim.origin}/files/${created.id}.mp4`);

  const video = await fetch(done.video_url);
  assert.equal(video.status, 200);
  assert.equal(video.headers.get('content-type'), 'video/mp4');
  assert.equal(Number(video.headers.get('content-length')), SAMPLE.length);
  const bytes = Buffer.from(await video.arrayBuffer());
  assert.ok(bytes.equals(SAMPLE));
  assert.equal(bytes.subarray(4, 8).toString('ascii'), 'ftyp');
  assert.ok(SAMPLE.length < 100_000);
});

test('unknown task and unknown route answer 404', async () => {
  const res = await query(sim, 'sora_000000000000');
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { message: 'task not found' });
  const other = await fetch(`${sim.url}/v1/models`);
  assert.equal(other.status, 404);
  assert.deepEqual(await other.json(), { message: 'No handler found for GET /kyyReactApiServer/v1/models' });
  assert.equal((await fetch(`${sim.origin}/files/nope.mp4`)).status, 404);
});

test('task ids with spaces and slashes round-trip as one encoded segment', async () => {
  const created = await createOk(sim, { ...VALID, prompt: 'x [id:global task/2]' });
  assert.equal(created.id, 'global task/2');
  const res = await fetch(`${sim.url}/v1/result/global%20task%2F2`, { headers: { authorization: `Bearer ${sim.apiKey}` } });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { id: string }).id, 'global task/2');
  assert.equal(sim.requests.at(-1)!.path, '/kyyReactApiServer/v1/result/global%20task%2F2');
  // Not encoding the slash is a client bug the simulator must expose.
  const unencoded = await fetch(`${sim.url}/v1/result/global%20task/2`, { headers: { authorization: `Bearer ${sim.apiKey}` } });
  assert.equal(unencoded.status, 404);

  await createOk(sim, { ...VALID, prompt: '[id:a:b%c]' });
  await sleep(650);
  const done = (await (await query(sim, 'a:b%c')).json()) as { video_url: string };
  assert.equal(done.video_url, `${sim.origin}/files/a%3Ab%25c.mp4`);
  assert.equal((await fetch(done.video_url)).status, 200);
});

test('magic prompts: [fail], [nourl], [reject], [slow], [hold:…]', async () => {
  const fail = await createOk(sim, { ...VALID, prompt: 'x [fail]' });
  const nourl = await createOk(sim, { ...VALID, prompt: 'x [nourl]' });
  const slow = await createOk(sim, { ...VALID, prompt: 'x [slow]' });
  const queued = await createOk(sim, { ...VALID, prompt: 'x [hold:queued]' });
  const processing = await createOk(sim, { ...VALID, prompt: 'x [hold:processing]' });
  assert.equal(processing.status, 'queued', 'every create is answered queued');
  const reject = await createOk(sim, { ...VALID, prompt: 'x [reject]' });
  assert.match(reject.id, /^task-failed-[0-9a-f]+$/);
  assert.equal(reject.status, 'failed');
  assert.equal((reject as unknown as { error: string }).error, 'policy rejected');

  await sleep(650);
  const f = (await (await query(sim, fail.id)).json()) as Record<string, unknown>;
  assert.equal(f.status, 'failed');
  assert.equal(f.error, 'Content policy violation: the prompt was rejected');
  const n = (await (await query(sim, nourl.id)).json()) as Record<string, unknown>;
  assert.equal(n.status, 'completed');
  assert.ok(!('video_url' in n) && !('url' in n) && !('result_url' in n));
  assert.equal(((await (await query(sim, slow.id)).json()) as { status: string }).status, 'queued');
  assert.equal(((await (await query(sim, queued.id)).json()) as { status: string }).status, 'queued');
  assert.equal(((await (await query(sim, processing.id)).json()) as { status: string }).status, 'processing');
});

test('reply styles: upper case, result_url, data wrapper, error object', async () => {
  await withSim({ queuedMs: 0, processingMs: 0, replyStyle: { statusCase: 'upper', urlField: 'result_url', wrapData: true, errorAsObject: true } }, async (s) => {
    const ok = await createOk(s, VALID);
    assert.equal(ok.status, 'QUEUED');
    const done = (await (await query(s, ok.id)).json()) as { data: Record<string, unknown> };
    assert.equal(done.data.status, 'COMPLETED');
    assert.equal(done.data.result_url, `${s.origin}/files/${ok.id}.mp4`);
    assert.equal(done.data.video_url, undefined);
    const failed = await createOk(s, { ...VALID, prompt: '[fail]' });
    const f = (await (await query(s, failed.id)).json()) as { data: Record<string, unknown> };
    assert.equal(f.data.status, 'FAILED');
    assert.deepEqual(f.data.error, { message: 'Content policy violation: the prompt was rejected' });
  });
  await withSim({ queuedMs: 0, processingMs: 0, replyStyle: { urlField: 'url' }, apiKey: 'k2', basePath: '/api' }, async (s) => {
    assert.equal(s.url, `${s.origin}/api`);
    const ok = await createOk(s, VALID);
    const done = (await (await query(s, ok.id)).json()) as Record<string, unknown>;
    assert.equal(done.url, `${s.origin}/files/${ok.id}.mp4`);
  });
});

test('video range requests and expiry', async () => {
  await withSim({ queuedMs: 0, processingMs: 0 }, async (s) => {
    const { id } = await createOk(s, VALID);
    const url = `${s.origin}/files/${id}.mp4`;
    const part = await fetch(url, { headers: { range: 'bytes=0-99' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 0-99/${SAMPLE.length}`);
    assert.ok(Buffer.from(await part.arrayBuffer()).equals(SAMPLE.subarray(0, 100)));
    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    assert.equal(tail.status, 206);
    assert.equal((await tail.arrayBuffer()).byteLength, 10);
    const beyond = await fetch(url, { headers: { range: `bytes=${SAMPLE.length}-` } });
    assert.equal(beyond.status, 416);
    await beyond.arrayBuffer();

    s.expireVideo(id);
    const gone = await fetch(url);
    assert.equal(gone.status, 410);
    await gone.text();
    assert.equal(s.requests.at(-1)!.kind, 'video');
  });
});

test('faults: status replies, FIFO per kind, then normal again', async () => {
  await withSim({}, async (s) => {
    s.fault('create', { kind: 'status', status: 429, headers: { 'Retry-After': '7' } });
    s.fault('create', { kind: 'status', status: 502, body: '<html><body>Bad Gateway</body></html>' });
    const r1 = await create(s, VALID);
    assert.equal(r1.status, 429);
    assert.equal(r1.headers.get('retry-after'), '7');
    await r1.text();
    const r2 = await create(s, VALID);
    assert.equal(r2.status, 502);
    assert.match(r2.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await r2.text(), /Bad Gateway/);
    assert.equal(s.taskIds().length, 0);
    await createOk(s, VALID);

    s.fault('query', { kind: 'status', status: 500 }, 2);
    s.clearFaults();
    assert.equal((await query(s, s.taskIds()[0])).status, 200);
    assert.deepEqual(s.requests.map((r) => r.kind), ['create', 'create', 'create', 'query']);
  });
});

test('faults: drop creates the task but never answers; refuse does not create it', async () => {
  await withSim({}, async (s) => {
    s.fault('create', { kind: 'drop' });
    await assert.rejects(create(s, VALID));
    assert.equal(s.taskIds().length, 1);
    assert.deepEqual(s.requests[0].json, VALID);

    s.fault('create', { kind: 'refuse' });
    await assert.rejects(create(s, VALID));
    assert.equal(s.taskIds().length, 1);
    assert.equal(s.requests.length, 2);
    assert.equal(s.requests[1].kind, 'create');

    s.fault('query', { kind: 'refuse' });
    await assert.rejects(query(s, s.taskIds()[0]));
    assert.equal((await query(s, s.taskIds()[0])).status, 200);
  });
});

test('faults: hang, malformed, delay, truncate', async () => {
  await withSim({ queuedMs: 0, processingMs: 0 }, async (s) => {
    s.fault('query', { kind: 'hang' });
    const { id } = await createOk(s, VALID);
    await assert.rejects(query(s, id, { signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });

    s.fault('query', { kind: 'malformed' });
    const bad = await query(s, id);
    assert.equal(bad.status, 200);
    await assert.rejects(bad.json(), SyntaxError);

    s.fault('query', { kind: 'delay', ms: 300 });
    const t0 = Date.now();
    const slow = await query(s, id);
    assert.equal(slow.status, 200);
    assert.ok(Date.now() - t0 >= 280);
    await slow.json();

    s.fault('video', { kind: 'truncate' });
    const cut = await fetch(`${s.origin}/files/${id}.mp4`);
    assert.equal(cut.status, 200);
    assert.equal(Number(cut.headers.get('content-length')), SAMPLE.length);
    await assert.rejects(cut.arrayBuffer());

    s.fault('create', { kind: 'hang' });
    const hung = create(s, VALID);
    await sleep(100);
    const closing = s.close(); // must not wait for the hung request
    await assert.rejects(hung);
    await closing;
    assert.equal(s.taskIds().length, 1);
  });
});

test('blob streams exactly n bytes of the pattern', async () => {
  const n = 1_000_003;
  const res = await fetch(`${sim.origin}/blob/${n}.bin`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-length'), String(n));
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.length, n);
  assert.equal(bytes[0], 0);
  assert.equal(bytes[255], 255);
  assert.equal(bytes[n - 1], (n - 1) % 256);
  assert.equal(sim.requests.at(-1)!.kind, 'other');
});

test('images: real PNGs of the requested size, and an HTML impostor', async () => {
  const res = await fetch(`${sim.origin}/images/1280x720.png`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await res.arrayBuffer());
  assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
  assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
  assert.equal(png.readUInt32BE(16), 1280);
  assert.equal(png.readUInt32BE(20), 720);
  const html = await fetch(`${sim.origin}/images/notimage.png`);
  assert.match(html.headers.get('content-type') ?? '', /text\/html/);
  await html.text();
});
