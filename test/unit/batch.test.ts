// Batch files: one create per prompt line (.txt/.md) or per JSON line (.jsonl), every line checked
// against the catalogue as a sora_createVideo input, and every problem named by its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { parseCustomModels } from '../../src/domain/models/customModels';
import { batchConfirmation, batchErrorText, batchFormatOf, batchReport, planBatch, type BatchPlan } from '../../src/domain/batch';
import type { CreateDefaults } from '../../src/domain/toolInput';

const catalogue = makeCatalogue();
const defaults: CreateDefaults = { model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 };
const shots = (p: BatchPlan) => {
  assert.ok(p.ok, p.ok ? '' : p.errors.map(batchErrorText).join('\n'));
  return p.shots;
};
const errors = (p: BatchPlan) => {
  assert.equal(p.ok, false, 'expected the file to be refused');
  return p.ok ? [] : p.errors.map(batchErrorText);
};

test('the format comes from the extension, in any case; other files are not batches', () => {
  assert.equal(batchFormatOf('/w/shots.JSONL'), 'jsonl');
  assert.equal(batchFormatOf('C:\\w\\list.txt'), 'text');
  assert.equal(batchFormatOf('notes.md'), 'markdown');
  assert.equal(batchFormatOf('data.json'), undefined);
  assert.equal(batchFormatOf('README'), undefined);
});

test('a text file is one prompt per non-empty line, with the composer defaults, and keeps its line numbers', () => {
  const s = shots(planBatch('\uFEFFA red kite\r\n\r\n   \n  A paper boat  \nA lighthouse', 'text', catalogue, defaults));
  assert.deepEqual(
    s.map((x) => [x.line, x.input]),
    [
      [1, { prompt: 'A red kite', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 }],
      [4, { prompt: 'A paper boat', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 }],
      [5, { prompt: 'A lighthouse', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 }],
    ],
  );
});

test('Markdown: headings, code fences, rules and comments are skipped; list, task and quote markers are cut', () => {
  const md = ['# Shots', '', '- A red kite', '* [ ] A paper boat', '2) A lighthouse', '> A fox in snow', '---', '```', 'not a prompt', '```', '<!-- note -->', '#hashtag stays'].join('\n');
  assert.deepEqual(
    shots(planBatch(md, 'markdown', catalogue, defaults)).map((x) => [x.line, x.values.prompt]),
    [
      [3, 'A red kite'],
      [4, 'A paper boat'],
      [5, 'A lighthouse'],
      [6, 'A fox in snow'],
      [12, '#hashtag stays'],
    ],
  );
});

test('JSONL takes a model and its fields per line, like sora_createVideo', () => {
  const s = shots(
    planBatch(['{"prompt":"A red kite","seconds":4}', '', '{"prompt":"A paper boat","model":"veo_3_1_fast","resolution":"1080p"}'].join('\n'), 'jsonl', catalogue, defaults),
  );
  assert.deepEqual(s.map((x) => [x.line, x.profile.id]), [[1, 'openAiSora2Plus'], [3, 'veo_3_1_fast']]);
  assert.equal(s[0].values.seconds, 4);
  assert.equal(s[1].values.resolution, '1080p');
});

test('every invalid line is named with its number and its reason, and then nothing is planned', () => {
  const file = [
    '{"prompt":"fine"}',
    '{"prompt":"x","seconds":7}',
    'not json',
    '["a list"]',
    '{"prompt":"x","model":"no_such_model"}',
    '{"prompt":"x","duration":10}',
    '{"prompt":"  "}',
  ].join('\n');
  const e = errors(planBatch(file, 'jsonl', catalogue, defaults));
  assert.equal(e.length, 6);
  assert.match(e[0], /^Line 2: seconds: Duration must be one of: 4, 8, 12/);
  assert.match(e[1], /^Line 3: not a JSON object/);
  assert.match(e[2], /^Line 4: The input must be an object/);
  assert.match(e[3], /^Line 5: model: there is no model "no_such_model"/);
  assert.match(e[4], /^Line 6: duration is not a field of openAiSora2Plus/);
  assert.match(e[5], /^Line 7: prompt: Prompt is required/);
  const plan = planBatch(file, 'jsonl', catalogue, defaults);
  assert.equal(plan.ok ? -1 : plan.shots, 1, 'the valid line is counted, not planned');
});

test('a prompt over the model limit in a text file is refused by line', () => {
  const e = errors(planBatch(`fine\n${'x'.repeat(20_000)}`, 'text', catalogue, defaults));
  assert.equal(e.length, 1);
  assert.match(e[0], /^Line 2: prompt: /);
});

test('a file without prompts is refused', () => {
  assert.deepEqual(errors(planBatch('# Only a heading\n\n', 'markdown', catalogue, defaults)), ['The file holds no prompt.']);
  assert.deepEqual(errors(planBatch('', 'jsonl', catalogue, defaults)), ['The file holds no prompt.']);
});

test('custom models from sora.customModels are checked like built-in ones', () => {
  const custom = parseCustomModels([{ id: 'acme_v1', createPath: '/v1/acme/videos', fields: { mood: { type: 'string', values: ['calm', 'wild'], default: 'calm' } } }]);
  const withCustom = makeCatalogue(custom.profiles);
  assert.equal(shots(planBatch('{"prompt":"x","model":"acme_v1","mood":"wild"}', 'jsonl', withCustom, defaults))[0].values.mood, 'wild');
  assert.match(errors(planBatch('{"prompt":"x","model":"acme_v1","mood":"sad"}', 'jsonl', withCustom, defaults))[0], /^Line 1: mood: /);
});

test('the confirmation counts the videos per model and length and says the cost is unknown', () => {
  const plan = shots(planBatch(['{"prompt":"a"}', '{"prompt":"b"}', '{"prompt":"c","model":"veo_3_1_fast"}'].join('\n'), 'jsonl', catalogue, defaults));
  const c = batchConfirmation('shots.jsonl', plan);
  assert.equal(c.message, 'Create 3 paid videos from shots.jsonl?');
  assert.match(c.detail, /^2 × openAiSora2Plus, 8 seconds\n1 × veo_3_1_fast, /);
  assert.match(c.detail, /Estimated cost: cost unknown \(the service reports it when the task finishes\)\./);
});

test('the report names the lines not created and those not sent', () => {
  assert.deepEqual(batchReport('f.txt', 2, [{ line: 1, created: true }, { line: 3, created: true }], []), { message: 'Created 2 videos from f.txt.', problems: [] });
  const r = batchReport('f.txt', 4, [{ line: 1, created: true }, { line: 2, created: false, message: 'HTTP 400' }], [5, 6]);
  assert.equal(r.message, 'Created 1 of 4 videos from f.txt.');
  assert.deepEqual(r.problems, ['Line 2: not created: HTTP 400', 'Not sent (cancelled): lines 5, 6.']);
  assert.equal(batchReport('f.txt', 2, [{ line: 1, created: false, message: 'HTTP 401' }], [2], true).problems[1], 'Not sent, as they would be refused the same way: lines 2.');
});

test("the README's sample batch file is valid and makes three tasks", () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const sample = /```jsonl\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(sample, 'the README has a jsonl sample');
  assert.deepEqual(shots(planBatch(sample, 'jsonl', catalogue, defaults)).map((s) => s.profile.id), ['openAiSora2Plus', 'openAiSora2Pro', 'veo_3_1_fast']);
});
