// The composer host and the prompt library, with the vscode fake: a created task records its prompt
// (counted, newest first), init carries the history and the presets (also after a reload of the
// state), Save as Preset asks the name and answers the request, and the commands clear and delete
// after asking, telling an open composer at once.
import { extensionContext, fake, resetFake, type FakePanel } from '../fixtures/vscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposerPanel, type ComposerDeps } from '../../src/vscode/composer/panel';
import { ApiKeyStore } from '../../src/vscode/apiKey';
import { MemoryLog } from '../../src/util/log';
import type { TaskEngine } from '../../src/engine/engine';
import { StateKeys } from '../../src/domain/ids';
import { fromHostSchema } from '../../src/shared/protocol';
import { clearPromptHistory, deletePresetCommand } from '../../src/vscode/commands/promptLibrary';
import { VALID } from '../helpers/fuzz';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import { MemoryMemento } from '../fixtures/memento';

type Posted = { type: string; requestId?: string; message?: string; history?: Array<{ prompt: string; count: number }>; presets?: Array<{ name: string; draft: typeof VALID }> };

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
let open: FakePanel | undefined;
afterEach(() => {
  open?.dispose();
  open = undefined;
});

function setup(globalState: Record<string, unknown> = {}) {
  fake.reset();
  fake.settings.set('sora.baseUrl', 'https://api.example');
  const context = extensionContext(undefined, globalState);
  const keys = new ApiKeyStore(context.secrets, context.globalState, () => 'https://api.example');
  const store = openStore(new MemoryMemento(), new MemoryLog(), { syncMs: 0 });
  let n = 0;
  const engine = { submit: async () => ({ kind: 'created', task: makeTask({ remoteId: `sora_${++n}`, status: 'queued' }) }) } as unknown as TaskEngine;
  const deps: ComposerDeps = { context: context as never, engine: () => engine, keys, store, log: new MemoryLog(), onTaskListed: () => undefined };
  ComposerPanel.show(deps);
  const panel = fake.panels.at(-1)!.panel;
  open = panel;
  const posted = panel.posted as Posted[];
  const last = (type: string) => posted.filter((m) => m.type === type).at(-1);
  return { context, keys, panel, posted, last };
}

test('a created task records its prompt: counted, newest first, and the open composer is told', async () => {
  const { context, keys, panel, last } = setup();
  await keys.set('sk-test-key-123456');
  panel.send({ type: 'ready' });
  await tick();
  assert.deepEqual(last('init')?.history, []);
  for (const [i, prompt] of ['A lighthouse', 'A harbour', 'A lighthouse'].entries()) {
    panel.send({ type: 'submit', requestId: `r.${i}`, draft: { ...VALID, prompt } });
    await tick();
    assert.equal(last('created')?.requestId, `r.${i}`);
  }
  assert.deepEqual(last('library')?.history, [
    { prompt: 'A lighthouse', count: 2 },
    { prompt: 'A harbour', count: 1 },
  ]);
  assert.ok(fromHostSchema.safeParse(last('library')).success, 'the push is a valid protocol message');
  const stored = context.globalState.get<Array<{ prompt: string }>>(StateKeys.promptHistory);
  assert.deepEqual(stored?.map((e) => e.prompt), ['A lighthouse', 'A harbour']);
});

test('a refused draft records nothing', async () => {
  const { context, keys, panel, last } = setup();
  await keys.set('sk-test-key-123456');
  panel.send({ type: 'submit', requestId: 'r.1', draft: { ...VALID, prompt: '   ' } });
  await tick();
  assert.equal(last('invalid')?.requestId, 'r.1');
  assert.equal(context.globalState.get(StateKeys.promptHistory), undefined);
});

