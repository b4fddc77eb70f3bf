// The composer host with a draft of a model other than Sora (the webview renders its fields from the
// profiles init carries): its values are checked by the model's profile with the same messages as
// everywhere, and only a draft that passes is sent, or copied as cURL, exactly as the engine sends it.
import { extensionContext, fake } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposerPanel, type ComposerDeps } from '../../src/vscode/composer/panel';
import { ApiKeyStore } from '../../src/vscode/apiKey';
import { MemoryLog } from '../../src/util/log';
import type { TaskEngine } from '../../src/engine/engine';
import type { ModelRequest } from '../../src/domain/models/check';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { parseCustomModels } from '../../src/domain/models/customModels';
import { fromHostSchema } from '../../src/shared/protocol';
import { Emitter } from '../../src/util/emitter';

const NO_TASKS = { onDidChange: () => ({ dispose: () => undefined }), get: () => undefined, all: () => [] };
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

async function open(models?: ComposerDeps['models'], onModelsChanged?: ComposerDeps['onModelsChanged']) {
  fake.reset();
  fake.settings.set('sora.baseUrl', 'https://api.example');
  const context = extensionContext('/ext');
  const keys = new ApiKeyStore(context.secrets, context.globalState, () => 'https://api.example');
  await keys.set('sk-models-test-123456');
  const submits: unknown[] = [];
  const engine = { submit: async (s: unknown) => (submits.push(s), { kind: 'notSent', message: 'x' }) } as unknown as TaskEngine;
  ComposerPanel.show({ context: context as never, engine: () => engine, keys, store: NO_TASKS, log: new MemoryLog(), onTaskListed: () => undefined, models, onModelsChanged });
  const { panel } = fake.panels[0];
  return { panel, submits, posted: () => panel.posted as Array<{ type: string; requestId?: string; errors?: unknown; modelErrors?: unknown }> };
}

const vidu = (fields: Record<string, unknown>, prompt = 'a kite') => ({ prompt, model: 'viduq3-pro', aspectRatio: '16:9', seconds: 8, referenceImage: '', fields });

test('a draft that breaks its model\'s fields or rules is refused with the profile\'s messages, by JSON key; nothing is sent', async () => {
  const { panel, submits, posted } = await open();
  panel.send({ type: 'submit', requestId: 'm.1', draft: vidu({ duration: 99, last_image: 'https://img.example/l.png' }, ' ') });
  await tick();
  const reply = posted().find((m) => m.requestId === 'm.1');
  assert.ok(reply && fromHostSchema.safeParse(reply).success, JSON.stringify(reply));
  assert.equal(reply.type, 'invalid');
  assert.deepEqual(reply.errors, [{ field: 'prompt', message: 'Prompt is required.' }]);
  assert.deepEqual(reply.modelErrors, [
    { key: 'duration', message: 'Duration must be between 1 and 16.' },
    { key: 'last_image', message: 'Last frame needs First frame.' },
  ]);
  assert.deepEqual(submits, []);
  panel.dispose();
});

test('a draft that passes is sent as its model\'s checked request; Copy as cURL shows that request', async () => {
  const { panel, submits, posted } = await open();
  const fields = { duration: 6, resolution: '1080p', first_image: 'https://img.example/f.png' };
  panel.send({ type: 'submit', requestId: 'm.2', draft: vidu(fields) });
  panel.send({ type: 'copyCurl', requestId: 'm.3', draft: vidu(fields) });
  await tick();
  assert.equal(submits.length, 1);
  const sent = submits[0] as ModelRequest;
  assert.equal(sent.profile.id, 'viduq3-pro');
  assert.deepEqual(sent.values, { prompt: 'a kite', ...fields });
  assert.ok(posted().some((m) => m.type === 'info' && m.requestId === 'm.3'));
  const curl = fake.clipboard.at(-1) ?? '';
  assert.match(curl, /^curl -X POST 'https:\/\/api\.example\/v1\/vidu\/videos'/);
  assert.ok(curl.includes(`--data-raw '${JSON.stringify({ model: 'viduq3-pro', prompt: 'a kite', duration: 6, resolution: '1080p', first_image: 'https://img.example/f.png' })}'`), curl);
  panel.dispose();
});

test('a model of sora.customModels is found in the catalogue the composer is given', async () => {
  const custom = parseCustomModels([{ id: 'acme_v1', createPath: '/v1/acme/videos', fields: { mood: { type: 'string', values: ['calm', 'wild'] } } }]);
  const catalogue = makeCatalogue(custom.profiles);
  const { panel, posted } = await open(() => catalogue);
  panel.send({ type: 'copyCurl', requestId: 'c.1', draft: { ...vidu({ mood: 'wild' }), model: 'acme_v1' } });
  panel.send({ type: 'copyCurl', requestId: 'c.2', draft: { ...vidu({ mood: 'loud' }), model: 'acme_v1' } });
  await tick();
  assert.match(fake.clipboard.at(-1) ?? '', /^curl -X POST 'https:\/\/api\.example\/v1\/acme\/videos'[\s\S]*"mood":"wild"/);
  const refused = posted().find((m) => m.requestId === 'c.2');
  assert.deepEqual(refused?.modelErrors, [{ key: 'mood', message: 'mood must be one of: calm, wild.' }]);
  panel.dispose();
});

test('init carries every model\'s profile and options; an edit of sora.customModels pushes the new catalogue', async () => {
  const custom = parseCustomModels([{ id: 'acme_v1', label: 'Acme v1', createPath: '/v1/acme/videos', fields: { mood: { type: 'string', values: ['calm', 'wild'] } } }]);
  let catalogue = makeCatalogue();
  const changed = new Emitter<void>();
  const { panel, posted } = await open(() => catalogue, (listener) => changed.event(listener));
  panel.send({ type: 'ready' });
  await tick();
  const init = fromHostSchema.parse(posted().find((m) => m.type === 'init'));
  assert.ok(init.type === 'init');
  assert.deepEqual(init.profiles.map((p) => p.id), makeCatalogue().profiles.map((p) => p.id));
  assert.equal(init.profiles.find((p) => p.id === 'viduq3-pro')?.createUrl, 'https://api.example/v1/vidu/videos');
  assert.equal(init.profiles.find((p) => p.id === 'viduq3-pro')?.fields.find((f) => f.key === 'first_image')?.label, 'First frame', 'labelled by the host');
  assert.equal(init.models.find((m) => m.id === 'viduq3-pro')?.family, 'Vidu Q3');

  catalogue = makeCatalogue(custom.profiles);
  changed.fire();
  const pushed = fromHostSchema.parse(posted().at(-1));
  assert.ok(pushed.type === 'catalogue');
  assert.deepEqual(pushed.models.at(-1), { id: 'acme_v1', label: 'Acme v1', description: '', family: custom.profiles[0].familyLabel });
  assert.deepEqual(pushed.profiles.at(-1)?.fields.map((f) => f.key), ['prompt', 'mood']);
  panel.dispose();
  changed.fire();
  assert.equal(posted().filter((m) => m.type === 'catalogue').length, 1, 'a closed composer is told nothing');
});
