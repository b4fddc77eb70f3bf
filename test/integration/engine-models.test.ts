// The engine with models beyond Sora, over real HTTP against the simulator: a checked request of any
// model goes to its family's create path with exactly the checked body, the task keeps the model
// and the values sent, is polled to the end and saved; a lost reply is not sent again by itself,
// and a retry sends the same body; a tracked task learns its model from the reply.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { checkRequest, type ModelRequest } from '../../src/domain/models/check';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { parseCustomModels } from '../../src/domain/models/customModels';
import { isSoraSettings, type ModelTaskSettings, type Task } from '../../src/domain/task';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { profile, videosValues } from '../helpers/models';
import { requestsOf } from '../helpers/sim';
import { waitFor } from '../helpers/wait';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ queuedMs: 30, processingMs: 60 });
});
after(() => sim.close());

function checked(id: string, values: Record<string, unknown>): ModelRequest {
  const r = checkRequest(profile(id), values);
  assert.ok(r.ok, JSON.stringify(r));
  return r.request;
}

const lastCreate = () => requestsOf(sim, 'create').at(-1)!;

async function withEngine(fn: (h: EngineHarness) => Promise<void>, settings = {}): Promise<void> {
  const h = makeEngine({ baseUrl: sim.url, settings: { pollBaseMs: 20, ...settings } });
  try {
    await fn(h);
  } finally {
    h.dispose();
  }
}

const saved = (h: EngineHarness, localId: string): Promise<Task> =>
  waitFor(() => {
    const t = h.store.get(localId);
    return t?.download?.state === 'done' ? t : undefined;
  }, 'the video to be saved');

