// Clear Finished (src/vscode/commands/taskCommands.ts) removes only list entries, never a paid video:
// it asks first, naming how many and that the saved files stay, and is offered only when there is
// something to clear.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionContext, fake, resetFake } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { registerTaskCommands } from '../../src/vscode/commands/taskCommands';
import { Commands } from '../../src/domain/ids';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import type { TaskStore } from '../../src/persistence/repository';

let context = extensionContext();
let store: TaskStore | undefined;
afterEach(() => {
  store?.dispose();
  resetFake(context);
  context = extensionContext();
});

async function listWith(phases: Array<'active' | 'completed' | 'failed'>): Promise<TaskStore> {
  store = openStore(new MemoryMemento());
  for (const phase of phases) await store.put(makeTask({ phase, status: phase, remoteId: `sora_${phase}_${Math.random()}` }));
  registerTaskCommands(context as never, { store, engine: () => ({}) as never, showLog: () => undefined });
  return store;
}

test('Clear Finished asks once, in a modal that names the count and says the saved files stay', async () => {
  const s = await listWith(['completed', 'failed', 'completed', 'active']);
  fake.messageAnswers.push('Clear');
  await fake.commands.get(Commands.clearFinished)!();
  assert.equal(fake.messages.length, 1, 'asked once');
  const ask = fake.messages[0];
  assert.deepEqual(ask.options, { modal: true, detail: 'The saved video files stay in the download folder.' });
  assert.equal(ask.message, 'Remove 3 finished tasks from the list?');
  assert.deepEqual(ask.items, ['Clear']);
  assert.deepEqual(s.all().map((t) => t.phase), ['active'], 'only the running task is left');
});

test('one finished task is named in the singular', async () => {
  await listWith(['failed', 'active']);
  await fake.commands.get(Commands.clearFinished)!();
  assert.equal(fake.messages[0].message, 'Remove 1 finished task from the list?');
});

test('Clear Finished cancelled (Escape, or the dialog closed) removes nothing', async () => {
  const s = await listWith(['completed', 'failed']);
  fake.messageAnswers.push(undefined);
  await fake.commands.get(Commands.clearFinished)!();
  assert.equal(s.all().length, 2);
});

test('with nothing finished, Clear Finished says so and asks nothing', async () => {
  const s = await listWith(['active']);
  await fake.commands.get(Commands.clearFinished)!();
  assert.equal(fake.messages.length, 1);
  assert.equal(fake.messages[0].options, undefined, 'not a modal');
  assert.equal(fake.messages[0].message, 'There are no finished tasks to clear.');
  assert.equal(s.all().length, 1);
});
