// Find Task's ranking (src/domain/taskSearch.ts): which tasks the pick holds for what is typed, and in what order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIND_CAP, rankTasks, searchable } from '../../src/domain/taskSearch';
import { searchWords } from '../../src/domain/taskFilter';

const task = (id: string, prompt: string, createdAt: number, status = 'completed', model = 'sora-2') =>
  searchable(id, [prompt, status, model, 'Sora', `task_${id}`, `local-${id}`], [`task_${id}`, `local-${id}`], createdAt);

const library = [
  task('a', 'A lighthouse in a storm at night', 1),
  task('b', 'Storm clouds over a quiet lighthouse', 2),
  task('c', 'A cat naps on a warm windowsill', 3, 'failed', 'veo-3.1'),
  task('d', 'Reflections of a lighthouse on the lake', 4, 'queued'),
  task('e', 'A Dog rides a SKATEBOARD downhill', 5),
];

test('every word must match, in any order and any case', () => {
  assert.deepEqual(rankTasks(library, 'STORM lighthouse'), ['b', 'a']);
  assert.deepEqual(rankTasks(library, 'skateboard dog'), ['e']);
  assert.deepEqual(rankTasks(library, 'lighthouse zebra'), []);
  assert.deepEqual(rankTasks(library, '  cat   windowsill '), ['c']);
});

test('the query typed as one phrase comes before the same words apart', () => {
  assert.deepEqual(rankTasks(library, 'lighthouse storm'), ['b', 'a'], 'words apart in both: newest first');
  assert.deepEqual(rankTasks(library, 'a lighthouse'), ['d', 'a', 'b'], 'd and a hold the phrase; b, newer than a, holds the words apart');
});

test('words at the start of a word come before words inside one', () => {
  const xs = [task('x', 'a rainstorm', 10), task('y', 'a storm', 1)];
  assert.deepEqual(rankTasks(xs, 'storm'), ['y', 'x']);
});

test('the task id and the local id find their task, a whole id first', () => {
  assert.deepEqual(rankTasks(library, 'task_c'), ['c']);
  assert.deepEqual(rankTasks(library, 'LOCAL-D'), ['d']);
  const ids = [task('ab', 'x', 1), task('a', 'x', 9), task('abc', 'x', 5)];
  assert.deepEqual(rankTasks(ids, 'task_ab'), ['ab', 'abc'], 'the whole id before an id it starts, even an older one');
});

test('status and model words match', () => {
  assert.deepEqual(rankTasks(library, 'failed'), ['c']);
  assert.deepEqual(rankTasks(library, 'queued lighthouse'), ['d']);
  assert.deepEqual(rankTasks(library, 'veo'), ['c']);
});

test('newest first among equals, and an empty query gives the newest', () => {
  assert.deepEqual(rankTasks(library, 'lighthouse'), ['d', 'b', 'a']);
  assert.deepEqual(rankTasks(library, ''), ['e', 'd', 'c', 'b', 'a']);
  assert.deepEqual(rankTasks(library, '   '), ['e', 'd', 'c', 'b', 'a']);
});

test('at most the cap, the best ones', () => {
  const many = Array.from({ length: 2000 }, (_, i) => task(String(i), i % 2 ? 'a red kite' : 'a blue kite', i));
  assert.ok(FIND_CAP >= 20 && FIND_CAP <= 500, `a few screenfuls, far fewer than a library: ${FIND_CAP}`);
  const newest = rankTasks(many, '');
  assert.equal(newest.length, FIND_CAP);
  assert.deepEqual(newest.slice(0, 3), ['1999', '1998', '1997']);
  const red = rankTasks(many, 'red kite', 10);
  assert.deepEqual(red, ['1999', '1997', '1995', '1993', '1991', '1989', '1987', '1985', '1983', '1981']);
  assert.deepEqual(rankTasks(many, 'kite', 0), []);
});

test('searchWords splits on white space, lower-cases and drops repeats', () => {
  assert.deepEqual(searchWords(' Storm\tstorm  LIGHTHOUSE\n'), ['storm', 'lighthouse']);
  assert.deepEqual(searchWords(''), []);
});

test('a phrase is matched across a line break of the prompt', () => {
  const xs = [task('n', 'a lighthouse\n\nat dawn', 1), task('m', 'dawn at a lighthouse', 2)];
  assert.deepEqual(rankTasks(xs, 'lighthouse at dawn'), ['n', 'm']);
});
