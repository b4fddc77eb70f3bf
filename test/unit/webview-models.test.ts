// The composer with models other than Sora (webview/fieldControls.ts, modelDraft.ts, state.ts):
// which control shows which field, what carries over when the model changes, and that the webview
// words a broken rule exactly as the host does for the same draft.
import { extensionContext, fake } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlFor, controlText, fieldHint, formFields, RADIO_MAX, valueOf } from '../../webview/fieldControls';
import { switchModel, withDefaults } from '../../webview/modelDraft';
import * as S from '../../webview/state';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { fieldMessageTemplates } from '../../src/domain/models/messages';
import type { FieldSpec } from '../../src/domain/models/profile';
import { composerModels, composerStrings } from '../../src/vscode/composer/strings';
import { ComposerPanel } from '../../src/vscode/composer/panel';
import { ApiKeyStore } from '../../src/vscode/apiKey';
import { MemoryLog } from '../../src/util/log';
import type { TaskEngine } from '../../src/engine/engine';
import { fromHostSchema, type Draft } from '../../src/shared/protocol';

const strings = composerStrings();
const templates = fieldMessageTemplates();
const profiles = composerModels(makeCatalogue().profiles, (p) => `https://api.example${p}`);
const spec = (s: Omit<FieldSpec, 'key'>): FieldSpec => ({ key: 'k', ...s });
const sora: Draft = { prompt: 'A harbour at dawn', model: 'openAiSora2Plus', aspectRatio: '9:16', seconds: 12, referenceImage: 'https://img.example/720x1280.png' };

test('each field gets the control that fits it', () => {
  assert.equal(controlFor(spec({ type: 'boolean' })), 'checkbox');
  assert.equal(controlFor(spec({ type: 'imageUrl' })), 'url');
  assert.equal(controlFor(spec({ type: 'videoUrl' })), 'url');
  assert.equal(controlFor(spec({ type: 'imageUrls', maxItems: 3 })), 'urls');
  assert.equal(controlFor(spec({ type: 'audioUrls' })), 'urls');
  assert.equal(controlFor(spec({ type: 'string', values: ['16:9', '9:16', '1:1'] })), 'radio');
  assert.equal(controlFor(spec({ type: 'string', values: ['a', 'b', 'c', 'd'] })), 'radio', `${RADIO_MAX} still side by side`);
  assert.equal(controlFor(spec({ type: 'string', values: ['a', 'b', 'c', 'd', 'e'] })), 'select');
  assert.equal(controlFor(spec({ type: 'integer', values: [6, 10, 12, 16, 20, 30] })), 'select');
  assert.equal(controlFor(spec({ type: 'integer', values: [10] })), 'radio');
  assert.equal(controlFor(spec({ type: 'integer', min: 4, max: 15 })), 'number');
  assert.equal(controlFor(spec({ type: 'integer', min: 4, max: 12, values: [-1] })), 'number', 'a range with an extra value is still a range');
  assert.equal(controlFor(spec({ type: 'number' })), 'number');
  assert.equal(controlFor(spec({ type: 'string' })), 'text');

  // The built-in families, by what they document.
  const kinds = (id: string) => Object.fromEntries(formFields(profiles.find((p) => p.id === id)!.fields).map((f) => [f.key, controlFor(f)]));
  assert.deepEqual(kinds('seedance_1_5_pro_720p'), { first_frame: 'url', last_frame: 'url', ratio: 'select', duration: 'number', generate_audio: 'checkbox' });
  assert.deepEqual(kinds('videos_stable'), {
    duration: 'number',
    ratio: 'radio',
    resolution: 'radio',
    first_image: 'url',
    last_image: 'url',
    referenceImages: 'urls',
    referenceVideos: 'urls',
  });
  assert.equal(kinds('grok_video3_max').duration, 'select');
});