describe('the engine sends any model through its profile', () => {
  const videos = () => videosValues(sim.origin);

  test('Videos (shape B): every field sent as checked to its path; the projectId becomes the task, which keeps model and values, completes and is saved', async () => {
    await withEngine(async (h) => {
      h.engine.start();
      const outcome = await h.engine.submit(checked('videos_stable', videos()));
      assert.equal(outcome.kind, 'created');
      if (outcome.kind !== 'created') return;
      assert.match(outcome.task.remoteId ?? '', /^proj_/);
      const sent = lastCreate();
      assert.equal(sent.path, '/kyyReactApiServer/v1/videos/videos');
      assert.equal(sent.body, JSON.stringify({ model: 'videos_stable', ...videos() }));
      const { prompt, ...fields } = videos();
      const want: ModelTaskSettings = { prompt, model: 'videos_stable', family: 'videos', familyLabel: 'Videos', fields, typicalMs: 4 * 60_000 };
      assert.deepEqual(outcome.task.settings, want);
      const done = await saved(h, outcome.task.localId);
      assert.equal(done.phase, 'completed');
      assert.deepEqual(done.settings, want, 'the settings outlive the task');
      assert.equal(done.actualDuration, 6);
    });
  });

  test('Seedance 1.5: a content array body from the same values; the stored fields are the values, not the body', async () => {
    await withEngine(async (h) => {
      const first = `${sim.origin}/images/1280x720.png`;
      const values = { prompt: 'a kite', first_frame: first, ratio: '16:9', duration: 5, generate_audio: true };
      const outcome = await h.engine.submit(checked('seedance_1_5_pro_480p', values));
      assert.equal(outcome.kind, 'created');
      if (outcome.kind !== 'created') return;
      assert.equal(lastCreate().path, '/kyyReactApiServer/v1/seedance/videos');
      assert.deepEqual(lastCreate().json, {
        model: 'seedance_1_5_pro_480p',
        content: [
          { type: 'text', text: 'a kite' },
          { type: 'image_url', image_url: { url: first }, role: 'first_frame' },
        ],
        ratio: '16:9',
        duration: 5,
        generate_audio: true,
      });
      const { prompt, ...fields } = values;
      assert.deepEqual(outcome.task.settings, { prompt, model: 'seedance_1_5_pro_480p', family: 'seedance15', familyLabel: 'Seedance 1.5', fields, typicalMs: 3 * 60_000 });
    });
  });

  test('a Sora request of the catalogue keeps Sora\'s shape and sora.createPath', async () => {
    await withEngine(
      async (h) => {
        const outcome = await h.engine.submit(checked('openAiSora2Pro', { prompt: 'a fox', aspect_ratio: '9:16', seconds: 4 }));
        assert.equal(outcome.kind, 'created');
        if (outcome.kind !== 'created') return;
        assert.equal(lastCreate().path, '/kyyReactApiServer/v1/sora/videos');
        assert.deepEqual(outcome.task.settings, { prompt: 'a fox', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 4 });
      },
      { createPath: '/v1/sora/videos' },
    );
  });

  test('a lost reply is kept as unknown and not resent; Retry sends the same body again', async () => {
    await withEngine(async (h) => {
      const before = requestsOf(sim, 'create').length;
      sim.fault('create', { kind: 'drop' });
      const first = await h.engine.submit(checked('videos', videos()));
      assert.equal(first.kind, 'unknown');
      if (first.kind !== 'unknown') return;
      assert.equal(requestsOf(sim, 'create').length, before + 1, 'sent once');
      const body = lastCreate().body;
      const again = await h.engine.retry(first.task.localId);
      assert.equal(again.kind, 'created');
      assert.equal(requestsOf(sim, 'create').length, before + 2);
      assert.equal(lastCreate().body, body);
      assert.equal(lastCreate().path, '/kyyReactApiServer/v1/videos/videos');
    });
  });

  test('a retried task whose model left the catalogue is not sent, and says why', async () => {
    await withEngine(async (h) => {
      sim.fault('create', { kind: 'drop' });
      const first = await h.engine.submit(checked('videos', videos()));
      assert.equal(first.kind, 'unknown');
      if (first.kind !== 'unknown') return;
      await h.store.update(first.task.localId, (t) => ({ ...t, settings: { ...(t.settings as ModelTaskSettings), model: 'gone_v1' } }));
      const before = requestsOf(sim, 'create').length;
      const again = await h.engine.retry(first.task.localId);
      assert.equal(again.kind, 'notSent');
      if (again.kind === 'notSent') assert.match(again.message, /gone_v1 is no longer in the catalogue/);
      assert.equal(requestsOf(sim, 'create').length, before);
    });
  });

  test('a model of sora.customModels: sent with its own profile, and sent again through the catalogue the engine is given', async () => {
    const custom = parseCustomModels([{ id: 'videos_stable', family: 'videos', label: 'Mine', typicalMinutes: 2, fields: { ratio: { type: 'string', values: ['9:16'] } } }]);
    assert.deepEqual(custom.problems, []);
    const catalogue = makeCatalogue(custom.profiles);
    const h = makeEngine({ baseUrl: sim.url, catalogue: () => catalogue });
    try {
      const mine = catalogue.find('videos_stable');
      assert.ok(mine);
      const r = checkRequest(mine, { prompt: 'a harbour', duration: 5, ratio: '9:16' });
      assert.ok(r.ok);
      sim.fault('create', { kind: 'drop' });
      const first = await h.engine.submit(r.request);
      assert.equal(first.kind, 'unknown');
      if (first.kind !== 'unknown') return;
      assert.equal((first.task.settings as ModelTaskSettings).typicalMs, 2 * 60_000);
      const again = await h.engine.retry(first.task.localId);
      assert.equal(again.kind, 'created');
      assert.equal(lastCreate().body, JSON.stringify({ model: 'videos_stable', prompt: 'a harbour', duration: 5, ratio: '9:16' }));
    } finally {
      h.dispose();
    }
  });

  test('Track Existing Task learns a Seedance model from the reply; its fields stay unknown', async () => {
    const res = await fetch(`${sim.url}/v1/seedance/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'seedance_1_5_pro_1080p', content: [{ type: 'text', text: 'made elsewhere' }] }),
    });
    const id = ((await res.json()) as { id: string }).id;
    await withEngine(async (h) => {
      h.engine.start();
      const tracked = await h.engine.track(id);
      const done = await saved(h, tracked.localId);
      assert.ok(!isSoraSettings(done.settings));
      assert.equal(done.settings.model, 'seedance_1_5_pro_1080p');
      assert.equal((done.settings).familyLabel, 'Seedance 1.5');
      assert.equal((done.settings).typicalMs, 6 * 60_000);
      assert.deepEqual(done.unreported, ['fields']);
    });
  });
});
