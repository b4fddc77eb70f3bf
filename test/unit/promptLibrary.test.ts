// The prompt history and presets as pure logic: order, counts, caps, corrupt entries, and a preset
// checked against the model's profile when it is applied (domain/promptLibrary.ts), plus the
// webview's DOM-free parts (webview/history.ts): Up/Down recall and a preset turned into a draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyPreset,
  deletePreset,
  MAX_HISTORY,
  MAX_HISTORY_CHARS,
  MAX_PRESET_NAME,
  MAX_PRESETS,
  MAX_STORED_PROMPT,
  readHistory,
  readPresets,
  recordPrompt,
  savePreset,
  type HistoryEntry,
  type PresetDraft,
} from '../../src/domain/promptLibrary';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import { historyOption, presetToDraft, PromptRecall } from '../../webview/history';
import type { ComposerModel, ModelOption } from '../../src/shared/protocol';

const SORA: PresetDraft = { prompt: 'a kite over the sea', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12, referenceImage: '' };
const VIDU: PresetDraft = { prompt: 'a red fox', model: 'viduq3-pro', aspectRatio: '16:9', seconds: 8, referenceImage: '', fields: { duration: 7, aspect_ratio: '1:1', resolution: '1080p' } };

test('a recorded prompt goes to the top with its count; the same prompt again counts up and moves up', () => {
  let h: HistoryEntry[] = [];
  h = recordPrompt(h, 'first', 1000);
  h = recordPrompt(h, 'second', 2000);
  assert.deepEqual(h.map((e) => [e.prompt, e.count]), [['second', 1], ['first', 1]]);
  h = recordPrompt(h, '  first \n', 3000);
  assert.deepEqual(h.map((e) => [e.prompt, e.count]), [['first', 2], ['second', 1]], 'trimmed, it is the same prompt');
  assert.equal(h[0].lastUsed, 3000);
  // A clock set back still puts the prompt just used on top.
  h = recordPrompt(h, 'second', 10);
  assert.deepEqual(h.map((e) => e.prompt), ['second', 'first']);
  assert.ok(h[0].lastUsed >= h[1].lastUsed);
});

test('empty and too long prompts are not recorded; the list is capped by count and by characters', () => {
  assert.deepEqual(recordPrompt([], '   ', 1), []);
  assert.deepEqual(recordPrompt([], 'x'.repeat(MAX_STORED_PROMPT + 1), 1), []);
  assert.equal(recordPrompt([], 'x'.repeat(MAX_STORED_PROMPT), 1).length, 1);
  let h: HistoryEntry[] = [];
  for (let i = 0; i < MAX_HISTORY + 20; i++) h = recordPrompt(h, `prompt ${i}`, i);
  assert.equal(h.length, MAX_HISTORY);
  assert.equal(h[0].prompt, `prompt ${MAX_HISTORY + 19}`, 'the newest stays');
  assert.ok(!h.some((e) => e.prompt === 'prompt 0'), 'the oldest goes');
  let long: HistoryEntry[] = [];
  for (let i = 0; i < 60; i++) long = recordPrompt(long, `${i} ${'y'.repeat(1500)}`, i);
  assert.ok(long.reduce((n, e) => n + e.prompt.length, 0) <= MAX_HISTORY_CHARS);
  assert.ok(long[0].prompt.startsWith('59 '));
});

test('reading the history skips corrupt entries and duplicates, sorts newest first, never throws', () => {
  for (const raw of [undefined, null, 42, 'text', {}, { prompt: 'x' }]) assert.deepEqual(readHistory(raw), []);
  const h = readHistory([
    { prompt: 'old', count: 2, lastUsed: 100 },
    null,
    'a string',
    { prompt: 'no count', lastUsed: 5 },
    { prompt: 'bad count', count: -1, lastUsed: 5 },
    { prompt: 'fraction', count: 1.5, lastUsed: 5 },
    { prompt: 'bad time', count: 1, lastUsed: 'yesterday' },
    { prompt: '   ', count: 1, lastUsed: 5 },
    { prompt: 7, count: 1, lastUsed: 5 },
    { prompt: 'new', count: 1, lastUsed: 200 },
    { prompt: 'old', count: 9, lastUsed: 50 },
    { prompt: 'x'.repeat(MAX_STORED_PROMPT + 1), count: 1, lastUsed: 300 },
  ]);
  assert.deepEqual(h, [
    { prompt: 'new', count: 1, lastUsed: 200 },
    { prompt: 'old', count: 2, lastUsed: 100 },
  ]);
});

