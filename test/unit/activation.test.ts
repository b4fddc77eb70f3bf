// Activation (src/vscode/extension.ts): everything registered, nothing started without work, the
// engine started after activation returns when stored tasks need it, and tree refreshes coalesced.
import { describe, test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionContext, fake, resetFake, setConfig } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { activate as activateExtension } from '../../src/vscode/extension';
import { TaskTreeProvider } from '../../src/vscode/views/taskTree';
import { makeTask } from '../helpers/tasks';
import { MemoryMemento } from '../fixtures/memento';
import { STORE_KEY, STORE_VERSION } from '../../src/persistence/repository';
import { openStore } from '../helpers/store';
import { Commands, Panels, StateKeys } from '../../src/domain/ids';


const tick = () => new Promise((r) => setTimeout(r, 5));
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
const contributed = manifest.contributes.commands.map((c) => c.command);

function activate(globalState: Record<string, unknown> = {}) {
  const context = extensionContext(undefined, globalState);
  activateExtension(context as never);
  /** The engine's first act when it starts is to claim the polling lease. */
  const engineStarted = () => context.globalState.get(StateKeys.lease) !== undefined;
  return { context, engineStarted };
}
const loaded = (part: string) => Object.keys(require.cache).some((f) => f.includes(part));
const undiciLoaded = () => loaded(`${path.sep}undici${path.sep}`);

let last: { subscriptions: Array<{ dispose(): void }> } | undefined;
beforeEach(() => resetFake(last));
after(() => resetFake(last));

describe('activation', () => {
  test('registers every command, every panel serializer and the view; settled tasks start nothing', async () => {
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [makeTask({ phase: 'completed', status: 'completed', download: { state: 'done', attempts: 1, path: '/x' } })] } });
    last = a.context;
    assert.ok(contributed.length >= 15);
    assert.deepEqual([...fake.commands.keys()].sort(), [...contributed].sort());
    assert.deepEqual([...fake.serializers.keys()].sort(), Object.values(Panels).sort());
    assert.deepEqual(fake.treeViews.map((v) => v.id), ['sora.tasks']);
    await tick();
    assert.equal(a.engineStarted(), false, 'the engine stays idle without a user action or pending work');
    assert.equal(undiciLoaded(), false, 'the network stack is not loaded');
    assert.equal(loaded(path.join('src', 'vscode', 'core.ts')), false, 'the lazy core is not loaded');
    assert.equal(loaded(`${path.sep}zod${path.sep}`), false, 'zod is not loaded');
  });

  test('a finished task whose download expired or failed for good is settled: nothing starts', async () => {
    const done = (state: 'expired' | 'failed', n: number) =>
      makeTask({ phase: 'completed', status: 'completed', remoteId: `sora_${n}`, videoUrl: 'http://127.0.0.1:9/v.mp4', download: { state, attempts: 99, error: 'gone' } });
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [done('expired', 1), done('failed', 2)] } });
    last = a.context;
    await tick();
    assert.equal(a.engineStarted(), false);
  });

  test('with sora.autoDownload off, a completed unsaved task is settled: nothing starts, until the setting is turned on', async () => {
    fake.settings.set('sora.autoDownload', false);
    const completed = makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_1', videoUrl: 'http://127.0.0.1:9/v.mp4' });
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [completed] } });
    last = a.context;
    await tick();
    assert.equal(a.engineStarted(), false);
    setConfig('sora.autoDownload', true);
    await tick();
    assert.equal(a.engineStarted(), true, 'turning the setting on starts the engine for the unsaved video');
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
    await fake.commands.get(Commands.copyPrompt)!(task.localId);
    assert.deepEqual(fake.clipboard, ['a red fox']);
    await fake.commands.get(Commands.copyTaskId)!('nope');
    assert.deepEqual(fake.clipboard, ['a red fox']);
  });

  test('sora.customModels: a broken entry is named once after activation, again when the setting changes, never while it is fine', async () => {
    const warnings = () => fake.messages.filter((m) => m.level === 'warning').map((m) => m.message);
    fake.settings.set('sora.customModels', [{ id: 'acme_v1', createPath: '/v1/acme/videos', fields: { mood: { type: 'string', values: [] } } }]);
    const a = activate();
    last = a.context;
    assert.deepEqual(warnings(), [], 'nothing during activation');
    await tick();
    assert.equal(warnings().length, 1);
    assert.match(warnings()[0], /^These custom models are left out, and nothing is sent with them: sora\.customModels entry 1 \("acme_v1"\), fields\.mood\.values: /);
    setConfig('sora.customModels', [{ id: 'acme_v1', createPath: '/v1/acme/videos', fields: { mood: { type: 'string', values: ['calm'] } } }]);
    await tick();
    assert.equal(warnings().length, 1, 'a fixed entry says nothing');
    setConfig('sora.customModels', [{ id: 'acme_v1', createPath: 'v1/acme' }]);
    await tick();
    assert.equal(warnings().length, 2);
    assert.match(warnings()[1], /entry 1 \("acme_v1"\), createPath: /);
  });

  test('the view lists the stored tasks and refreshes once for a batch of changes', async () => {
    const done = (n: number) => makeTask({ localId: `done-${n}`, phase: 'failed', status: 'failed' });
    const a = activate({ [STORE_KEY]: { version: STORE_VERSION, tasks: [done(1), done(2), done(3)] } });
    last = a.context;
    const provider = fake.treeViews[0].provider as TaskTreeProvider;
    let events = 0;
    provider.onDidChangeTreeData(() => events++);
    const children = provider.getChildren();
    assert.deepEqual([...children].sort(), ['done-1', 'done-2', 'done-3']);
    const item = provider.getTreeItem('done-2');
    assert.match(String(item.description), /^failed/);
    await tick();
    events = 0;
    fake.messageAnswers.push('Clear');
    await fake.commands.get(Commands.clearFinished)!();
    await tick();
    assert.equal(events, 1);
    assert.deepEqual(provider.getChildren(), []);
  });
});

describe('tree refreshes', () => {
  test('many status changes in one tick cause one refresh event', async () => {
    const store = openStore(new MemoryMemento());
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