test('a control\'s text becomes the field\'s value as checkRequest expects it, and back', () => {
  const int = spec({ type: 'integer', min: 4, max: 15 });
  assert.equal(valueOf(int, 'number', '6'), 6);
  assert.equal(valueOf(int, 'number', ' '), undefined, 'empty: not sent');
  assert.equal(valueOf(int, 'number', 'six'), 'six', 'kept as typed, so the check names it');
  assert.equal(valueOf(spec({ type: 'integer', values: [6, 10] }), 'select', '10'), 10);
  assert.equal(valueOf(spec({ type: 'string', values: ['16:9'] }), 'radio', '16:9'), '16:9');
  assert.equal(valueOf(spec({ type: 'boolean' }), 'checkbox', false), false);
  assert.equal(valueOf(spec({ type: 'imageUrls' }), 'urls', 'https://a/1.png https://a/2.png'), 'https://a/1.png https://a/2.png');
  assert.equal(controlText(['https://a/1.png', 'https://a/2.png']), 'https://a/1.png https://a/2.png');
  assert.equal(controlText(undefined), '');
  assert.equal(controlText({}), '');

  assert.equal(fieldHint(spec({ type: 'imageUrls', maxItems: 9, assets: true }), 'urls', strings), 'Up to 9 URLs, separated by spaces. An asset:// id from the asset library works too.');
  assert.equal(fieldHint(spec({ type: 'integer', min: 4, max: 12, values: [-1] }), 'number', strings), 'From 4 to 12, or -1.');
  assert.equal(fieldHint(spec({ type: 'string', values: ['a'] }), 'radio', strings), '');
});

test('a new model keeps the prompt and every shared value it takes; the rest start from its defaults', () => {
  const veo = switchModel(sora, 'veo_3_1_pro', profiles);
  assert.equal(veo.prompt, sora.prompt);
  // Sora's aspect_ratio and input_reference are VEO's too; seconds is not.
  assert.deepEqual(veo.fields, { resolution: '720p', aspect_ratio: '9:16', input_reference: sora.referenceImage });

  const videos = switchModel(veo, 'videos_stable', profiles);
  assert.deepEqual(videos.fields, { duration: 5, ratio: '16:9', resolution: '720p' }, 'VEO shares no key with Videos but the prompt');

  const edited: Draft = { ...videos, fields: { ...videos.fields, duration: 12, ratio: '1:1' } };
  const vidu = switchModel(edited, 'viduq3-pro', profiles);
  assert.equal(vidu.fields?.duration, 12, 'a duration Vidu takes (1–16)');
  const grokPro = switchModel({ ...edited, fields: { ...edited.fields, duration: 30 } }, 'seedance_2_0_pro', profiles);
  assert.equal(grokPro.fields?.duration, 5, '30 s is beyond Seedance 2.0 (4–15): its default instead');

  const back = switchModel(veo, 'openAiSora2Pro', profiles);
  assert.deepEqual(back, { prompt: sora.prompt, model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 8, referenceImage: sora.referenceImage });
  const wide = switchModel({ ...veo, fields: { ...veo.fields, aspect_ratio: '1:1' } }, 'openAiSora2Plus', profiles);
  assert.equal(wide.aspectRatio, '16:9', 'a ratio Sora does not take falls back to its default');

  assert.deepEqual(switchModel(sora, 'retired_model', profiles), { ...sora, model: 'retired_model' }, 'a model nobody offers: the draft as it is');
  assert.deepEqual(withDefaults({ ...sora, model: 'grok_video3' }, profiles).fields, { duration: 10, aspect_ratio: '9:16', resolution: '720p' }, 'defaults, Sora\'s shared values kept');
});

test('the state on a model change: shared values carried, the host\'s old messages dropped, the fields\' order and the preview follow', () => {
  const start = S.initialState(sora, 'https://api.example/v1/sora/videos', undefined, true, { profiles, templates });
  const refused = S.refused(start, [{ field: 'aspectRatio', message: 'host: ratio' }]);
  const veo = S.modelChosen(refused, 'veo_3_1_fast');
  assert.deepEqual(veo.hostErrors, {});
  assert.equal(S.chosenProfile(veo)?.id, 'veo_3_1_fast');
  assert.deepEqual(S.fieldOrder(veo), ['prompt', 'model', 'field:resolution', 'field:aspect_ratio', 'field:input_reference', 'field:first_image', 'field:last_image']);
  assert.equal(S.wantedCheck(veo), undefined, 'Sora\'s reference check is not asked for another model');

  const both = S.edited(veo, { ...veo.draft, fields: { ...veo.draft.fields, first_image: 'https://img.example/f.png' } });
  const messages = S.fieldMessages(both, strings);
  assert.deepEqual(messages['field:first_image'], ['First frame cannot be combined with Reference images.']);
  const a = S.attempted(both, strings);
  assert.equal(a.blocked, 'field:first_image');
  assert.deepEqual(S.alertLines(a.state, S.fieldMessages(a.state, strings)), ['First frame cannot be combined with Reference images.']);

  const empty = S.attempted(S.edited(veo, { ...veo.draft, prompt: '' }), strings);
  assert.equal(empty.blocked, 'prompt');
  assert.deepEqual(S.fieldMessages(empty.state, strings).prompt, ['Prompt is required.'], 'the profile\'s words, as the host refuses it');

  const refusedVeo = S.refused(veo, [], [{ key: 'resolution', message: 'host: resolution' }]);
  assert.deepEqual(S.fieldMessages(refusedVeo, strings)['field:resolution'], ['host: resolution']);
  const fixed = S.edited(refusedVeo, { ...refusedVeo.draft, fields: { ...refusedVeo.draft.fields, resolution: '1080p' } });
  assert.equal(S.fieldMessages(fixed, strings)['field:resolution'], undefined, 'an edit of the field drops the host\'s word on it');
});

