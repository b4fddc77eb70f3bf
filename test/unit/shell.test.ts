// Activation (src/boot): stand-ins only, the core loaded on first use, and tree refreshes coalesced.
import { describe, test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeVscode, resetFake } from '../helpers/vscode-lite';
import { makeTask } from '../helpers/tasks';
import { MemoryLog } from '../../src/util/log';
import { archiveFor, MemoryMemento } from '../fixtures/memento';
import { STORE_KEY, STORE_VERSION, TaskStore } from '../../src/persistence/repository';

const fake = installFakeVscode();
/* eslint-disable @typescript-eslint/no-require-imports */
const { startShell, contributedCommands, entryCommands } = require('../../src/vscode/boot/shell') as typeof import('../../src/vscode/boot/shell');
const { TaskTreeProvider } = require('../../src/vscode/views/taskTree') as typeof import('../../src/vscode/views/taskTree');

const tick = () => new Promise((r) => setTimeout(r, 5));

function activate(globalState: Record<string, unknown> = {}) {
  const context = fake.context(globalState);
  let loads = 0;
  const shell = startShell(context, () => {
    loads++;
    return require('../../src/vscode/core') as typeof import('../../src/vscode/core');
  });
  return { context, shell, loads: () => loads };
}

let last: { subscriptions: Array<{ dispose(): void }> } | undefined;
beforeEach(() => resetFake(fake, last));
after(() => resetFake(fake, last));

describe('activation', () => {
  test('registers a stand-in for every palette command, the serializer and the view, and loads nothing', async () => {
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [makeTask({ phase: 'completed', status: 'completed', download: { state: 'done', attempts: 1, path: '/x' } })] } });
    last = a.context;
    const ids = entryCommands(a.context);
    assert.ok(contributedCommands(a.context).length >= 15);
    for (const id of ['sora.createVideo', 'sora.createVideoFromSelection', 'sora.setApiKey', 'sora.clearApiKey', 'sora.refreshTasks', 'sora.trackTask', 'sora.showLog', 'sora.clearFinished']) {
      assert.ok(ids.includes(id), id);
    }
    assert.ok(!ids.includes('sora.copyPrompt'), 'item-only commands need no stand-in');
    assert.deepEqual([...fake.commands.keys()].sort(), [...ids].sort());
    assert.ok(fake.serializers.has('sora.composer'));
    assert.deepEqual(fake.treeViews.map((v) => v.id), ['sora.tasks']);
    await tick();
    assert.equal(a.loads(), 0, 'the core stays unloaded without a user action or pending work');
  });

  test('a stored running task loads the core after activation has returned, not during it', async () => {
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [makeTask({ phase: 'active', remoteId: 'sora_1' })] } });
    last = a.context;
    assert.equal(a.loads(), 0);
    await tick();
    assert.equal(a.loads(), 1);
    assert.equal(a.shell.isLoaded(), true);
    await tick(); // the core starts the engine a tick later; let it, so teardown disposes it
  });

  test('a stand-in loads the core once; the real command runs with the same arguments and replaces every stand-in', async () => {
    const task = makeTask({ phase: 'failed', status: 'failed', settings: { prompt: 'a red fox', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } });
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [task] } });
    last = a.context;
    const stand = new Map(fake.commands);
    const copied: string[] = [];
    fake.api.env.clipboard.writeText = async (s: string) => void copied.push(s);
    await fake.commands.get('sora.showLog')!();
    assert.equal(a.loads(), 1);
    await fake.commands.get('sora.copyPrompt')!(task.localId);
    assert.deepEqual(copied, ['a red fox']);
    for (const id of contributedCommands(a.context)) {
      const fn = fake.commands.get(id);
      assert.ok(fn, `the core registers ${id}`);
      if (stand.has(id)) assert.notEqual(fn, stand.get(id), `${id} is the real command, not the stand-in`);
    }
    await fake.commands.get('sora.copyTaskId')!('nope');
    assert.equal(a.loads(), 1);
  });

  test('the view loads the core when first shown and forwards its (coalesced) refreshes', async () => {
    const done = (n: number) => makeTask({ localId: `done-${n}`, phase: 'failed', status: 'failed' });
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [done(1), done(2), done(3)] } });
    last = a.context;
    const provider = fake.treeViews[0].provider;
    let events = 0;
    provider.onDidChangeTreeData(() => events++);
    assert.equal(a.loads(), 0);
    const children = await provider.getChildren();
    assert.equal(a.loads(), 1);
    assert.deepEqual([...children].sort(), ['done-1', 'done-2', 'done-3']);
    const item = await provider.getTreeItem('done-2');
    assert.match(String(item.description), /^failed/);
    await tick();
    events = 0;
    await fake.commands.get('sora.clearFinished')!();
    await tick();
    assert.equal(events, 1);
    assert.deepEqual(await provider.getChildren(), []);
  });
});

describe('tree refreshes', () => {
  test('many status changes in one tick cause one refresh event', async () => {
    const store = new TaskStore(new MemoryMemento(), new MemoryLog(), { archive: archiveFor({}), autoDownload: () => true });
    const tasks = Array.from({ length: 50 }, () => makeTask({ phase: 'active', remoteId: 'x' }));
    for (const t of tasks) await store.put(t);
    const keys = { has: async () => true, onDidChange: () => ({ dispose() {} }) };
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
