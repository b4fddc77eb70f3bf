// Families beyond Sora, over real HTTP against the simulator: the exact body of a checked request,
// the two create reply shapes (A {id, status}; B {code, msg, data: {projectId}}) and a task that
// ends `cancelled`, which is final.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'undici';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { SoraClient } from '../../src/http/client';
import { ApiError } from '../../src/domain/errors';
import { resolveEndpoints } from '../../src/domain/endpoints';
import { checkRequest, type ModelRequest } from '../../src/domain/models/check';
import { MemoryLog } from '../../src/util/log';
import { makeEngine } from '../helpers/engine';
import { profile, videosValues } from '../helpers/models';
import { queryTimes, requestsOf } from '../helpers/sim';
import { sleep, waitFor } from '../helpers/wait';

let sim: Simulator;
let agent: Agent;
before(async () => {
  sim = await startSimulator({ queuedMs: 50, processingMs: 100 });
  agent = new Agent();
});
afterEach(() => sim.clearFaults());
after(async () => {
  await agent.close();
  await sim.close();
});

const client = () =>
  new SoraClient({
    endpoints: resolveEndpoints({ baseUrl: sim.url, createPath: '/v1/sora/videos', queryPath: '/v1/result/{id}' }),
    apiKey: sim.apiKey,
    timeoutMs: 5_000,
    dispatcher: agent,
    log: new MemoryLog(),
  });

function checked(id: string, values: Record<string, unknown>): ModelRequest {
  const r = checkRequest(profile(id), values);
  assert.ok(r.ok, JSON.stringify(r));
  return r.request;
}

const lastCreate = () => requestsOf(sim, 'create').at(-1)!;

describe('Videos: shape B', () => {
  const values = () => videosValues(sim.origin);
  const request = () => checked('videos_stable', values());

  test('every field sent as checked; the projectId is the task id, queried until completed', async () => {
    const snap = await client().create(request());
    const sent = lastCreate();
    assert.equal(sent.path, '/kyyReactApiServer/v1/videos/videos');
    assert.equal(sent.body, JSON.stringify({ model: 'videos_stable', ...values() }));
    assert.match(snap.id, /^proj_[0-9a-f]{12}$/);
    assert.equal(snap.state, 'queued');
    assert.deepEqual(sim.taskIds().at(-1), snap.id);
    await sleep(200);
    const done = await client().query(snap.id);
    assert.equal(done.state, 'completed');
    assert.equal(done.actualDuration, 6);
  });

  test('a non-zero code is an error with its msg, and nothing was created', async () => {
    for (const code of ['1001', 500]) {
      sim.fault('create', { kind: 'status', status: 200, body: JSON.stringify({ code, msg: '余额不足', data: null }) });
      const before = sim.taskIds().length;
      await assert.rejects(client().create(request()), (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.kind, 'http');
        assert.match(e.message, /^Creating the video task failed: .*: 余额不足$/);
        return true;
      });
      assert.equal(sim.taskIds().length, before);
    }
  });

  test("the service's own refusal of a broken rule (code \"1\") reads the same way", async () => {
    const broken: ModelRequest = { ...request(), values: { ...request().values, duration: 3 } };
    await assert.rejects(client().create(broken), /HTTP 200 .*Invalid 'duration'/);
  });
});

describe('Seedance 1.5: a content array body, and cancelled', () => {
  test('every field sent as a content array; a cancelled task is final, with a reason, and no longer checked', async () => {
    const first = `${sim.origin}/images/1280x720.png`;
    const snap = await client().create(
      checked('seedance_1_5_pro_720p', { prompt: 'a kite [cancel]', first_frame: first, last_frame: `${first}?end`, ratio: '16:9', duration: -1, generate_audio: false }),
    );
    assert.deepEqual(lastCreate().json, {
      model: 'seedance_1_5_pro_720p',
      content: [
        { type: 'text', text: 'a kite [cancel]' },
        { type: 'image_url', image_url: { url: first }, role: 'first_frame' },
        { type: 'image_url', image_url: { url: `${first}?end` }, role: 'last_frame' },
      ],
      ratio: '16:9',
      duration: -1,
      generate_audio: false,
    });
    assert.match(snap.id, /^video_/);

    const h = makeEngine({ baseUrl: sim.url, settings: { pollBaseMs: 20 } });
    try {
      h.engine.start();
      const task = await h.engine.track(snap.id);
      const final = await waitFor(() => {
        const t = h.store.get(task.localId);
        return t?.phase === 'failed' ? t : undefined;
      }, 'the task to end');
      assert.equal(final.status, 'failed');
      assert.equal(final.error, 'The service cancelled the task.');
      const asked = queryTimes(sim, snap.id).length;
      await sleep(300);
      assert.equal(queryTimes(sim, snap.id).length, asked, 'never checked again');
    } finally {
      h.dispose();
    }
  });
});

describe('the simulator holds these families to their documented rules', () => {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  test('Videos: refusals are shape B with a non-zero code', async () => {
    for (const body of [
      { model: 'videos', prompt: 'x' },
      { model: 'videos', prompt: 'x', duration: 5, first_image: 'https://a/f.png' },
      { model: 'videos', prompt: 'x', duration: 5, seconds: 5 },
      { model: 'videos_stable', prompt: 'x', duration: 5, ratio: '21:9' },
      { model: 'videos', prompt: 'x', duration: 5, first_image: 'https://a/f.png', last_image: 'https://a/l.png', referenceImages: ['https://a/r.png'] },
    ]) {
      const r = await post('/v1/videos/videos', body);
      assert.equal(r.status, 200, JSON.stringify(body));
      assert.equal(r.json.code, '1', JSON.stringify(body));
      assert.equal(typeof r.json.msg, 'string');
    }
  });

  test('Seedance 1.5: refusals are 400 errors', async () => {
    const text = { type: 'text', text: 'x' };
    for (const body of [
      { model: 'seedance_1_5_pro_720p', prompt: 'x' },
      { model: 'seedance_1_5_pro_720p', content: [] },
      { model: 'seedance_1_5_pro_720p', content: [text, { type: 'image_url', image_url: { url: 'https://a/l.png' }, role: 'last_frame' }] },
      { model: 'seedance_1_5_pro_720p', content: [text], duration: 2 },
      { model: 'seedance_2_0', content: [text] },
    ]) {
      assert.equal((await post('/v1/seedance/videos', body)).status, 400, JSON.stringify(body));
    }
  });
});
