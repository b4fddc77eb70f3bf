// What a create will probably cost, from earlier tasks like it, and the words the confirmations use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateCost, estimateWords, settingsLength } from '../../src/domain/costEstimate';
import { variationsConfirmation, partialOutcome } from '../../src/domain/variations';
import { batchConfirmation, planBatch } from '../../src/domain/batch';
import { createConfirmation } from '../../src/domain/toolText';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import type { Task } from '../../src/domain/task';
import { makeTask } from '../helpers/tasks';

const sora = (seconds: 4 | 8 | 12, over: Partial<Task> = {}): Task =>
  makeTask({ phase: 'completed', status: 'completed', settings: { prompt: 'p', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds }, ...over });
const veo = (duration: number, over: Partial<Task> = {}): Task =>
  makeTask({
    phase: 'completed',
    status: 'completed',
    settings: { prompt: 'p', model: 'veo_3_1_fast', family: 'veo', familyLabel: 'VEO', fields: { duration }, typicalMs: 60_000 },
    ...over,
  });

test('no history, or none like it: unknown', () => {
  assert.equal(estimateCost([], 'openAiSora2Plus', 8), undefined);
  const tasks = [sora(4, { amount: 1 }), veo(8, { amount: 3 })];
  assert.equal(estimateCost(tasks, 'openAiSora2Plus', 8), undefined, 'another length is another price');
  assert.equal(estimateCost(tasks, 'openAiSora2Pro', 4), undefined, 'another model is another price');
  assert.equal(estimateWords(undefined), 'cost unknown (the service reports it when the task finishes)');
});

test('the average of finished tasks of the same model and length; unfinished, failed and unreported ones do not count', () => {
  const tasks = [
    sora(8, { amount: 0.1 }),
    sora(8, { amount: 0.2 }),
    sora(8, {}),
    sora(8, { amount: 99, phase: 'failed', status: 'failed' }),
    sora(8, { amount: 99, phase: 'active', status: 'processing' }),
    sora(8, { amount: Number.NaN }),
  ];
  assert.deepEqual(estimateCost(tasks, 'openAiSora2Plus', 8), { each: 0.15, unit: 'amount', samples: 2 });
  assert.deepEqual(estimateCost([sora(8, { amount: 0.1 }), sora(8, { amount: 0.2 }), sora(8, { amount: 0.3 })], 'openAiSora2Plus', 8)?.each, 0.2, 'no binary rounding shows');
});

test("another model's length comes from its duration; tokens only where no amount was reported", () => {
  assert.equal(settingsLength(veo(6).settings), 6);
  assert.equal(settingsLength(sora(12).settings), 12);
  assert.deepEqual(estimateCost([veo(6, { totalTokens: 1000 }), veo(6, { totalTokens: 2001 })], 'veo_3_1_fast', 6), { each: 1501, unit: 'tokens', samples: 2 });
  assert.deepEqual(estimateCost([veo(6, { totalTokens: 1000 }), veo(6, { amount: 2 })], 'veo_3_1_fast', 6), { each: 2, unit: 'amount', samples: 1 });
});

test('the words: one video, several, tokens', () => {
  const e = { each: 12.5, unit: 'amount' as const, samples: 6 };
  assert.equal(estimateWords(e), 'about 12.50 (the average of 6 earlier tasks like it)');
  assert.equal(estimateWords(e, 3), 'about 37.50 (3 × 12.50, the average of 6 earlier tasks like it)');
  assert.equal(estimateWords({ each: 0.1, unit: 'amount', samples: 1 }, 3), 'about 0.30 (3 × 0.10, the cost of 1 earlier task like it)');
  assert.equal(estimateWords({ each: 1500, unit: 'tokens', samples: 2 }, 2), 'about 3000 tokens (2 × 1500 tokens, the average of 2 earlier tasks like it)');
});

test('the variations question names the count, the model, the length and the estimate; a partial outcome says what was kept', () => {
  const ask = variationsConfirmation(3, 'openAiSora2Plus', 8, { each: 2, unit: 'amount', samples: 4 });
  assert.equal(ask.message, 'Create 3 paid videos with openAiSora2Plus?');
  assert.equal(ask.confirm, 'Create 3 Videos');
  assert.match(ask.detail, /^3 variations of the same prompt and settings, 8 seconds each\.\nEstimated cost: about 6\.00 \(3 × 2\.00, the average of 4 earlier tasks like it\)\./);
  assert.match(variationsConfirmation(2, 'm', undefined, undefined).detail, /each of the model's default length\.\nEstimated cost: cost unknown/);
  assert.equal(partialOutcome(0, 3, 'HTTP 500'), 'HTTP 500');
  assert.equal(partialOutcome(2, 4, 'HTTP 500'), '2 of 4 videos were created; the next one was not, so the rest were not sent: HTTP 500');
});

test('the batch and agent-mode confirmations use the same estimate', () => {
  const history = [sora(8, { amount: 1 }), sora(8, { amount: 3 }), sora(4, { amount: 1 })];
  const plan = planBatch('one\ntwo\n', 'text', makeCatalogue([]), { model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 });
  assert.ok(plan.ok, JSON.stringify(plan));
  assert.match(batchConfirmation('f.txt', plan.shots, history).detail, /Estimated cost: about 4\.00 \(from the reported cost of earlier tasks like each shot\)\./);
  assert.match(batchConfirmation('f.txt', plan.shots, []).detail, /Estimated cost: cost unknown/);
  const mixed = planBatch('{"prompt":"a"}\n{"prompt":"b","seconds":12}\n', 'jsonl', makeCatalogue([]), { model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 });
  assert.ok(mixed.ok);
  assert.match(batchConfirmation('f.jsonl', mixed.shots, history).detail, /Estimated cost: cost unknown/, 'one shot has no history like it');
  const tool = createConfirmation('openAiSora2Plus', 8, { prompt: 'p' }, estimateWords(estimateCost(history, 'openAiSora2Plus', 8)));
  assert.match(tool.message, /Model openAiSora2Plus, 8 seconds, about 2\.00 \(the average of 2 earlier tasks like it\)\./);
});
