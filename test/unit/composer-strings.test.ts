// The composer's texts are named once (src/shared/strings.ts): the host fills every key, init
// accepts exactly those keys, and the webview shows an error code's text, never the raw key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composerStrings, draftErrorMessage, modelOptions } from '../../src/vscode/composer/strings';
import { MODELS } from '../../src/domain/request';
import { DRAFT_ERROR_CODES, STRING_KEYS, UI_STRING_KEYS, errorKey } from '../../src/shared/strings';
import { fromHostSchema, stringsSchema } from '../../src/shared/protocol';
import { localMessages, modelDetail } from '../../webview/form';
import { fieldMessageTemplates } from '../../src/domain/models/messages';

const DRAFT = { prompt: '', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' };

test('the host strings object has every key, and no other', () => {
  const strings = composerStrings();
  assert.deepEqual(Object.keys(strings).sort(), [...STRING_KEYS].sort());
  assert.equal(new Set(STRING_KEYS).size, STRING_KEYS.length, 'no key twice');
  for (const k of STRING_KEYS) assert.ok(strings[k].trim().length > 0, `${k} is empty`);
  assert.equal(STRING_KEYS.length, UI_STRING_KEYS.length + DRAFT_ERROR_CODES.length);
  for (const code of DRAFT_ERROR_CODES) assert.equal(strings[errorKey(code)], draftErrorMessage(code));
});

test('init takes exactly those keys: a missing, extra or non-string one rejects it', () => {
  const strings = composerStrings();
  const init = { type: 'init', draft: DRAFT, strings, fieldTemplates: fieldMessageTemplates(), models: modelOptions(), profiles: [], hasKey: true, endpoint: 'https://api.example/v1/sora/videos' };
  assert.ok(fromHostSchema.safeParse(init).success);
  assert.ok(stringsSchema.safeParse(strings).success);
  const { title: _title, ...missing } = strings;
  assert.ok(!stringsSchema.safeParse(missing).success, 'a missing key');
  assert.ok(!stringsSchema.safeParse({ ...strings, titel: 'typo' }).success, 'an extra (misspelt) key');
  assert.ok(!stringsSchema.safeParse({ ...strings, submit: 7 }).success, 'a value that is not text');
  assert.ok(!fromHostSchema.safeParse({ ...init, strings: missing }).success);
});

test('every rule break the webview can find has a text from the host', () => {
  const strings = composerStrings();
  const broken = { prompt: 'x'.repeat(8_001), model: 'm', aspectRatio: '1:1', seconds: 5, referenceImage: 'ftp://x' };
  const shown = Object.values(localMessages(broken, strings, true)).flat() as string[];
  assert.ok(shown.length >= 5);
  for (const m of shown) assert.doesNotMatch(m, /^error\./, 'no raw key on screen');
});

test('the Ctrl/⌘+Enter hint names only the key of the platform VS Code runs on', () => {
  const mac = composerStrings('darwin').shortcut;
  assert.match(mac, /⌘\+Enter/);
  assert.doesNotMatch(mac, /Ctrl|macOS/);
  for (const platform of ['win32', 'linux'] as const) {
    const other = composerStrings(platform).shortcut;
    assert.match(other, /Ctrl\+Enter/, platform);
    assert.doesNotMatch(other, /⌘|macOS/, platform);
  }
  assert.equal(composerStrings().shortcut, composerStrings(process.platform).shortcut, 'the host\'s own platform by default');
});

test('the model picker shows a readable name and one line about each model, besides its id', () => {
  const models = modelOptions();
  assert.deepEqual(models.map((m) => m.id), [...MODELS]);
  for (const m of models) {
    assert.notEqual(m.label, m.id);
    assert.match(m.label, /^Sora 2 /, m.id);
    assert.ok(m.description.length > 10 && m.description.length <= 80 && !/\n/.test(m.description), `one line about ${m.id}: ${m.description}`);
  }
  assert.notEqual(models[0].description, models[1].description);
  const strings = composerStrings();
  const detail = modelDetail(models, 'openAiSora2Pro', strings.modelDetail);
  assert.ok(detail.includes(models[1].description) && detail.includes('openAiSora2Pro'), detail);
  assert.equal(modelDetail(models, 'retiredModel', strings.modelDetail), '', 'a model not offered has its field error instead');

  const init = { type: 'init', draft: DRAFT, strings, fieldTemplates: fieldMessageTemplates(), profiles: [], hasKey: true, endpoint: 'https://api.example/v1/sora/videos' };
  assert.ok(!fromHostSchema.safeParse(init).success, 'init without the model list is refused');
  assert.ok(fromHostSchema.safeParse({ ...init, models }).success);
});

test('a catalogue can supply the models and their labels', () => {
  const models = modelOptions([{ id: 'openAiSora2Pro' }, { id: 'nextModel', label: 'Next Model', description: 'From the catalogue.' }, { id: 'bare' }]);
  assert.deepEqual(models, [
    { id: 'openAiSora2Pro', label: 'Sora 2 Pro', description: 'Higher quality, 4, 8 or 12 s.' },
    { id: 'nextModel', label: 'Next Model', description: 'From the catalogue.' },
    { id: 'bare', label: 'bare', description: '' },
  ]);
  assert.equal(modelDetail(models, 'bare', composerStrings().modelDetail), 'bare');
});
