// sora_createVideo's input, checked like the composer's draft: the model's profile decides, omitted
// fields take the composer's defaults, and anything the model would not get is refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { parseCustomModels } from '../../src/domain/models/customModels';
import { lengthOf, planCreate, type CreateDefaults } from '../../src/domain/toolInput';

const catalogue = makeCatalogue();
const defaults: CreateDefaults = { model: 'openAiSora2Plus', aspectRatio: '9:16', seconds: 12 };
const problems = (input: unknown, d = defaults) => {
  const plan = planCreate(input, catalogue, d);
  assert.equal(plan.ok, false, `expected ${JSON.stringify(input)} to be refused`);
  return plan.ok ? [] : plan.problems;
};

test("a prompt alone is Sora with the composer's defaults (the sora.default* settings), as Sora's settings", () => {
  const plan = planCreate({ prompt: '  A red kite  ' }, catalogue, defaults);
  assert.ok(plan.ok);
  assert.deepEqual(plan.input, { prompt: 'A red kite', model: 'openAiSora2Plus', aspectRatio: '9:16', seconds: 12 });
  assert.equal(lengthOf(plan.values), 12);
});

test("a setting the model does not take falls back to the model's own default", () => {
  const plan = planCreate({ prompt: 'x' }, catalogue, { ...defaults, seconds: 7, aspectRatio: '4:3' });
  assert.ok(plan.ok);
  assert.deepEqual(plan.values, { prompt: 'x', aspect_ratio: '16:9', seconds: 8 });
});

test("another family's model takes its profile's defaults and the given fields", () => {
  const plan = planCreate({ prompt: 'x', model: 'viduq3-pro', duration: 5, resolution: '1080p' }, catalogue, defaults);
  assert.ok(plan.ok);
  assert.equal(plan.profile.id, 'viduq3-pro');
  assert.equal(plan.values.duration, 5);
  assert.equal(plan.values.resolution, '1080p');
  assert.ok(!('aspect_ratio' in plan.values) || plan.values.aspect_ratio !== '9:16', "Sora's ratio setting does not leak into another family");
});

test('invalid input names the field in every case, and an unknown key is never silently dropped', () => {
  assert.deepEqual(problems('a fox').map((p) => p.field), ['input']);
  assert.deepEqual(problems(null).map((p) => p.field), ['input']);
  assert.deepEqual(problems({ prompt: 'x', model: 7 }).map((p) => p.field), ['model']);
  assert.match(problems({ prompt: 'x', model: 'sora3' })[0].message, /^model: there is no model "sora3"\. The models are: openAiSora2Plus, openAiSora2Pro, veo_3_1_fast/);
  assert.match(problems({ prompt: 'x', duration: 10 })[0].message, /^duration is not a field of openAiSora2Plus\. Its fields are: prompt, aspect_ratio, seconds, input_reference\.$/);
  assert.deepEqual(problems({}).map((p) => p.message), ['prompt: Prompt is required.']);
  assert.deepEqual(problems({ prompt: 'x', aspect_ratio: '1:1', seconds: '8' }).map((p) => p.field), ['aspect_ratio', 'seconds']);
  assert.match(problems({ prompt: 'x', input_reference: ['ftp://a/b.png'] })[0].message, /^input_reference: .*http/);
});

test("the default model comes from the setting, and a default the catalogue lacks is named as the model's problem", () => {
  assert.equal(problems({ prompt: 'x' }, { ...defaults, model: 'gone_model' })[0].field, 'model');
});

test('a custom model of sora.customModels is checked by its own fields', () => {
  const custom = parseCustomModels([{ id: 'acme_v1', createPath: '/v1/acme/videos', fields: { mood: { type: 'string', values: ['calm', 'wild'], default: 'calm' } } }]);
  const withCustom = makeCatalogue(custom.profiles);
  const plan = planCreate({ prompt: 'x', model: 'acme_v1' }, withCustom, defaults);
  assert.ok(plan.ok);
  assert.deepEqual(plan.values, { prompt: 'x', mood: 'calm' });
  assert.equal(lengthOf(plan.values), undefined);
  const bad = planCreate({ prompt: 'x', model: 'acme_v1', mood: 'sad' }, withCustom, defaults);
  assert.ok(!bad.ok);
  assert.match(bad.problems[0].message, /^mood: mood must be one of: calm, wild\.$/);
});
