// A task tracked by its id: its settings are unknown until the service reports them, and shown so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../fixtures/vscode';
import { applySnapshot } from '../../src/engine/poller';
import { TaskItem, taskTooltip } from '../../src/vscode/views/taskItem';
import { makeTask } from '../helpers/tasks';
import type { Task } from '../../src/domain/task';

const tracked = (): Task =>
  makeTask({ remoteId: 'sora_t1', status: 'tracking', settings: { prompt: '(tracked task sora_t1)', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 }, unreported: ['model', 'aspectRatio', 'seconds', 'createdAt'] });

test('a tracked task shows its settings as unknown, not the placeholders', () => {
  const item = new TaskItem(tracked());
  assert.doesNotMatch(String(item.description), /Plus|16:9|8s/);
  assert.match(String(item.description), /settings unknown/);
  const tip = (taskTooltip(tracked()) as unknown as { value: string }).value;
  assert.doesNotMatch(tip, /openAiSora2Plus|1280|8&nbsp;s/);
  assert.match(tip, /\*\*Model\*\*: unknown/);
  assert.match(tip, /\*\*Created\*\*: unknown/);
});

test('the model and creation time are taken from the reply; the rest stays unknown', () => {
  const next = applySnapshot(tracked(), { id: 'sora_t1', status: 'processing', state: 'processing', model: 'openAiSora2Pro', created: 1761635478 }, Date.now());
  assert.equal(next.settings.model, 'openAiSora2Pro');
  assert.equal(next.createdAt, 1761635478 * 1000);
  assert.deepEqual(next.unreported, ['aspectRatio', 'seconds']);
  const description = String(new TaskItem(next).description);
  assert.match(description, /Pro · \? · \?/);
});

test('a model the extension does not know is not taken as the task\'s model', () => {
  const next = applySnapshot(tracked(), { id: 'sora_t1', status: 'queued', state: 'queued', model: 'somethingElse' }, Date.now());
  assert.ok(next.unreported?.includes('model'));
});

test('a task created here has no unreported settings and shows them as before', () => {
  const item = new TaskItem(makeTask({ settings: { prompt: 'p', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12 } }));
  assert.match(String(item.description), /Pro · 9:16 · 12s/);
});
