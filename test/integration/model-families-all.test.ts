// Every built-in model family, and a family of the user's own, through the engine against the
// simulator over real HTTP: a request with every field of the profile set to a valid value other
// than its default (two or more requests where fields exclude each other). The simulator holds each
// family to its documented rules (test/fixtures/simulator/families/), written apart from the
// profiles, so a profile that sends a wrong key, value or shape fails here. Checked: the exact body
// and path the simulator received, and the task completes with its model and family kept, its
// video saved.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { checkRequest } from '../../src/domain/models/check';
import { makeCatalogue, type Catalogue } from '../../src/domain/models/catalogue';
import { parseCustomModels } from '../../src/domain/models/customModels';
import { isSoraSettings, type Task } from '../../src/domain/task';
import { makeEngine } from '../helpers/engine';
import { requestsOf } from '../helpers/sim';
import { waitFor } from '../helpers/wait';

let sim: Simulator;
let o: string;
before(async () => {
  sim = await startSimulator({ queuedMs: 30, processingMs: 60 });
  o = sim.origin;
});
after(() => sim.close());

const img = (name: string) => `${o}/images/${name}.png`;
const media = (name: string) => `https://media.example/${name}`;

interface Case {
  model: string;
  path: string;
  family: string;
  values: () => Record<string, unknown>;
  /** What the service must receive, written out in the order sent. */
  body: () => Record<string, unknown>;
  seconds: number;
  tokens?: boolean;
}

/** A flat body: `model`, then the values in the order given. */
const flat = (c: Omit<Case, 'body'>): Case => ({ ...c, body: () => ({ model: c.model, ...c.values() }) });

const CASES: Case[] = [
  flat({ model: 'openAiSora2Pro', path: '/v1/sora/videos', family: 'sora', seconds: 12, values: () => ({ prompt: 'a fox', aspect_ratio: '9:16', seconds: 12, input_reference: [img('720x1280')] }) }),
  flat({ model: 'veo_3_1_pro', path: '/v1/veo/videos', family: 'veo', seconds: 8, values: () => ({ prompt: 'a pier', resolution: '4K', aspect_ratio: '9:16', first_image: img('720x1280'), last_image: img('720x1280?last') }) }),
  flat({ model: 'veo_3_1_fast', path: '/v1/veo/videos', family: 'veo', seconds: 8, values: () => ({ prompt: 'a pier', resolution: '1080p', aspect_ratio: '9:16', input_reference: [img('1'), img('2'), img('3')] }) }),
  flat({ model: 'veo_3_1_fast_stable', path: '/v1/veo/videos', family: 'veo', seconds: 8, values: () => ({ prompt: 'a pier', resolution: '1080p', aspect_ratio: '9:16', first_image: img('f'), last_image: img('l') }) }),
  {
    model: 'seedance_1_5_pro_1080p', path: '/v1/seedance/videos', family: 'seedance15', seconds: 12,
    values: () => ({ prompt: 'a kite', first_frame: img('f'), last_frame: img('l'), ratio: '21:9', duration: 12, generate_audio: false }),
    body: () => ({
      model: 'seedance_1_5_pro_1080p',
      content: [
        { type: 'text', text: 'a kite' },
        { type: 'image_url', image_url: { url: img('f') }, role: 'first_frame' },
        { type: 'image_url', image_url: { url: img('l') }, role: 'last_frame' },
      ],
      ratio: '21:9', duration: 12, generate_audio: false,
    }),
  },
  flat({ model: 'seedance_2_0_fast_pro', path: '/v1/kyyvideo2/videos', family: 'seedance2', seconds: 15, tokens: true, values: () => ({ prompt: 'a tram', duration: 15, aspect_ratio: '21:9', generateAudio: false, first_image: 'asset://asset-20260330142158-q75m8', last_image: img('l') }) }),
  flat({ model: 'seedance_2_0', path: '/v1/kyyvideo2/videos', family: 'seedance2', seconds: 4, tokens: true, values: () => ({ prompt: 'a tram', duration: 4, aspect_ratio: '3:4', generateAudio: false, referenceImages: [img('1'), 'asset://asset-1'], referenceVideos: [media('v.mp4'), 'asset://asset-2', media('w.mp4')], referenceAudios: [media('a.mp3')] }) }),
  flat({ model: 'viduq3-turbo', path: '/v1/vidu/videos', family: 'vidu', seconds: 16, tokens: true, values: () => ({ prompt: 'a dune', duration: 16, aspect_ratio: '3:4', resolution: '1080p', first_image: img('f'), last_image: img('l') }) }),
  flat({ model: 'grok_video3', path: '/v1/grok/videos', family: 'grok', seconds: 30, values: () => ({ prompt: 'a kiln', duration: 30, aspect_ratio: '2:3', resolution: '480p', image_urls: [1, 2, 3, 4, 5, 6, 7].map(String).map(img) }) }),
  flat({ model: 'grok_video3_pro', path: '/v1/grok/videos', family: 'grok', seconds: 10, values: () => ({ prompt: 'a kiln', aspect_ratio: '1:1', resolution: '720p', image_urls: [img('1')] }) }),
  flat({ model: 'grok_video3_max', path: '/v1/grok/videos', family: 'grok', seconds: 20, values: () => ({ prompt: 'a kiln', duration: 20, aspect_ratio: '9:16', resolution: '480p', image_urls: [1, 2, 3, 4, 5].map(String).map(img) }) }),
  flat({ model: 'grok_video3_stable', path: '/v1/grok/videos', family: 'grok', seconds: 10, values: () => ({ prompt: 'a kiln', duration: 10, aspect_ratio: '3:2', resolution: '720p', image_urls: [img('1'), img('2')] }) }),
  flat({ model: 'videos_stable_fast', path: '/v1/videos/videos', family: 'videos', seconds: 15, values: () => ({ prompt: 'a quay', duration: 15, ratio: '1:1', resolution: '720p', first_image: img('f'), last_image: img('l') }) }),
  flat({ model: 'videos', path: '/v1/videos/videos', family: 'videos', seconds: 4, values: () => ({ prompt: 'a quay', duration: 4, ratio: '21:9', resolution: '720p', referenceImages: [img('1'), img('2')], referenceVideos: [media('v.mp4')] }) }),
  {
    model: 'seedance_fast_2_0_x1_official', path: '/v1/seedance-x1/videos', family: 'seedanceX1', seconds: 15,
    values: () => ({ prompt: 'a loom', first_frame: img('f'), last_frame: img('l'), reference_image: [img('1'), 'asset://asset-3'], reference_video: [media('v.mp4')], reference_audio: [media('a.mp3')], resolution: '1080p', ratio: '4:3', duration: 15 }),
    body: () => ({
      model: 'seedance_fast_2_0_x1_official',
      content: [
        { type: 'text', text: 'a loom' },
        { type: 'image_url', image_url: { url: img('f') }, role: 'first_frame' },
        { type: 'image_url', image_url: { url: img('l') }, role: 'last_frame' },
        { type: 'image_url', image_url: { url: img('1') }, role: 'reference_image' },
        { type: 'image_url', image_url: { url: 'asset://asset-3' }, role: 'reference_image' },
        { type: 'video_url', video_url: { url: media('v.mp4') }, role: 'reference_video' },
        { type: 'audio_url', audio_url: { url: media('a.mp3') }, role: 'reference_audio' },
      ],
      resolution: '1080p', ratio: '4:3', duration: 15,
    }),
  },
];

