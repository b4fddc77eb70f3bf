// Each family's documented image limits (src/domain/referenceLimits.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitProblem, limitsFor } from '../../src/domain/referenceLimits';
import type { ImageSize } from '../../src/domain/imageSize';

const img = (width: number, height: number, format: ImageSize['format'] = 'png'): ImageSize => ({ format, width, height });

test('Sora: exactly the frame of the chosen ratio, as the preflight has always judged', () => {
  const sora = limitsFor('sora');
  assert.equal(limitProblem(sora, img(1280, 720), '16:9'), undefined);
  assert.equal(limitProblem(sora, img(720, 1280), '9:16'), undefined);
  assert.equal(limitProblem(sora, img(720, 1280), '16:9'), 'wrongOrientation');
  assert.equal(limitProblem(sora, img(1920, 1080), '16:9'), 'wrongSize');
});

test('Seedance 2.0: 300–6000 px per side, width/height 0.4–2.5, any ratio of the request', () => {
  const s2 = limitsFor('seedance2');
  assert.equal(limitProblem(s2, img(1920, 1080), '9:16'), undefined);
  assert.equal(limitProblem(s2, img(300, 750), '16:9'), undefined, '0.4 is allowed');
  assert.equal(limitProblem(s2, img(299, 500), '16:9'), 'tooSmall');
  assert.equal(limitProblem(s2, img(6001, 3000), '16:9'), 'tooLarge');
  assert.equal(limitProblem(s2, img(3000, 1000), '16:9'), 'wrongRatio');
  assert.equal(limitProblem(s2, img(400, 1001), '16:9'), 'wrongRatio');
});

test('Happy Horse: sides of at least 300 px, JPEG/PNG/WebP, at most 20 MB when the size is known', () => {
  const hh = limitsFor('happyhorse');
  assert.equal(limitProblem(hh, img(1280, 720, 'jpeg'), '16:9', 5_000_000), undefined);
  assert.equal(limitProblem(hh, img(1280, 720, 'gif'), '16:9'), 'wrongFormat');
  assert.equal(limitProblem(hh, img(1280, 299), '16:9'), 'tooSmall');
  assert.equal(limitProblem(hh, img(1280, 720), '16:9', 21 * 1024 * 1024), 'tooManyBytes');
  assert.equal(limitProblem(hh, img(1280, 720), '16:9'), undefined, 'an unknown file size is not a problem');
});

test('a family that documents nothing, or a name like a property, has no limits', () => {
  for (const family of ['veo', 'custom', 'toString', '__proto__']) assert.deepEqual(limitsFor(family), {});
  assert.equal(limitProblem(limitsFor('veo'), img(10, 5000), '16:9'), undefined);
});
