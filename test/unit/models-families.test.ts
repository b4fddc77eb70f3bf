// The built-in flat-body families (src/domain/models/*.ts), as docs/protocol.md records them:
// a valid body with every field, each rule, the defaults and the ranges, per family.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILT_IN_FAMILIES, BUILT_IN_PROFILES, defaultValues, makeCatalogue } from '../../src/domain/models/catalogue';
import { buildCreateBody, MODELS } from '../../src/domain/request';
import { body, check, profile, refused } from '../helpers/models';

const F = 'https://img.example/first.png';
const L = 'https://img.example/last.png';
const R = (n: number) => Array.from({ length: n }, (_, i) => `https://img.example/r${i}.png`);

describe('catalogue', () => {
  test('every model id is unique, every family has models, and every field a rule names exists', () => {
    const ids = BUILT_IN_PROFILES.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const f of BUILT_IN_FAMILIES) assert.ok(f.models.length > 0, f.family);
    for (const p of BUILT_IN_PROFILES) {
      const keys = new Set(p.fields.map((s) => s.key));
      assert.equal(keys.size, p.fields.length, p.id);
      assert.ok(keys.has('prompt'), p.id);
      for (const r of p.rules) for (const k of r.kind === 'exclusive' ? r.groups.flat() : r.kind === 'needs' ? [r.field, r.needs] : r.fields) assert.ok(keys.has(k), `${p.id}: ${k}`);
      assert.ok(p.typicalMs >= 60_000 && p.createPath.startsWith('/v1/'), p.id);
    }
  });

  test('the families of the issue, grouped, Sora first', () => {
    assert.deepEqual(BUILT_IN_FAMILIES.map((f) => f.family), ['sora', 'veo', 'seedance15', 'seedance2', 'vidu', 'grok', 'videos', 'seedanceX1']);
    const families = makeCatalogue().profiles.map((p) => p.family);
    assert.deepEqual(families, [...families].sort((a, b) => BUILT_IN_FAMILIES.findIndex((f) => f.family === a) - BUILT_IN_FAMILIES.findIndex((f) => f.family === b)));
  });

  test('defaults are values the model accepts', () => {
    for (const p of BUILT_IN_PROFILES) {
      const r = check(p.id);
      const defaulted = Object.keys(defaultValues(p));
      assert.deepEqual(r.ok ? [] : r.errors.filter((e) => defaulted.includes(e.field)), [], p.id);
    }
  });
});

describe('Sora', () => {
  test('the catalogue profile builds exactly the body of today', () => {
    for (const model of MODELS) {
      assert.deepEqual(body(model, { prompt: 'p', aspect_ratio: '9:16', seconds: 12, input_reference: F }), buildCreateBody({ prompt: 'p', model, aspectRatio: '9:16', seconds: 12, referenceImage: F }));
    }
    assert.deepEqual(body('openAiSora2Plus'), { model: 'openAiSora2Plus', prompt: 'a fox', aspect_ratio: '16:9', seconds: 8 });
  });

  test('one reference, canonical members only', () => {
    assert.deepEqual(refused('openAiSora2Pro', { input_reference: R(2) }), ['input_reference:tooMany']);
    assert.deepEqual(refused('openAiSora2Pro', { seconds: 10, aspect_ratio: '1:1' }), ['aspect_ratio:notOneOf', 'seconds:notOneOf']);
    assert.deepEqual(profile('openAiSora2Pro').fields.map((f) => f.key), ['prompt', 'aspect_ratio', 'seconds', 'input_reference']);
  });
});

describe('VEO 3.1', () => {
  test('every field', () => {
    assert.deepEqual(body('veo_3_1_fast', { resolution: '4K', aspect_ratio: '9:16', input_reference: R(3) }), {
      model: 'veo_3_1_fast',
      prompt: 'a fox',
      resolution: '4K',
      aspect_ratio: '9:16',
      input_reference: R(3),
    });
    assert.deepEqual(body('veo_3_1_pro', { first_image: F, last_image: L }), {
      model: 'veo_3_1_pro',
      prompt: 'a fox',
      resolution: '720p',
      aspect_ratio: '16:9',
      first_image: F,
      last_image: L,
    });
  });

  test('rules and per-model limits', () => {
    assert.deepEqual(refused('veo_3_1_fast', { input_reference: R(4) }), ['input_reference:tooMany']);
    assert.deepEqual(refused('veo_3_1_fast', { input_reference: R(1), first_image: F }), ['first_image:exclusive(input_reference)']);
    assert.deepEqual(refused('veo_3_1_fast', { last_image: L }), ['last_image:needs(first_image)']);
    assert.deepEqual(refused('veo_3_1_pro_stable', { resolution: '4K' }), ['resolution:notOneOf']);
    assert.deepEqual(refused('veo_3_1_fast_stable', {}), ['first_image:required']);
    assert.equal(body('veo_3_1_fast_stable', { first_image: F, input_reference: R(1) }).input_reference, undefined, 'a field the model lacks is never sent');
    assert.deepEqual(refused('veo_3_1_fast', { aspect_ratio: '16:9-1080p' }), ['aspect_ratio:notOneOf']);
  });
});