/** The contract's example of sora.customModels, which the simulator serves as its demo family. */
const ACME = [{ id: 'acme_v1', label: 'Acme v1', createPath: '/v1/acme/videos', fields: { mood: { type: 'string', values: ['calm', 'wild'], default: 'calm' }, length: { type: 'integer', values: [5, 10], default: 5 } } }];

async function run(c: Case, catalogue: Catalogue = makeCatalogue()): Promise<void> {
  const h = makeEngine({ baseUrl: sim.url, settings: { pollBaseMs: 20 }, catalogue: () => catalogue });
  try {
    h.engine.start();
    const p = catalogue.find(c.model);
    assert.ok(p, c.model);
    const checked = checkRequest(p, c.values());
    assert.ok(checked.ok, JSON.stringify(checked));
    const created = sim.taskIds().length;
    const outcome = await h.engine.submit(checked.request);
    assert.equal(outcome.kind, 'created', JSON.stringify(outcome));
    if (outcome.kind !== 'created') return;
    const sent = requestsOf(sim, 'create').at(-1)!;
    assert.equal(sent.path, `/kyyReactApiServer${c.path}`);
    assert.equal(sent.body, JSON.stringify(c.body()), 'exactly these keys, values and order');
    assert.equal(sim.taskIds().length, created + 1);
    assert.equal(outcome.task.remoteId, sim.taskIds().at(-1));

    const done = await waitFor((): Task | undefined => {
      const t = h.store.get(outcome.task.localId);
      return t?.download?.state === 'done' ? t : undefined;
    }, `${c.model}: the video to be saved`);
    assert.equal(done.phase, 'completed');
    assert.equal(done.videoUrl, `${o}/files/${encodeURIComponent(done.remoteId ?? '')}.mp4`);
    assert.equal(done.actualDuration, c.seconds);
    assert.equal(done.totalTokens !== undefined, c.tokens === true, 'totalTokens where the family reports it');
    assert.ok(done.download?.path && existsSync(done.download.path), 'the video is on disk');
    assert.equal(done.settings.model, c.model);
    if (c.family === 'sora') {
      assert.ok(isSoraSettings(done.settings));
    } else {
      assert.ok(!isSoraSettings(done.settings));
      assert.equal(done.settings.family, c.family);
      const { prompt, ...fields } = c.values();
      assert.equal(done.settings.prompt, prompt);
      assert.deepEqual(done.settings.fields, fields);
    }
  } finally {
    h.dispose();
  }
}

describe('every built-in family, every field, against its documented rules', () => {
  for (const c of CASES) {
    test(`${c.family} ${c.model}: ${Object.keys(c.values()).join(', ')}`, () => run(c));
  }

  test('every built-in family is covered, and each field of each model is set by a case of its family', () => {
    const covered = new Set(CASES.map((c) => c.family));
    assert.deepEqual([...new Set(makeCatalogue().profiles.map((p) => p.family))].filter((f) => !covered.has(f)), []);
    for (const p of makeCatalogue().profiles) {
      const set = new Set(CASES.filter((c) => c.family === p.family).flatMap((c) => Object.keys(c.values())));
      assert.deepEqual(p.fields.map((f) => f.key).filter((k) => !set.has(k)), [], `${p.id}: fields no case sends`);
    }
  });
});

describe('a family of the user\'s own (sora.customModels)', () => {
  test('the contract\'s acme_v1: its own path, every field, served strictly by the simulator\'s demo family', async () => {
    const custom = parseCustomModels(ACME);
    assert.deepEqual(custom.problems, []);
    await run(
      flat({ model: 'acme_v1', path: '/v1/acme/videos', family: 'custom', seconds: 4, values: () => ({ prompt: 'a storm', mood: 'wild', length: 10 }) }),
      makeCatalogue(custom.profiles),
    );
  });
});
