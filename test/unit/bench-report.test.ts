// The bench's goal checks (tools/bench/report.ts): "memory does not grow with file size" fails only
// when the 2 GB download uses more, never less.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { rssDoesNotGrow } from '../../tools/bench/report';

test('a 2 GB download using less RSS than 500 MB meets the goal (the two-sided check called it a failure)', () => {
  assert.equal(rssDoesNotGrow(30.4, 44.0), true);
  assert.equal(rssDoesNotGrow(0, 44.0), true);
});

test('RSS growth up to 10 % above the 500 MB one plus 5 MB meets the goal, more does not', () => {
  assert.equal(rssDoesNotGrow(44.0, 44.0), true);
  assert.equal(rssDoesNotGrow(53.4, 44.0), true);
  assert.equal(rssDoesNotGrow(53.5, 44.0), false);
  // Growing with the file (four times the bytes) is what the goal is there to catch.
  assert.equal(rssDoesNotGrow(4 * 44.0, 44.0), false);
});

test('a missing measurement does not meet the goal', () => {
  assert.equal(rssDoesNotGrow(NaN, 44.0), false);
  assert.equal(rssDoesNotGrow(30.4, NaN), false);
});
