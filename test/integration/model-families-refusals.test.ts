// The simulator refuses what each family documents as wrong (an unknown key, a value out of range, a
// broken rule: exclusive fields, "X needs Y", a model's own requirement, too many items), in that
// family's error shape; and such a refusal reaches the user of the engine as a clear message, with
// nothing created. A request the extension's profile would refuse itself reaches the service only
// through a user's wrong correction in sora.customModels, so that is how these are sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { checkRequest } from '../../src/domain/models/check';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { parseCustomModels } from '../../src/domain/models/customModels';
import { makeEngine } from '../helpers/engine';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ queuedMs: 30, processingMs: 60 });
});
after(() => sim.close());

const u = (name: string) => `https://img.example/${name}.png`;

interface Refusal {
  /** A sora.customModels entry that disagrees with the service. */
  entry: Record<string, unknown>;
  values: Record<string, unknown>;
  path: string;
  /** The service's words, as the user reads them after "HTTP <status> from <url>: ". */
  says: string;
  status?: number;
}

const ACME = { id: 'acme_v1', createPath: '/v1/acme/videos', fields: { mood: { type: 'string', values: ['calm', 'wild'] }, length: { type: 'integer', values: [5, 10] } } };

const REFUSALS: Record<string, Refusal> = {
  'Sora: seconds out of range': { entry: { id: 'openAiSora2Plus', fields: { seconds: { type: 'integer', values: [4, 8, 12, 16], required: true } } }, values: { prompt: 'x', aspect_ratio: '16:9', seconds: 16 }, path: '/v1/sora/videos', says: "Invalid 'seconds': expected the integer 4, 8 or 12" },
  'VEO: fast_stable without its first frame': { entry: { id: 'veo_3_1_fast_stable', fields: { first_image: { type: 'imageUrl' } } }, values: { prompt: 'x' }, path: '/v1/veo/videos', says: "Missing required parameter: 'first_image' (veo_3_1_fast_stable is first/last-frame mode only)" },
  'Seedance 1.5: duration out of range': { entry: { id: 'seedance_1_5_pro_720p', fields: { duration: { type: 'integer', min: 2, max: 12 } } }, values: { prompt: 'x', duration: 3 }, path: '/v1/seedance/videos', says: "Invalid 'duration': 4 to 12, or -1" },
  'Seedance 2.0: a plain model without reference videos': { entry: { id: 'seedance_2_0', fields: { referenceVideos: { type: 'videoUrls', assets: true } } }, values: { prompt: 'x' }, path: '/v1/kyyvideo2/videos', says: "Missing required parameter: 'referenceVideos' (seedance_2_0 generates only from reference videos)" },
  'Vidu: an unknown key': { entry: { id: 'viduq3-pro', fields: { seed: { type: 'integer', min: 0, max: 9 } } }, values: { prompt: 'x', seed: 3 }, path: '/v1/vidu/videos', says: "Unknown parameter: 'seed'" },
  'Grok: too many reference images for max': { entry: { id: 'grok_video3_max', fields: { image_urls: { type: 'imageUrls', maxItems: 7 } } }, values: { prompt: 'x', image_urls: ['1', '2', '3', '4', '5', '6'].map(u) }, path: '/v1/grok/videos', says: "Invalid 'image_urls': at most 5 items" },
  'Videos: a ratio the stable models lack (shape B refusal)': { entry: { id: 'videos_stable', fields: { ratio: { type: 'string', values: ['21:9', '16:9'] } } }, values: { prompt: 'x', duration: 5, ratio: '21:9' }, path: '/v1/videos/videos', says: "Invalid 'ratio': expected one of 16:9, 9:16, 1:1", status: 200 },
  'Seedance X1: duration out of range': { entry: { id: 'seedance_2_0_x1_discount', fields: { duration: { type: 'integer', min: 4, max: 20 } } }, values: { prompt: 'x', first_frame: u('f'), duration: 18 }, path: '/v1/seedance-x1/videos', says: "Invalid 'duration': expected an integer from 4 to 15" },
  'custom acme_v1: a value the service does not list': { entry: { ...ACME, fields: { ...ACME.fields, length: { type: 'integer', values: [5, 10, 15] } } }, values: { prompt: 'x', length: 15 }, path: '/v1/acme/videos', says: "Invalid 'length': out of range (5, 10)" },
  'custom acme_v1: an unknown key': { entry: { ...ACME, fields: { ...ACME.fields, tempo: { type: 'string' } } }, values: { prompt: 'x', tempo: 'fast' }, path: '/v1/acme/videos', says: "Unknown parameter: 'tempo'" },
};

