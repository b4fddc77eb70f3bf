// The one matching rule of the task filter (the Tasks view now, the gallery later), the words the
// view's description gives it, and reading a filter back from workspace state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterDescription, familyOf, isFilterActive, matchesFilter, readFilter, statusGroup, type TaskFilter } from '../../src/domain/taskFilter';
import type { ModelTaskSettings, Task } from '../../src/domain/task';
import { makeTask } from '../helpers/tasks';

const veo: ModelTaskSettings = { prompt: 'A cat naps on a warm windowsill', model: 'veo_3_1_fast', family: 'veo', familyLabel: 'VEO 3.1', fields: { aspect_ratio: '16:9' }, typicalMs: 300_000 };

const tasks = {
  queued: makeTask({ settings: { prompt: 'Lighthouse in a storm', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } }),
  processing: makeTask({ status: 'processing', remoteId: 'sora_proc_42' }),
  refused: makeTask({ status: 'processing', remoteId: 'sora_gone_404', poll: { errors: 3, refused: { status: 404, count: 3 } } }),
  sending: makeTask({ phase: 'submitting', status: 'submitting' }),
  unknown: makeTask({ phase: 'unknown', status: 'unknown' }),
  savedCat: makeTask({ phase: 'completed', status: 'completed', remoteId: 'veo_task_cat_1', settings: veo, download: { state: 'done', path: '/v/cat.mp4', attempts: 1 } }),
  expired: makeTask({ phase: 'completed', status: 'completed', settings: { prompt: 'A dog on a skateboard', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 4 }, download: { state: 'expired', attempts: 1 } }),
  failed: makeTask({ phase: 'failed', status: 'failed', error: 'content policy', settings: { ...veo, prompt: 'A cat juggling knives' } }),
} satisfies Record<string, Task>;
const all = Object.values(tasks);
const kept = (filter: TaskFilter): Task[] => all.filter((t) => matchesFilter(t, filter));

test('status groups: sending covers an unknown outcome, attention a task no longer checked, completed every finished video', () => {
  assert.deepEqual(
    all.map(statusGroup),
    ['queued', 'processing', 'attention', 'sending', 'sending', 'completed', 'completed', 'failed'],
  );
});

test('an empty filter keeps every task and is not active', () => {
  for (const f of [{}, { statuses: [] }, { text: '   ' }] satisfies TaskFilter[]) {
    assert.equal(isFilterActive(f), false, JSON.stringify(f));
    assert.deepEqual(kept(f), all);
  }
});

test('statuses keep the tasks of any chosen group', () => {
  assert.deepEqual(kept({ statuses: ['completed'] }), [tasks.savedCat, tasks.expired]);
  assert.deepEqual(kept({ statuses: ['failed', 'attention'] }), [tasks.refused, tasks.failed]);
});

test('the family of a Sora task is Sora; any other task names its own', () => {
  assert.deepEqual(familyOf(tasks.queued), { id: 'sora', label: 'Sora' });
  assert.deepEqual(familyOf(tasks.failed), { id: 'veo', label: 'VEO 3.1' });
  assert.deepEqual(kept({ family: { id: 'veo', label: 'VEO 3.1' } }), [tasks.savedCat, tasks.failed]);
  assert.equal(kept({ family: { id: 'sora', label: 'Sora' } }).length, all.length - 2);
});

test('text matches prompt, task id, model, family and status, any case, every word', () => {
  assert.deepEqual(kept({ text: 'CAT' }), [tasks.savedCat, tasks.failed], 'the prompt, in any case');
  assert.deepEqual(kept({ text: 'proc_42' }), [tasks.processing], 'the task id');
  assert.deepEqual(kept({ text: 'openAiSora2Pro' }), [tasks.expired], 'the model');
  assert.deepEqual(kept({ text: 'veo 3.1' }), [tasks.savedCat, tasks.failed], 'the family label, both words');
  assert.deepEqual(kept({ text: 'failed' }), [tasks.failed], 'the status');
  assert.deepEqual(kept({ text: 'cat juggling' }), [tasks.failed], 'every word must occur');
  assert.deepEqual(kept({ text: 'cat zebra' }), [], 'a word found nowhere keeps nothing');
});

test('the parts of a filter narrow together', () => {
  assert.deepEqual(kept({ statuses: ['completed'], family: { id: 'veo', label: 'VEO 3.1' }, text: 'cat' }), [tasks.savedCat]);
  assert.deepEqual(kept({ statuses: ['completed'], text: 'juggling' }), []);
});

test('the description names the statuses in a fixed order, the family and the quoted text; empty when nothing is filtered', () => {
  assert.equal(filterDescription({ statuses: ['completed'], family: { id: 'veo', label: 'VEO 3.1' }, text: 'cat' }), 'completed · VEO 3.1 · "cat"');
  assert.equal(filterDescription({ statuses: ['failed', 'queued', 'attention'] }), 'queued, needs attention, failed');
  assert.equal(filterDescription({ text: '  a dog ' }), '"a dog"');
  assert.equal(filterDescription({}), '');
});

test('a stored filter is read back; anything not understood is dropped', () => {
  const good: TaskFilter = { statuses: ['queued', 'failed'], family: { id: 'veo', label: 'VEO 3.1' }, text: 'cat' };
  assert.deepEqual(readFilter(JSON.parse(JSON.stringify(good))), good);
  for (const bad of [undefined, null, 'completed', 42, []]) assert.deepEqual(readFilter(bad), {}, JSON.stringify(bad));
  assert.deepEqual(readFilter({ statuses: ['done', 'failed', 7], family: { id: 3, label: 'x' }, text: 5 }), { statuses: ['failed'] });
  assert.deepEqual(readFilter({ family: { id: '', label: 'x' }, text: 'x'.repeat(501) }), {});
});