test('the history and presets survive a reload: a new composer over the same global state gets them in init, corrupt entries left out', async () => {
  const state = {
    [StateKeys.promptHistory]: [{ prompt: 'kept', count: 3, lastUsed: 5 }, { prompt: 42 }, 'junk'],
    [StateKeys.presets]: [{ name: 'Portrait', savedAt: 1, draft: { ...VALID, aspectRatio: '9:16' } }, { name: 'broken', savedAt: 1, draft: { prompt: 1 } }],
  };
  const { panel, last } = setup(state);
  panel.send({ type: 'ready' });
  await tick();
  const init = last('init');
  assert.deepEqual(init?.history, [{ prompt: 'kept', count: 3 }]);
  assert.deepEqual(init?.presets?.map((p) => [p.name, p.draft.aspectRatio]), [['Portrait', '9:16']]);
  assert.ok(fromHostSchema.safeParse(init).success);
});

test('Save as Preset asks for a name, saves the draft, answers the request and pushes the list; a dismissed box saves nothing', async () => {
  const { context, panel, last } = setup();
  fake.inputAnswers.push('  Tall kite ');
  panel.send({ type: 'savePreset', requestId: 'p.1', draft: { ...VALID, seconds: 12 } });
  await tick();
  assert.equal(last('info')?.requestId, 'p.1');
  assert.match(last('info')?.message ?? '', /Tall kite/);
  assert.deepEqual(last('library')?.presets?.map((p) => [p.name, p.draft.seconds]), [['Tall kite', 12]]);
  fake.inputAnswers.push(undefined);
  panel.send({ type: 'savePreset', requestId: 'p.2', draft: VALID });
  await tick();
  assert.equal(last('done')?.requestId, 'p.2');
  // The same name: replaced only once the user agrees.
  fake.inputAnswers.push('tall KITE');
  fake.messageAnswers.push(undefined);
  panel.send({ type: 'savePreset', requestId: 'p.3', draft: VALID });
  await tick();
  assert.equal(last('done')?.requestId, 'p.3');
  assert.equal(context.globalState.get<Array<{ draft: { seconds: number } }>>(StateKeys.presets)?.[0].draft.seconds, 12);
  fake.inputAnswers.push('tall KITE');
  fake.messageAnswers.push('Replace');
  panel.send({ type: 'savePreset', requestId: 'p.4', draft: VALID });
  await tick();
  assert.equal(last('info')?.requestId, 'p.4');
  assert.equal(context.globalState.get<Array<{ draft: { seconds: number } }>>(StateKeys.presets)?.[0].draft.seconds, 8);
});

test('Clear Prompt History and Delete Preset ask first; an open composer hears of the change', async () => {
  const { context, panel, last } = setup({
    [StateKeys.promptHistory]: [{ prompt: 'one', count: 1, lastUsed: 1 }],
    [StateKeys.presets]: [{ name: 'Keep', savedAt: 1, draft: VALID }, { name: 'Drop', savedAt: 1, draft: VALID }],
  });
  fake.messageAnswers.push(undefined);
  await clearPromptHistory(context);
  assert.equal(fake.messages.at(-1)?.options && (fake.messages.at(-1)?.options as { modal?: boolean }).modal, true, 'a modal question');
  assert.equal(context.globalState.get<unknown[]>(StateKeys.promptHistory)?.length, 1, 'dismissed: kept');
  fake.messageAnswers.push('Clear History');
  await clearPromptHistory(context);
  assert.equal(context.globalState.get(StateKeys.promptHistory), undefined);
  assert.deepEqual(last('library')?.history, []);

  fake.quickPickAnswers.push(0); // listed by name: Drop, Keep
  fake.messageAnswers.push('Delete');
  await deletePresetCommand(context);
  assert.deepEqual(last('library')?.presets?.map((p) => p.name), ['Keep']);
  fake.messageAnswers.push(undefined);
  await deletePresetCommand(context, 'Keep');
  assert.deepEqual(context.globalState.get<Array<{ name: string }>>(StateKeys.presets)?.map((p) => p.name), ['Keep'], 'not confirmed: kept');
  assert.ok(panel);
  resetFake(context);
});