describe('a refusal reaches the user, and nothing is created', () => {
  for (const [name, r] of Object.entries(REFUSALS)) {
    test(name, async () => {
      const custom = parseCustomModels([r.entry]);
      assert.deepEqual(custom.problems, []);
      const catalogue = makeCatalogue(custom.profiles);
      const h = makeEngine({ baseUrl: sim.url, catalogue: () => catalogue });
      try {
        const checked = checkRequest(catalogue.find(r.entry.id as string)!, r.values);
        assert.ok(checked.ok, JSON.stringify(checked));
        const before = sim.taskIds().length;
        const outcome = await h.engine.submit(checked.request);
        assert.deepEqual(outcome, { kind: 'notSent', message: `Creating the video task failed: HTTP ${r.status ?? 400} from ${sim.url}${r.path}: ${r.says}`, status: r.status ?? 400 });
        assert.equal(sim.taskIds().length, before, 'the service created nothing');
        assert.deepEqual(h.store.all(), [], 'the list keeps nothing');
      } finally {
        h.dispose();
      }
    });
  }
});

/** A body that passes, and changes to it that each break one documented rule (undefined removes a key). */
interface Strict {
  path: string;
  ok: Record<string, unknown>;
  bad: Array<[change: Record<string, unknown>, says: RegExp]>;
  shapeB?: boolean;
}

const text = (t = 'x') => ({ type: 'text', text: t });
const image = (role?: string, url = u('f')) => ({ type: 'image_url', image_url: { url }, ...(role ? { role } : {}) });