test('a required field of another model is named only once Create was pressed, like the empty prompt', () => {
  const stable = S.modelChosen(S.initialState(sora, undefined, undefined, true, { profiles, templates }), 'veo_3_1_fast_stable');
  assert.equal(S.fieldMessages(stable, strings)['field:first_image'], undefined);
  const a = S.attempted(stable, strings);
  assert.equal(a.blocked, 'field:first_image');
  assert.deepEqual(S.fieldMessages(a.state, strings)['field:first_image'], ['First frame is required.']);
});

test('for the same draft the webview shows exactly the messages the host refuses it with', async () => {
  fake.reset();
  fake.settings.set('sora.baseUrl', 'https://api.example');
  const context = extensionContext('/ext');
  const keys = new ApiKeyStore(context.secrets, context.globalState, () => 'https://api.example');
  await keys.set('sk-models-webview-123456');
  const submits: unknown[] = [];
  const engine = { submit: async (s: unknown) => (submits.push(s), { kind: 'notSent', message: 'x' }) } as unknown as TaskEngine;
  const store = { onDidChange: () => ({ dispose: () => undefined }), get: () => undefined, all: () => [] };
  ComposerPanel.show({ context: context as never, engine: () => engine, keys, store, log: new MemoryLog(), onTaskListed: () => undefined });
  const { panel } = fake.panels[0];
  panel.send({ type: 'ready' });
  await new Promise((r) => setTimeout(r, 20));
  const init = fromHostSchema.parse(panel.posted.find((m) => (m as { type: string }).type === 'init'));
  assert.equal(init.type, 'init');
  if (init.type !== 'init') return;

  const drafts: Draft[] = [
    { ...sora, prompt: ' ', model: 'viduq3-pro', fields: { duration: 99, last_image: 'https://img.example/l.png' } },
    { ...sora, model: 'seedance_2_0', fields: { first_image: 'ftp://x', referenceImages: Array(10).fill('https://img.example/r.png') as string[] } },
    { ...sora, model: 'grok_video3_max', fields: { duration: 7, aspect_ratio: '3:2', image_urls: 'https://a/1.png https://a/2.png https://a/3.png https://a/4.png https://a/5.png https://a/6.png' } },
    { ...sora, model: 'seedance_1_5_pro_480p', fields: { duration: 4.5, generate_audio: 'yes', ratio: '5:4' } },
  ];
  for (const [i, draft] of drafts.entries()) {
    const requestId = `w.${i}`;
    panel.send({ type: 'submit', requestId, draft });
    await new Promise((r) => setTimeout(r, 10));
    const reply = panel.posted.find((m) => (m as { requestId?: string }).requestId === requestId) as { type: string; errors: Array<{ message: string }>; modelErrors: Array<{ key: string; message: string }> };
    assert.equal(reply.type, 'invalid', draft.model);
    const host = [...reply.errors.map((e) => ['prompt', e.message]), ...reply.modelErrors.map((e) => [`field:${e.key}`, e.message])];

    const state = S.attempted(S.initialState(draft, undefined, undefined, true, { profiles: init.profiles, templates: init.fieldTemplates }), init.strings).state;
    const shown = S.fieldMessages(state, init.strings);
    const webview = Object.entries(shown).flatMap(([field, list]) => list!.map((m) => [field, m]));
    assert.ok(host.length > 0);
    assert.deepEqual(webview.sort(), host.sort(), draft.model);
  }
  assert.deepEqual(submits, [], 'nothing was sent');
  panel.dispose();
});
