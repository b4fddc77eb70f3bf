// The words of the language-model tools: what the user confirms and what the calling model reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfirmation, createResultText, taskListText, taskText, type TaskFacts } from '../../src/domain/toolText';

const facts = (over: Partial<TaskFacts> = {}): TaskFacts => ({
  id: 'sora_1',
  status: 'queued',
  filters: ['running', 'queued'],
  settings: 'openAiSora2Plus · 16:9 · 8s',
  prompt: 'A red kite over dunes',
  createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  ...over,
});

test('the confirmation names the model, the length, the cost and what is sent', () => {
  const c = createConfirmation('openAiSora2Pro', 12, { prompt: 'A red kite', aspect_ratio: '9:16', seconds: 12 });
  assert.equal(c.title, 'Create a paid video with openAiSora2Pro?');
  assert.equal(c.message, 'Model openAiSora2Pro, 12 seconds, cost unknown (the service reports it when the task finishes).\nSettings: aspect_ratio 9:16, seconds 12.\nPrompt: "A red kite"');
  assert.match(createConfirmation('veo_3_1_fast', undefined, { prompt: 'x' }).message, /^Model veo_3_1_fast, the model's default length, cost unknown/);
});

test('each create outcome says what happened, the id, and what to do next', () => {
  assert.match(createResultText({ kind: 'created', task: facts(), typicalMinutes: 5 }), /^Created task sora_1 \(openAiSora2Plus · 16:9 · 8s\)\. Its status is queued; .* about 5 minutes\. .*sora_getTask with id "sora_1"/);
  assert.match(createResultText({ kind: 'rejected', task: facts(), message: 'Bad prompt.' }), /^The service refused task sora_1: Bad prompt\. Nothing else was sent\./);
  assert.match(createResultText({ kind: 'notSent', message: 'HTTP 401.', keyRefused: true }), /^Nothing was created: HTTP 401\. The user can fix the key/);
  assert.doesNotMatch(createResultText({ kind: 'notSent', message: 'HTTP 400.', keyRefused: false }), /Set API Key/);
  assert.match(createResultText({ kind: 'unknown', message: 'timed out' }), /\(timed out\).*Do not call sora_createVideo again/);
  assert.match(createResultText({ kind: 'noKey' }), /^No Sora API key is set, so nothing was sent\..*Sora: Set API Key/);
  assert.match(createResultText({ kind: 'noKey', refusedOrigin: 'https://other.example' }), /^Nothing was sent: your API key is not confirmed for https:\/\/other\.example\./);
});

test("a task's report: status, settings, prompt, time, the file or the link, the error, the cost, and the next step", () => {
  assert.equal(
    taskText(facts()),
    'Task sora_1: queued.\nModel and settings: openAiSora2Plus · 16:9 · 8s.\nPrompt: "A red kite over dunes"\nCreated: 2026-01-02T03:04:05.000Z.\nIt is still running; check again later with sora_getTask.',
  );
  const done = taskText(facts({ status: 'completed', filters: ['completed'], videoPath: '/v/sora_1.mp4', videoUrl: 'https://cdn/v.mp4?…', cost: 0.4 }));
  assert.match(done, /Video file: \/v\/sora_1\.mp4\nCost reported by the service: 0\.4\.\nThe video is finished and saved\.$/);
  assert.doesNotMatch(done, /cdn/, 'a saved file is reported instead of the link');
  assert.match(taskText(facts({ status: 'completed', filters: ['completed'], videoUrl: 'https://cdn/v.mp4?…' })), /Video URL \(its signed query left out\): https:\/\/cdn\/v\.mp4\?…\nThe video is finished; it has not been saved/);
  assert.match(taskText(facts({ status: 'failed', filters: ['failed'], error: 'Content\nrefused' })), /Error: Content refused\nThe task failed;/);
  assert.match(taskText(facts({ id: undefined, status: 'outcome unknown', filters: ['unknown'] })), /^Task without a service id yet: outcome unknown\.[\s\S]*unknown whether the service created it/);
});

test('the list: a head with the counts and the filter, one line per task, or what to do when empty', () => {
  const text = taskListText([facts(), facts({ id: undefined, status: 'failed', filters: ['failed'], error: 'No.' })], undefined, 7);
  assert.equal(
    text,
    '2 of 7 tasks, newest first:\n- sora_1 · queued · openAiSora2Plus · 16:9 · 8s · "A red kite over dunes"\n- (no id yet) · failed · openAiSora2Plus · 16:9 · 8s · "A red kite over dunes" · No.\nsora_getTask with an id gives the details.',
  );
  assert.match(taskListText([facts()], 'queued', 1), /^1 of 1 tasks with status queued, newest first:/);
  assert.equal(taskListText([], 'failed', 0), 'No tasks with status failed.');
  assert.match(taskListText([], undefined, 0), /empty\. sora_createVideo creates a task\./);
});
