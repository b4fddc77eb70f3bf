// Create Again… of a task of any model: the composer opens with that model and its values; a model
// no longer in the catalogue is said so, and the composer opens with the prompt.
import { extensionContext, fake } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerCreateCommands } from '../../src/vscode/commands/createCommands';
import type { ComposerDeps } from '../../src/vscode/composer/panel';
import { ApiKeyStore } from '../../src/vscode/apiKey';
import { MemoryLog } from '../../src/util/log';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import type { TaskStore } from '../../src/persistence/repository';
import type { TaskEngine } from '../../src/engine/engine';
import { fromHostSchema, type Draft } from '../../src/shared/protocol';

const fields = { duration: 6, ratio: '9:16', first_image: 'https://img.example/f.png', last_image: 'https://img.example/l.png' };
const settingsOf = (model: string) => ({ prompt: 'A kite over dunes', model, family: 'videos', familyLabel: 'Videos', fields, typicalMs: 240_000 });

async function createAgain(model: string): Promise<Draft> {
  fake.reset();
  const context = extensionContext('/ext');
  const keys = new ApiKeyStore(context.secrets, context.globalState, () => 'https://api.example');
  const store = { get: () => ({ localId: 't1', settings: settingsOf(model) }), onDidChange: () => ({ dispose: () => undefined }) } as unknown as TaskStore;
  const deps: ComposerDeps = { context: context as never, engine: () => ({}) as TaskEngine, keys, store, log: new MemoryLog(), onTaskListed: () => undefined, models: () => makeCatalogue() };
  registerCreateCommands(context as never, deps, store);
  await fake.commands.get('sora.createAgain')!('t1');
  const { panel } = fake.panels[0];
  panel.send({ type: 'ready' });
  await new Promise((r) => setTimeout(r, 20));
  const init = fromHostSchema.parse(panel.posted.find((m) => (m as { type: string }).type === 'init'));
  panel.dispose();
  assert.equal(init.type, 'init');
  return init.draft;
}

test('Create Again of a Videos task opens the composer with that model and every value that was sent', async () => {
  const draft = await createAgain('videos_stable');
  assert.equal(draft.model, 'videos_stable');
  assert.equal(draft.prompt, 'A kite over dunes');
  assert.deepEqual(draft.fields, fields);
  assert.deepEqual(fake.messages, [], 'nothing to warn about');
});

test('Create Again of a task whose model left the catalogue says so and opens with the prompt only', async () => {
  const draft = await createAgain('acme_gone_v1');
  assert.equal(draft.prompt, 'A kite over dunes');
  assert.equal(draft.model, 'openAiSora2Plus', 'the default model');
  assert.equal(draft.fields, undefined);
  assert.equal(fake.messages.length, 1);
  assert.equal(fake.messages[0].level, 'warning');
  assert.match(fake.messages[0].message, /acme_gone_v1 is no longer in the catalogue.*prompt only/);
});
