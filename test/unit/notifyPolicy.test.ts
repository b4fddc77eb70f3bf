// sora.notifications: all / failures / none, and tolerance of odd values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notifyLevel, shouldNotify, shouldWarn } from '../../src/domain/notifyPolicy';

test('all notifies both outcomes, failures only failures, none nothing', () => {
  const table = (['all', 'failures', 'none'] as const).map((l) => [l, shouldNotify(l, 'completed'), shouldNotify(l, 'failed')]);
  assert.deepEqual(table, [
    ['all', true, true],
    ['failures', false, true],
    ['none', false, false],
  ]);
});

test('unknown values fall back to all; false means none', () => {
  assert.equal(notifyLevel(undefined), 'all');
  assert.equal(notifyLevel('loud'), 'all');
  assert.equal(notifyLevel(true), 'all');
  assert.equal(notifyLevel(false), 'none');
  assert.equal(notifyLevel('failures'), 'failures');
});

test('a warning the user has to act on (a link about to expire) shows unless notifications are off', () => {
  assert.deepEqual((['all', 'failures', 'none'] as const).map(shouldWarn), [true, true, false]);
});
