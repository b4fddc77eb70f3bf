// The image limits each family documents (domain/referenceLimits.ts), applied to a model's image
// fields: in the webview's state (which image is asked about, where its verdict shows) and by the
// host before a submit (modelImages.ts), with one sentence for each problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '../../webview/state';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { fieldMessageTemplates } from '../../src/domain/models/messages';
import { checkRequest, type ModelRequest } from '../../src/domain/models/check';
import { judgeProbeByLimits } from '../../src/domain/reference';
import type { ImageLimits } from '../../src/domain/referenceLimits';
import type { ReferencePreflight } from '../../src/engine/preflight';
import { composerModels, composerStrings } from '../../src/vscode/composer/strings';
import { imagesProblem } from '../../src/vscode/composer/modelImages';
import type { Draft } from '../../src/shared/protocol';

const strings = composerStrings();
const catalogue = makeCatalogue();
const profiles = composerModels(catalogue.profiles, undefined);
const FIRST = 'https://img.example/first.png';
const draft = (model: string, fields: Draft['fields']): Draft => ({ prompt: 'A kite', model, aspectRatio: '16:9', seconds: 8, referenceImage: '', fields });
const state = (d: Draft) => S.initialState(d, undefined, undefined, true, { profiles, templates: fieldMessageTemplates() });

test('another model\'s image is asked about by its family\'s limits, and its verdict shows under that field', () => {
  const s2 = state(draft('seedance_2_0_pro', { first_image: FIRST, aspect_ratio: '9:16' }));
  const about = S.wantedCheck(s2);
  assert.deepEqual(about, { url: FIRST, aspectRatio: '9:16', model: 'seedance_2_0_pro' });
  const bad = S.verdict(s2, about, 'error', 'too small');
  assert.deepEqual(S.fieldMessages(bad, strings)['field:first_image'], ['too small']);
  assert.equal(S.attempted(bad, strings).blocked, 'field:first_image');
  assert.equal(S.wantedCheck(bad), undefined, 'settled');
  const other = S.modelChosen(bad, 'seedance_2_0_fast_pro');
  assert.equal(S.currentVerdict(other), undefined, 'a verdict holds for the model it was asked for');
  assert.equal(S.wantedCheck(other)?.model, 'seedance_2_0_fast_pro');

  assert.equal(S.wantedCheck(state(draft('videos', { first_image: FIRST, last_image: FIRST }))), undefined, 'Videos documents no limits: nothing to ask');
  assert.equal(S.wantedCheck(state(draft('seedance_2_0_pro', { referenceImages: `${FIRST} ${FIRST}` }))), undefined, 'two URLs in one field: not one image');
});

function fakePreflight(sizes: Record<string, [number, number]>, asked: string[]): ReferencePreflight {
  return {
    checkLimits: async (url: string, limits: ImageLimits, ratio = '') => {
      asked.push(url);
      const [width, height] = sizes[url];
      return judgeProbeByLimits({ kind: 'image', size: { width, height, format: 'png' } }, limits, ratio);
    },
  } as unknown as ReferencePreflight;
}

function request(model: string, values: Record<string, unknown>): ModelRequest {
  const check = checkRequest(catalogue.find(model)!, { prompt: 'A kite', ...values });
  assert.ok(check.ok, JSON.stringify(check));
  return check.request;
}

test('before a submit the host measures each image of a family with limits and names the first that breaks them', async () => {
  const asked: string[] = [];
  const sizes: Record<string, [number, number]> = { 'https://a/ok.png': [1920, 1080], 'https://a/small.png': [200, 200], 'https://a/thin.png': [3000, 1000] };
  const preflight = fakePreflight(sizes, asked);
  assert.deepEqual(await imagesProblem(preflight, request('seedance_2_0_pro', { referenceImages: ['https://a/ok.png', 'https://a/small.png'] })), {
    key: 'referenceImages',
    message: 'This image is 200×200; Seedance 2.0 needs at least 300 px on each side.',
  });
  assert.deepEqual(await imagesProblem(preflight, request('seedance_2_0_pro', { first_image: 'https://a/thin.png' })), {
    key: 'first_image',
    message: 'This image is 3000×1000; Seedance 2.0 needs a width-to-height ratio between 0.4 and 2.5.',
  });
  assert.equal(await imagesProblem(preflight, request('seedance_2_0_pro', { first_image: 'https://a/ok.png' })), undefined);
  asked.length = 0;
  assert.equal(await imagesProblem(preflight, request('videos', { duration: 5, first_image: 'https://a/small.png', last_image: 'https://a/small.png' })), undefined);
  assert.deepEqual(asked, [], 'a family without documented limits is not probed');
});