test('presets: saved by name (trimmed), replaced by the same name in any case, deleted, capped', () => {
  let out = savePreset([], '  Portrait kite ', SORA, 1);
  assert.ok(out.ok);
  assert.equal(out.name, 'Portrait kite');
  assert.equal(out.replaced, false);
  out = savePreset(out.presets, 'portrait KITE', { ...SORA, seconds: 4 }, 2);
  assert.ok(out.ok && out.replaced);
  assert.equal(out.presets.length, 1);
  assert.equal(out.presets[0].draft.seconds, 4);
  assert.deepEqual(savePreset([], ' \n ', SORA, 1), { ok: false, problem: 'nameEmpty' });
  assert.deepEqual(savePreset([], 'n'.repeat(MAX_PRESET_NAME + 1), SORA, 1), { ok: false, problem: 'nameTooLong' });
  assert.deepEqual(savePreset([], 'long', { ...SORA, prompt: 'p'.repeat(MAX_STORED_PROMPT + 1) }, 1), { ok: false, problem: 'promptTooLong' });
  assert.deepEqual(savePreset([], 'nan', { ...SORA, seconds: Number.NaN }, 1), { ok: false, problem: 'invalid' });
  let many = out.presets;
  for (let i = 0; many.length < MAX_PRESETS; i++) {
    const next = savePreset(many, `p${String(i).padStart(2, '0')}`, SORA, i);
    assert.ok(next.ok);
    many = next.presets;
  }
  assert.deepEqual(savePreset(many, 'one more', SORA, 1), { ok: false, problem: 'tooMany' });
  assert.ok(savePreset(many, 'P00', VIDU, 1).ok, 'an existing name can still be replaced at the cap');
  assert.deepEqual(
    many.map((p) => p.name),
    [...many.map((p) => p.name)].sort((a, b) => a.localeCompare(b)),
    'listed by name',
  );
  assert.equal(deletePreset(many, 'PORTRAIT kite').length, MAX_PRESETS - 1);
  assert.equal(deletePreset(many, 'no such').length, MAX_PRESETS);
});

test('reading presets skips corrupt entries and a second one of the same name', () => {
  const presets = readPresets([
    { name: 'B', savedAt: 1, draft: VIDU },
    { name: 'a', savedAt: 2, draft: SORA },
    { name: 'A', savedAt: 3, draft: VIDU },
    { name: '', savedAt: 1, draft: SORA },
    { name: 'no draft', savedAt: 1 },
    { name: 'bad seconds', savedAt: 1, draft: { ...SORA, seconds: '8' } },
    { name: 'bad field', savedAt: 1, draft: { ...VIDU, fields: { duration: { nested: true } } } },
    { name: 'no model', savedAt: 1, draft: { ...SORA, model: '' } },
    { name: 'bad time', savedAt: -5, draft: SORA },
    'garbage',
    null,
  ]);
  assert.deepEqual(presets.map((p) => p.name), ['a', 'B']);
  assert.deepEqual(readPresets({ not: 'a list' }), []);
});

const catalogue = makeCatalogue();
const viduProfile = catalogue.find('viduq3-pro')!;

