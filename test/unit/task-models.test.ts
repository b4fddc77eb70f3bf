// A task of any model: what it keeps of the request it was sent with, how it is sent again, how its
// polling is paced from its model's typical time, and what a reply teaches a tracked task.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeInput, requestOf, settingsOf, valuesOf } from '../../src/domain/taskSettings';
import { reported, trackedSettings } from '../../src/domain/tracked';
import { FIRST_POLL_FACTOR, nextPollDelay, SORA_TYPICAL_MS, takingLongMs, typicalOf } from '../../src/domain/schedule';
import { isTakingLong } from '../../src/domain/lifecycle';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { buildBody } from '../../src/domain/models/body';
import type { ModelTaskSettings, Task } from '../../src/domain/task';
import { check, profile } from '../helpers/models';
import { makeTask } from '../helpers/tasks';

const find = (id: string) => makeCatalogue().find(id);

function request(id: string, values: Record<string, unknown>) {
  const r = check(id, values);
  assert.ok(r.ok, JSON.stringify(r));
  return r.request;
}

const grok: ModelTaskSettings = {
  prompt: 'a fox',
  model: 'grok_video3',
  family: 'grok',
  familyLabel: 'Grok Video 3',
  fields: {},
  typicalMs: 4 * 60_000,
};

describe('settingsOf / requestOf', () => {
  test('a model\'s request is kept as its model, family, typical time and the values sent; sent again, the body is the same', () => {
    const r = request('viduq3-pro', { first_image: 'https://img.example/a.png', duration: 6 });
    const s = settingsOf(r) as ModelTaskSettings;
    assert.deepEqual([s.model, s.family, s.familyLabel, s.prompt, s.typicalMs], ['viduq3-pro', 'vidu', profile('viduq3-pro').familyLabel, 'a fox', profile('viduq3-pro').typicalMs]);
    assert.equal('prompt' in s.fields, false, 'the prompt is kept once');
    assert.deepEqual(valuesOf(s), r.values);
    const again = requestOf(s, find);
    assert.ok('input' in again && 'profile' in again.input);
    assert.deepEqual(buildBody(again.input), buildBody(r));
  });

  test('a request of a built-in Sora model becomes Sora\'s settings, as stored before the catalogue', () => {
    const input = normalizeInput(request('openAiSora2Plus', { aspect_ratio: '9:16', seconds: 12, input_reference: 'https://img.example/r.png' }));
    assert.deepEqual(settingsOf(input), { prompt: 'a fox', model: 'openAiSora2Plus', aspectRatio: '9:16', seconds: 12, referenceImage: 'https://img.example/r.png' });
    const sora = settingsOf(input);
    assert.deepEqual(requestOf(sora, find), { input: sora });
  });

  test('a corrected Sora model (sora.customModels) is another profile: sent to its own create path', () => {
    const corrected = { ...profile('openAiSora2Pro'), createPath: '/v2/sora/videos' };
    const input = normalizeInput({ profile: corrected, values: { prompt: 'x', aspect_ratio: '16:9', seconds: 4 } });
    assert.ok('profile' in input);
  });

  test('settings that no longer pass their model\'s profile, or whose model is gone, are a sentence, never a request', () => {
    const bad = requestOf({ ...grok, fields: { duration: 99 } }, find);
    assert.ok('problem' in bad);
    assert.match(bad.problem, /Duration/);
    assert.deepEqual(requestOf({ ...grok, model: 'gone' }, find), { problem: 'The model gone is no longer in the catalogue (built-in models and sora.customModels).' });
  });
});

describe('pacing from the model\'s typical time', () => {
  const BASE = 15_000;
  test('Sora is paced as before: first check after 8 base intervals, taking long after 30 minutes', () => {
    const sora = makeTask();
    assert.equal(typicalOf(sora.settings), SORA_TYPICAL_MS);
    assert.equal(nextPollDelay({ ageMs: 0, baseMs: BASE, errors: 0, random: 0, typicalMs: typicalOf(sora.settings) }), FIRST_POLL_FACTOR * BASE);
    assert.equal(takingLongMs(sora.settings), 30 * 60_000);
    assert.equal(takingLongMs({ ...sora.settings, model: 'openAiSora2Pro' }), 30 * 60_000);
  });

  test('a faster model is first checked sooner, a slower one later, never before the base interval', () => {
    const first = (typicalMs: number) => nextPollDelay({ ageMs: 0, baseMs: BASE, errors: 0, random: 0, typicalMs });
    assert.equal(first(SORA_TYPICAL_MS / 2), (FIRST_POLL_FACTOR * BASE) / 2);
    assert.equal(first(SORA_TYPICAL_MS * 2), FIRST_POLL_FACTOR * BASE * 2);
    assert.equal(first(1), BASE);
  });

  test('taking longer than usual follows the model', () => {
    const task = makeTask({ remoteId: 'r', settings: grok });
    assert.equal(isTakingLong(task, task.createdAt + 6 * grok.typicalMs), false);
    assert.equal(isTakingLong(task, task.createdAt + 6 * grok.typicalMs + 1), true);
  });
});

describe('a tracked task learns its model from a reply', () => {
  const tracked = (): Task => makeTask({ remoteId: 'x', ...trackedSettings('x') });

  test('a Sora model: as before, the other settings stay unknown', () => {
    const out = reported(tracked(), { model: 'openAiSora2Pro', created: 1_700_000_000 }, find);
    assert.equal(out.settings?.model, 'openAiSora2Pro');
    assert.deepEqual(out.unreported, ['aspectRatio', 'seconds']);
    assert.equal(out.createdAt, 1_700_000_000_000);
  });

  test('another model of the catalogue: its family and typical time; its fields unknown', () => {
    const out = reported(tracked(), { model: 'grok_video3' }, find);
    assert.deepEqual(out.settings, { ...grok, prompt: trackedSettings('x').settings.prompt });
    assert.deepEqual(out.unreported, ['createdAt', 'fields']);
  });

  test('a model nobody knows stays unknown', () => {
    const out = reported(tracked(), { model: 'mystery' }, find);
    assert.equal(out.settings, undefined);
    assert.deepEqual(out.unreported, ['model', 'aspectRatio', 'seconds', 'createdAt']);
  });
});
