// Activation (src/vscode/extension.ts): everything registered, nothing started without work, the
// engine started after activation returns when stored tasks need it, and tree refreshes coalesced.
import { describe, test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installFakeVscode, resetFake } from '../helpers/vscode-lite';
import { makeTask } from '../helpers/tasks';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { STORE_KEY, STORE_VERSION, TaskStore } from '../../src/persistence/repository';
import { Commands, Panels, StateKeys } from '../../src/domain/ids';
import type * as ExtensionModule from '../../src/vscode/extension';
import type * as TaskTreeModule from '../../src/vscode/views/taskTree';

const fake = installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports -- the fake vscode module must be installed before these load */
const { activate: activateExtension } = require('../../src/vscode/extension') as typeof ExtensionModule;
const { TaskTreeProvider } = require('../../src/vscode/views/taskTree') as typeof TaskTreeModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The view's provider as VS Code calls it: any result may be a promise. */
interface TreeProvider {
  onDidChangeTreeData(listener: () => void): unknown;
  getChildren(): string[] | PromiseLike<string[]>;
  getTreeItem(id: string): { description?: string | boolean } | PromiseLike<{ description?: string | boolean }>;
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
const contributed = manifest.contributes.commands.map((c) => c.command);

function activate(globalState: Record<string, unknown> = {}) {
  const context = fake.context(globalState) as Parameters<typeof activateExtension>[0];
  activateExtension(context);
  /** The engine's first act when it starts is to claim the polling lease. */
  const engineStarted = () => context.globalState.get(StateKeys.lease) !== undefined;
  return { context, engineStarted };
}
const undiciLoaded = () => Object.keys(require.cache).some((f) => f.includes(`${path.sep}undici${path.sep}`));

let last: { subscriptions: Array<{ dispose(): void }> } | undefined;
beforeEach(() => resetFake(fake, last));
after(() => resetFake(fake, last));

describe('activation', () => {
  test('registers every command, both panel serializers and the view; settled tasks start nothing', async () => {
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [makeTask({ phase: 'completed', status: 'completed', download: { state: 'done', attempts: 1, path: '/x' } })] } });
    last = a.context;
    assert.ok(contributed.length >= 15);
    assert.deepEqual([...fake.commands.keys()].sort(), [...contributed].sort());
    assert.deepEqual([...fake.serializers.keys()].sort(), [Panels.composer, Panels.videoPreview].sort());
    assert.deepEqual(fake.treeViews.map((v) => v.id), ['sora.tasks']);
    await tick();
    assert.equal(a.engineStarted(), false, 'the engine stays idle without a user action or pending work');
    assert.equal(undiciLoaded(), false, 'the network stack is not loaded');
  });

  test('a stored running task starts the engine after activation has returned, not during it', async () => {
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [makeTask({ phase: 'active', remoteId: 'sora_1' })] } });
    last = a.context;
    assert.equal(a.engineStarted(), false);
    await tick();
    assert.equal(a.engineStarted(), true);
  });

  test('a command runs with its arguments; an unknown task id does nothing', async () => {
    const task = makeTask({ phase: 'failed', status: 'failed', settings: { prompt: 'a red fox', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } });
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [task] } });
    last = a.context;
    const copied: string[] = [];
    const api = fake.api as { env: { clipboard: { writeText(s: string): Promise<void> } } };
    api.env.clipboard.writeText = (s: string) => {
      copied.push(s);
      return Promise.resolve();
    };
    await fake.commands.get(Commands.copyPrompt)!(task.localId);
    assert.deepEqual(copied, ['a red fox']);
    await fake.commands.get(Commands.copyTaskId)!('nope');
    assert.deepEqual(copied, ['a red fox']);
  });

  test('the view lists the stored tasks and refreshes once for a batch of changes', async () => {
    const done = (n: number) => makeTask({ localId: `done-${n}`, phase: 'failed', status: 'failed' });
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [done(1), done(2), done(3)] } });
    last = a.context;
    const provider = fake.treeViews[0].provider as TreeProvider;
    let events = 0;
    provider.onDidChangeTreeData(() => events++);
    const children = await provider.getChildren();
    assert.deepEqual([...children].sort(), ['done-1', 'done-2', 'done-3']);
    const item = await provider.getTreeItem('done-2');
    assert.match(String(item.description), /^failed/);
    await tick();
    events = 0;
    await fake.commands.get(Commands.clearFinished)!();
    await tick();
    assert.equal(events, 1);
    assert.deepEqual(await provider.getChildren(), []);
  });
});

describe('tree refreshes', () => {
  test('many status changes in one tick cause one refresh event', async () => {
    const store = new TaskStore(new MemoryMemento(), new MemoryLog());
    const tasks = Array.from({ length: 50 }, () => makeTask({ phase: 'active', remoteId: 'x' }));
    for (const t of tasks) await store.put(t);
    const keys = { has: () => Promise.resolve(true), onDidChange: () => ({ dispose() {} }) };
    const tree = new TaskTreeProvider(store, keys as never);
    await tick();
    let events = 0;
    tree.onDidChangeTreeData(() => events++);
    for (const t of tasks) void store.update(t.localId, (c) => ({ ...c, status: 'processing' }));
    assert.equal(events, 0, 'nothing fires synchronously');
    await tick();
    assert.equal(events, 1);
    void store.update(tasks[0].localId, (c) => ({ ...c, status: 'completed', phase: 'completed' }));
    await tick();
    assert.equal(events, 2, 'a later tick refreshes again');
    tree.dispose();
  });
});