describe('Vidu Q3', () => {
  test('every field: first and last frame', () => {
    assert.deepEqual(body('viduq3-turbo', { duration: 16, aspect_ratio: '3:4', resolution: '1080p', first_image: F, last_image: L }), {
      model: 'viduq3-turbo',
      prompt: 'a fox',
      duration: 16,
      aspect_ratio: '3:4',
      resolution: '1080p',
      first_image: F,
      last_image: L,
    });
    assert.deepEqual(defaultValues(profile('viduq3-pro')), { duration: 5, aspect_ratio: '16:9', resolution: '720p' });
  });

  test('ranges and rules', () => {
    assert.deepEqual(refused('viduq3-pro', { duration: 0 }), ['duration:outOfRange']);
    assert.deepEqual(refused('viduq3-pro', { duration: 17 }), ['duration:outOfRange']);
    assert.deepEqual(refused('viduq3-pro', { last_image: L }), ['last_image:needs(first_image)']);
    assert.deepEqual(refused('viduq3-pro', { first_image: 'asset://asset-1' }), ['first_image:notUrl'], 'public URLs only');
    assert.deepEqual(refused('viduq3-pro', { resolution: '4K' }), ['resolution:notOneOf']);
  });
});

describe('Grok Video 3', () => {
  test('every field', () => {
    assert.deepEqual(body('grok_video3', { duration: 30, aspect_ratio: '2:3', resolution: '480p', image_urls: R(7) }), {
      model: 'grok_video3',
      prompt: 'a fox',
      duration: 30,
      aspect_ratio: '2:3',
      resolution: '480p',
      image_urls: R(7),
    });
    assert.deepEqual(body('grok_video3_pro'), { model: 'grok_video3_pro', prompt: 'a fox', aspect_ratio: '16:9', resolution: '720p' }, 'pro: fixed 10 s, so no duration');
  });

  test('per-model durations, ratios, resolutions and reference counts', () => {
    assert.deepEqual(refused('grok_video3', { duration: 5, image_urls: R(8) }), ['duration:outOfRange', 'image_urls:tooMany']);
    assert.equal(body('grok_video3_max', { duration: 16 }).duration, 16);
    assert.deepEqual(refused('grok_video3_max', { duration: 15, aspect_ratio: '3:2', image_urls: R(6) }), ['duration:notOneOf', 'aspect_ratio:notOneOf', 'image_urls:tooMany']);
    assert.deepEqual(refused('grok_video3_stable', { duration: 6, resolution: '480p' }), ['duration:notOneOf', 'resolution:notOneOf']);
    assert.equal(body('grok_video3_stable', { aspect_ratio: '2:3' }).duration, 10);
    assert.deepEqual(body('grok_video3_pro', { image_urls: R(9) }).image_urls, R(9), 'pro: no documented count');
  });
});

describe('Videos', () => {
  test('every field; duration is required', () => {
    assert.deepEqual(body('videos', { duration: 15, ratio: '21:9', referenceImages: R(2), referenceVideos: 'https://v.example/a.mp4' }), {
      model: 'videos',
      prompt: 'a fox',
      duration: 15,
      ratio: '21:9',
      resolution: '720p',
      referenceImages: R(2),
      referenceVideos: ['https://v.example/a.mp4'],
    });
    assert.deepEqual(refused('videos', { duration: undefined }), ['duration:required']);
    assert.deepEqual(profile('videos').replies, ['B', 'A']);
  });

  test('first and last frame together only, and not with references; stable models take fewer ratios and a capped prompt', () => {
    assert.equal(body('videos_stable', { first_image: F, last_image: L }).last_image, L);
    assert.deepEqual(refused('videos', { first_image: F }), ['first_image:needs(last_image)']);
    assert.deepEqual(refused('videos', { last_image: L }), ['last_image:needs(first_image)']);
    assert.deepEqual(refused('videos', { first_image: F, last_image: L, referenceImages: R(1) }), ['referenceImages:exclusive(first_image)']);
    assert.deepEqual(refused('videos_stable_fast', { ratio: '21:9', prompt: 'x'.repeat(5001) }), ['prompt:tooLong', 'ratio:notOneOf']);
    assert.deepEqual(refused('videos', { duration: 3 }), ['duration:outOfRange']);
  });
});