const STRICT: Record<string, Strict> = {
  veo: {
    path: '/v1/veo/videos',
    ok: { model: 'veo_3_1_fast', prompt: 'x', resolution: '4k', aspect_ratio: '16:9', image_urls: [u('1')] },
    bad: [
      [{ duration: 8 }, /Unknown parameter: 'duration'/],
      [{ model: 'veo_3_1_pro_stable' }, /Invalid 'resolution'/],
      [{ input_reference: [u('1')] }, /'input_reference' cannot be combined with 'image_urls'/],
      [{ image_urls: ['1', '2', '3', '4'].map(u) }, /at most 3 items/],
      [{ first_image: u('f') }, /cannot be combined with 'first_image'/],
      [{ image_urls: undefined, last_image: u('l') }, /'last_image' needs 'first_image'/],
      [{ model: 'veo_3_1_fast_stable', resolution: '1080P' }, /'image_urls' is not accepted by veo_3_1_fast_stable/],
    ],
  },
  seedance15: {
    path: '/v1/seedance/videos',
    ok: { model: 'seedance_1_5_pro_480p', content: [text(), image('first_frame')], ratio: 'adaptive', duration: -1, generate_audio: true },
    bad: [
      [{ prompt: 'x' }, /Unknown parameter: 'prompt'/],
      [{ content: [text(), image('last_frame')] }, /last_frame needs a first_frame/],
      [{ duration: 13 }, /Invalid 'duration'/],
    ],
  },
  seedance2: {
    path: '/v1/kyyvideo2/videos',
    ok: { model: 'seedance_2_0_pro', prompt: 'x', duration: 5, aspect_ratio: '16:9', generateAudio: true, referenceImages: ['asset://asset-1'] },
    bad: [
      [{ ratio: '16:9' }, /Unknown parameter: 'ratio'/],
      [{ duration: 16 }, /Invalid 'duration'/],
      [{ generateAudio: 'yes' }, /Invalid 'generateAudio'/],
      [{ referenceImages: Array.from({ length: 10 }, (_, i) => u(String(i))) }, /at most 9 items/],
      [{ referenceAudios: ['a', 'b', 'c', 'd'].map(u) }, /at most 3 items/],
      [{ first_image: u('f') }, /'first_image' cannot be combined with 'referenceImages'/],
      [{ referenceImages: undefined, last_image: u('l') }, /'last_image' needs 'first_image'/],
      [{ model: 'seedance_2_0_fast' }, /Missing required parameter: 'referenceVideos'/],
      [{ referenceImages: ['file:///etc/passwd'] }, /Invalid 'referenceImages'/],
    ],
  },
  vidu: {
    path: '/v1/vidu/videos',
    ok: { model: 'viduq3-pro', prompt: 'x', duration: 2.5, aspect_ratio: '4:3', resolution: '540p', first_image: u('f') },
    bad: [
      [{ duration: 17 }, /Invalid 'duration'/],
      [{ aspect_ratio: '21:9' }, /Invalid 'aspect_ratio'/],
      [{ first_image: 'asset://asset-1' }, /Invalid 'first_image'/],
      [{ first_image: undefined, last_image: u('l') }, /'last_image' needs 'first_image'/],
    ],
  },
  grok: {
    path: '/v1/grok/videos',
    ok: { model: 'grok_video3', prompt: 'x', duration: 6, aspect_ratio: '3:2', resolution: '480p', image_urls: ['data:image/png;base64,iVBORw0KGgo='] },
    bad: [
      [{ duration: 31 }, /Invalid 'duration'/],
      [{ model: 'grok_video3_pro' }, /'duration' is not accepted by grok_video3_pro/],
      [{ model: 'grok_video3_max', duration: 8 }, /Invalid 'duration'/],
      [{ model: 'grok_video3_max', aspect_ratio: '3:2' }, /Invalid 'aspect_ratio'/],
      [{ model: 'grok_video3_stable', duration: 10, resolution: '720p' }, /Invalid 'image_urls'/],
      [{ model: 'grok_video3_stable', duration: 6, resolution: '720p', image_urls: undefined }, /Invalid 'duration'/],
      [{ image_urls: Array.from({ length: 8 }, (_, i) => u(String(i))) }, /at most 7 items/],
    ],
  },
  videos: {
    path: '/v1/videos/videos',
    ok: { model: 'videos', prompt: 'x', duration: 5 },
    shapeB: true,
    bad: [
      [{ duration: undefined }, /Invalid 'duration'/],
      [{ image: u('f') }, /Unknown parameter: 'image'/],
      [{ first_image: u('f') }, /go together/],
    ],
  },
  seedanceX1: {
    path: '/v1/seedance-x1/videos',
    ok: { model: 'seedance_2_0_x1_official', content: [text(), image()], resolution: '480p', ratio: '21:9', duration: 4 },
    bad: [
      [{ content: [text()] }, /at least one image, video or audio item/],
      [{ content: [text(), text('y'), image()] }, /exactly one text item/],
      [{ content: [text(), image(), image()] }, /Invalid image_url role/],
      [{ content: [text(), image('last_frame')] }, /last_frame needs a first_frame/],
      [{ content: [text(), { type: 'video_url', video_url: { url: u('v') }, role: 'first_frame' }] }, /Invalid video_url role/],
      [{ generate_audio: true }, /Unknown parameter: 'generate_audio'/],
      [{ resolution: '4k' }, /Invalid 'resolution'/],
    ],
  },
  'custom acme_v1': {
    path: '/v1/acme/videos',
    ok: { model: 'acme_v1', prompt: 'x', mood: 'calm', length: 5 },
    bad: [
      [{ mood: 'sad' }, /Invalid 'mood'/],
      [{ length: '5' }, /Invalid 'length'/],
      [{ prompt: undefined }, /Missing required parameter: 'prompt'/],
      [{ model: 'acme_v2' }, /Invalid 'model'/],
    ],
  },
};

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the simulator holds every family to its documented rules, in its error shape', () => {
  for (const [family, s] of Object.entries(STRICT)) {
    test(family, async () => {
      const ok = await post(s.path, s.ok);
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      assert.equal(s.shapeB ? (ok.json.data as { projectId?: string }).projectId : ok.json.id, sim.taskIds().at(-1), 'the valid body made a task');
      for (const [change, says] of s.bad) {
        const body: Record<string, unknown> = { ...s.ok, ...change };
        for (const k of Object.keys(change)) if (change[k] === undefined) delete body[k];
        const before = sim.taskIds().length;
        const r = await post(s.path, body);
        const where = JSON.stringify(change);
        if (s.shapeB) {
          assert.equal(r.status, 200, where);
          assert.equal(r.json.code, '1', where);
          assert.match(r.json.msg as string, says, where);
        } else {
          assert.equal(r.status, 400, where);
          assert.match((r.json.error as { message: string }).message, says, where);
        }
        assert.equal(sim.taskIds().length, before, `${where}: nothing created`);
      }
    });
  }
});
