// Clear Finished (src/vscode/commands/taskCommands.ts) removes only list entries, never a paid video:
// it asks first, naming how many and that the saved files stay, and is offered only when there is
// something to clear.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionContext, fake, resetFake } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { registerTaskCommands } from '../../src/vscode/commands/taskCommands';
import { Commands, Contexts } from '../../src/domain/ids';
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
  assert.deepEqual(ask.options, { modal: true, detail: 'The saved video files stay in the download folder: Show Saved Videos and Open Videos Folder find them.' });
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

const tick = () => new Promise((r) => setTimeout(r, 5));

test('the sora.hasFinished context key follows the list: set at registration, updated after changes', async () => {
  const s = await listWith(['active']);
  assert.equal(fake.contexts.get(Contexts.hasFinished), false);
  const done = makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_done' });
  await s.put(done);
  await tick();
  assert.equal(fake.contexts.get(Contexts.hasFinished), true);
  fake.messageAnswers.push('Clear');
  await fake.commands.get(Commands.clearFinished)!();
  await tick();
  assert.equal(fake.contexts.get(Contexts.hasFinished), false);
  const sets = fake.executed.filter((e) => e.id === 'setContext' && e.args[0] === Contexts.hasFinished);
  assert.equal(sets.length, 3, 'set only when the answer changes, not on every store change');
});

test('Clear Finished in the view title shows only when sora.hasFinished is set', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
  };
  const entries = manifest.contributes.menus['view/title'].filter((m) => m.command === Commands.clearFinished);
  assert.equal(entries.length, 1);
  assert.equal(entries[0].when, `view == sora.tasks && ${Contexts.hasFinished}`);
});
