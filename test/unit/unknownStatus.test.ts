// A status word the extension does not know is shown as such (src/domain/task.ts unknownStatus, the tree item).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../fixtures/vscode';
import { makeTask } from '../helpers/tasks';

// After the fake above: importing it installs the vscode module this one needs.
import { statusWord } from '../../src/vscode/views/taskStatus';
import { unknownStatus } from '../../src/domain/task';

test('an open task with a status the extension does not know reads "unknown status: …"', () => {
  const task = makeTask({ phase: 'active', status: 'moderating' });
  assert.equal(unknownStatus(task), 'moderating');
  assert.equal(statusWord(task), 'unknown status: moderating');
  assert.equal(statusWord(makeTask({ phase: 'active', status: `x\n${'y'.repeat(100)}` })).length <= 16 + 30, true, 'bounded, one line');
});

test('known and local statuses read as they are', () => {
  for (const status of ['queued', 'processing', 'tracking']) {
    const task = makeTask({ phase: 'active', status });
    assert.equal(unknownStatus(task), undefined, status);
    assert.equal(statusWord(task), status);
  }
  // Only open tasks: a finished one reads by its phase.
  assert.equal(unknownStatus(makeTask({ phase: 'failed', status: 'moderating' })), undefined);
});
