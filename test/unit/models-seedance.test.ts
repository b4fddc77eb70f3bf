// The Seedance families (src/domain/models/seedance*.ts): 2.0 with camelCase reference arrays and
// asset ids, 1.5 and X1 with a `content` array body.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultValues } from '../../src/domain/models/catalogue';
import { body, profile, refused } from '../helpers/models';

const F = 'https://img.example/first.png';
const L = 'asset://asset-20260330142158-q75m8';
const V = 'https://v.example/ref.mp4';
const A = 'asset://asset-audio-1';

describe('Seedance 2.0', () => {
  test('every field: references may be URLs or asset ids', () => {
    assert.deepEqual(body('seedance_2_0', { duration: 15, aspect_ratio: '21:9', generateAudio: false, referenceImages: `${F} ${L}`, referenceVideos: V, referenceAudios: A }), {
      model: 'seedance_2_0',
      prompt: 'a fox',
      duration: 15,
      aspect_ratio: '21:9',
      generateAudio: false,
      referenceImages: [F, L],
      referenceVideos: [V],
      referenceAudios: [A],
    });
    assert.deepEqual(body('seedance_2_0_fast_pro', { first_image: F, last_image: L }), {
      model: 'seedance_2_0_fast_pro',
      prompt: 'a fox',
      duration: 5,
      aspect_ratio: '16:9',
      generateAudio: true,
      first_image: F,
      last_image: L,
    });
  });

  test('the plain models need a reference video; frames exclude references; ranges and counts', () => {
    assert.deepEqual(refused('seedance_2_0', {}), ['referenceVideos:required']);
    assert.deepEqual(refused('seedance_2_0_fast', { referenceImages: F }), ['referenceVideos:required']);
    assert.equal(body('seedance_2_0_pro').referenceVideos, undefined, 'pro: text to video');
    assert.deepEqual(refused('seedance_2_0_pro', { first_image: F, referenceAudios: A }), ['referenceAudios:exclusive(first_image)']);
    assert.deepEqual(refused('seedance_2_0_pro', { last_image: L }), ['last_image:needs(first_image)']);
    assert.deepEqual(refused('seedance_2_0_pro', { duration: 3, referenceVideos: [V, V, V, V] }), ['duration:outOfRange', 'referenceVideos:tooMany']);
    assert.deepEqual(refused('seedance_2_0_pro', { referenceImages: 'asset://' }), ['referenceImages:notUrl']);
    assert.deepEqual(refused('seedance_2_0_pro', { generateAudio: 'true' }), ['generateAudio:notBoolean']);
  });
});

describe('Seedance 1.5 (content array)', () => {
  test('the prompt and frames become content items; the other fields stay top-level', () => {
    assert.deepEqual(body('seedance_1_5_pro_1080p', { first_frame: F, last_frame: 'https://img.example/l.png', ratio: '21:9', duration: 12, generate_audio: false }), {
      model: 'seedance_1_5_pro_1080p',
      content: [
        { type: 'text', text: 'a fox' },
        { type: 'image_url', image_url: { url: F }, role: 'first_frame' },
        { type: 'image_url', image_url: { url: 'https://img.example/l.png' }, role: 'last_frame' },
      ],
      ratio: '21:9',
      duration: 12,
      generate_audio: false,
    });
    assert.deepEqual(body('seedance_1_5_pro_480p'), {
      model: 'seedance_1_5_pro_480p',
      content: [{ type: 'text', text: 'a fox' }],
      ratio: 'adaptive',
      duration: 5,
      generate_audio: true,
    });
  });

  test('4–12 s or -1; a last frame needs a first; no asset ids', () => {
    assert.equal(body('seedance_1_5_pro_720p', { duration: -1 }).duration, -1);
    for (const duration of [2, 3, 13, 0]) assert.deepEqual(refused('seedance_1_5_pro_720p', { duration }), ['duration:outOfRange'], String(duration));
    assert.deepEqual(refused('seedance_1_5_pro_720p', { last_frame: F }), ['last_frame:needs(first_frame)']);
    assert.deepEqual(refused('seedance_1_5_pro_720p', { first_frame: L }), ['first_frame:notUrl']);
    assert.deepEqual(refused('seedance_1_5_pro_720p', { ratio: '2:1' }), ['ratio:notOneOf']);
  });
});

describe('Seedance X1 (content array)', () => {
  test('every field: frames and references as content items with their roles', () => {
    assert.deepEqual(
      body('seedance_fast_2_0_x1_discount', {
        first_frame: F,
        last_frame: L,
        reference_image: `${F},https://img.example/2.png`,
        reference_video: V,
        reference_audio: A,
        resolution: '1080p',
        ratio: '9:16',
        duration: 15,
      }),
      {
        model: 'seedance_fast_2_0_x1_discount',
        content: [
          { type: 'text', text: 'a fox' },
          { type: 'image_url', image_url: { url: F }, role: 'first_frame' },
          { type: 'image_url', image_url: { url: L }, role: 'last_frame' },
          { type: 'image_url', image_url: { url: F }, role: 'reference_image' },
          { type: 'image_url', image_url: { url: 'https://img.example/2.png' }, role: 'reference_image' },
          { type: 'video_url', video_url: { url: V }, role: 'reference_video' },
          { type: 'audio_url', audio_url: { url: A }, role: 'reference_audio' },
        ],
        resolution: '1080p',
        ratio: '9:16',
        duration: 15,
      },
    );
    assert.deepEqual(defaultValues(profile('seedance_2_0_x1_official')), { resolution: '720p', ratio: '16:9', duration: 5 });
  });

  test('no text-only mode; a last frame needs a first; ranges', () => {
    assert.deepEqual(refused('seedance_2_0_x1_official', {}), ['first_frame:anyOf(first_frame,last_frame,reference_image,reference_video,reference_audio)']);
    assert.equal((body('seedance_2_0_x1_official', { reference_audio: A }).content as unknown[]).length, 2);
    assert.deepEqual(refused('seedance_2_0_x1_official', { last_frame: L }), ['last_frame:needs(first_frame)']);
    assert.deepEqual(refused('seedance_2_0_x1_official', { first_frame: F, duration: 16, resolution: '4K' }), ['resolution:notOneOf', 'duration:outOfRange']);
  });
});