test('applying a preset: Sora as saved; another model with its values, a value it no longer takes replaced by the default', () => {
  assert.deepEqual(applyPreset({ draft: SORA }, true, undefined), { ok: true, draft: SORA, dropped: [] });
  const vidu = applyPreset({ draft: VIDU }, true, viduProfile);
  assert.ok(vidu.ok);
  assert.deepEqual(vidu.draft.fields, { duration: 7, aspect_ratio: '1:1', resolution: '1080p' });
  const stale = applyPreset({ draft: { ...VIDU, fields: { resolution: '8K', mood: 'calm', duration: 6 } } }, true, viduProfile);
  assert.ok(stale.ok);
  assert.deepEqual(stale.dropped.sort(), ['mood', 'resolution']);
  assert.equal(stale.draft.fields?.resolution, '720p', 'the model default');
  assert.equal(stale.draft.fields?.duration, 6);
  assert.equal(stale.draft.fields?.aspect_ratio, '16:9', 'a field the preset lacked starts from its default');
  assert.ok(!('mood' in (stale.draft.fields ?? {})));
  assert.deepEqual(applyPreset({ draft: { ...VIDU, model: 'acme_v1' } }, false, undefined), { ok: false, prompt: 'a red fox', model: 'acme_v1' });
});

test('Up in an empty prompt recalls the newest prompt, then older ones; Down goes back, and past the newest empties it', () => {
  const history = ['newest', 'older', 'oldest'];
  const r = new PromptRecall();
  assert.equal(r.key('ArrowDown', '', history), undefined, 'Down in an empty prompt is the textarea\'s own');
  assert.equal(r.key('ArrowUp', '', history), 'newest');
  assert.equal(r.key('ArrowUp', 'newest', history), 'older');
  assert.equal(r.key('ArrowUp', 'older', history), 'oldest');
  assert.equal(r.key('ArrowUp', 'oldest', history), 'oldest', 'stays at the oldest');
  assert.equal(r.key('ArrowDown', 'oldest', history), 'older');
  assert.equal(r.key('ArrowDown', 'older', history), 'newest');
  assert.equal(r.key('ArrowDown', 'newest', history), '');
  assert.equal(r.key('ArrowDown', '', history), undefined);
  assert.equal(r.key('ArrowUp', 'typed text', history), undefined, 'a prompt with text of its own keeps its arrows');
  assert.equal(r.key('ArrowUp', '', []), undefined, 'nothing to recall');
  // An edit ends the walk: Up in the edited text is the textarea's own; emptied, Up starts again.
  assert.equal(r.key('ArrowUp', '', history), 'newest');
  assert.equal(r.key('ArrowUp', 'newest and more', history), undefined);
  assert.equal(r.key('ArrowUp', '', history), 'newest');
  assert.equal(r.key('Enter', '', history), undefined);
});

test('a history line is one line, shortened, with its count', () => {
  assert.equal(historyOption('a\nkite', 3, { historyOption: '{0} (used {1}×)' }), 'a kite (used 3×)');
  const long = historyOption('z'.repeat(500), 1, { historyOption: '{0} ({1})' });
  assert.ok(long.length < 100 && long.includes('…'));
});

test('presetToDraft: the form takes the preset; a model gone keeps the form, takes the prompt and warns', () => {
  const s = { presetApplied: 'applied {0}', presetDropped: 'applied {0} without {1}', presetModelGone: '{0}: {1} is gone' };
  const models: ModelOption[] = [{ id: 'openAiSora2Plus', label: 'Sora', description: '' }, { id: 'viduq3-pro', label: 'Vidu', description: '' }];
  const profiles = [viduProfile] as unknown as ComposerModel[];
  const current = { prompt: 'old', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' };
  const vidu = presetToDraft('Fox', VIDU, current, models, profiles, s);
  assert.deepEqual(vidu, { draft: VIDU, status: 'applied Fox' });
  const gone = presetToDraft('Acme', { ...VIDU, model: 'acme_v1' }, current, models, profiles, s);
  assert.deepEqual(gone, { draft: { ...current, prompt: 'a red fox' }, warning: 'Acme: acme_v1 is gone' });
  const sora = presetToDraft('Kite', SORA, current, models, profiles, s);
  assert.equal(sora.draft.seconds, 12);
});
