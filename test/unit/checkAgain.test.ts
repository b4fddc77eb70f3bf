// What the user sees of tasks that need attention outside the tree item (the status bar), and the
// Check Again action: its command, and the manifest entries that show it on those tasks only.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionContext, fake, resetFake } from '../fixtures/vscode';
import { makeTask } from '../helpers/tasks';
import { openStore } from '../helpers/store';
import { MemoryMemento } from '../fixtures/memento';

// After the fake above: importing it installs the vscode module these need.
import { registerStatusBar } from '../../src/vscode/views/statusBar';
import { registerTaskCommands } from '../../src/vscode/commands/taskCommands';
import { TaskItem } from '../../src/vscode/views/taskItem';
import { Commands } from '../../src/domain/ids';
import { REFUSED_CHECKS_LIMIT } from '../../src/domain/lifecycle';
import type { TaskEngine } from '../../src/engine/engine';
import type { Task } from '../../src/domain/task';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; title: string; category?: string }>; menus: Record<string, MenuEntry[]> };
};
const nls = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.nls.json'), 'utf8')) as Record<string, string>;

let context = extensionContext();
afterEach(() => {
  resetFake(context);
  context = extensionContext();
});

const needing = (over: Partial<Task> = {}): Task =>
  makeTask({ phase: 'active', remoteId: 'sora_x', poll: { errors: 3, lastAt: Date.now(), refused: { status: 401, count: REFUSED_CHECKS_LIMIT } }, ...over });

test('the status bar counts tasks that need attention apart from the running ones', async () => {
  const store = openStore(new MemoryMemento());
  await store.put(needing());
  registerStatusBar(context as never, store);
  assert.match(fake.shown.at(-1) ?? '', /^\$\(warning\) Sora: 1 task needs attention /);
  assert.doesNotMatch(fake.shown.at(-1) ?? '', /running/, 'a task needing attention is not counted as running');
  await store.put(makeTask({ phase: 'active', remoteId: 'sora_y' }));
  await store.put(needing({ remoteId: 'sora_z' }));
  assert.match(fake.shown.at(-1) ?? '', /^\$\(clock\) Sora: 1 queued {2}\$\(warning\) 2 tasks need attention /);
  store.dispose();
});

test('Check Again asks the poller to check that task now', async () => {
  const store = openStore(new MemoryMemento());
  const task = needing();
  await store.put(task);
  const asked: string[] = [];
  const engine = { poller: { pollSoon: (id: string) => asked.push(id) } } as unknown as TaskEngine;
  registerTaskCommands(context as never, { store, engine: () => engine, showLog: () => undefined });
  await fake.commands.get(Commands.checkAgain)!(task.localId);
  await fake.commands.get(Commands.checkAgain)!('no-such-task');
  assert.deepEqual(asked, [task.localId]);
  store.dispose();
});

test('Check Again: in the manifest as "Sora: Check Again", hidden from the palette, on items that need attention only', () => {
  const cmd = manifest.contributes.commands.find((c) => c.command === Commands.checkAgain);
  assert.ok(cmd, 'contributed');
  assert.equal(nls[cmd.title.replace(/%/g, '')], 'Check Again');
  assert.equal(cmd.category, 'Sora');
  assert.ok(manifest.contributes.menus.commandPalette.some((m) => m.command === Commands.checkAgain && m.when === 'false'), 'hidden from the palette');
  const entries = manifest.contributes.menus['view/item/context'].filter((m) => m.command === Commands.checkAgain);
  assert.ok(entries.some((m) => !m.group?.startsWith('inline')), 'in the context menu');
  // The when clauses, evaluated on the contextValue of real items.
  const shows = (task: Task) => {
    const viewItem = new TaskItem(task).contextValue ?? '';
    return entries.every((m) => {
      const re = /viewItem =~ \/(.*)\/$/.exec(m.when ?? '')?.[1];
      return m.when?.includes('view == sora.tasks') && re !== undefined && new RegExp(re).test(viewItem);
    });
  };
  assert.equal(shows(needing()), true);
  assert.equal(shows(makeTask({ phase: 'active', remoteId: 'sora_y' })), false);
  assert.equal(shows(makeTask({ phase: 'completed', remoteId: 'sora_y', videoUrl: 'https://v/x.mp4' })), false);
});
