// The composer webview's DOM-free helpers (webview/form.ts), and the one formatter it uses (util/l10n).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allMessages,
  firstInvalidField,
  hostMessages,
  initialDraft,
  isSubmitShortcut,
  localMessages,
  mergeMessages,
  sameDraft,
  savedDraft,
  str,
  toDraft,
} from '../../webview/form';
import { format } from '../../src/util/l10n';
import type { Draft } from '../../src/shared/protocol';

const base: Draft = { prompt: '', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' };
const strings = {
  'error.promptEmpty': 'EMPTY',
  'error.promptTooLong': 'LONG',
  'error.modelUnknown': 'MODEL',
  'error.aspectRatioUnknown': 'RATIO',
  'error.secondsUnknown': 'SECONDS',
  'error.referenceNotHttp': 'NOT_HTTP',
  'error.referenceMultiple': 'MULTIPLE',
  'error.referenceTooLong': 'REF_LONG',
};

test('format fills numbered placeholders and leaves unknown ones', () => {
  assert.equal(format('{0} / {1} characters', 12, 8000), '12 / 8000 characters');
  assert.equal(format('{1}-{0}-{0}', 'a', 'b'), 'b-a-a');
  assert.equal(format('{0} and {2}', 'x'), 'x and {2}');
  assert.equal(format('no placeholders'), 'no placeholders');
  // Replacement text is inserted literally, `$&` and friends included.
  assert.equal(format('go to {0}', '$&$1'), 'go to $&$1');
});

test('str falls back to the key, never to inherited properties', () => {
  assert.equal(str({ a: 'A' }, 'a'), 'A');
  assert.equal(str({}, 'missing'), 'missing');
  assert.equal(str({}, 'toString'), 'toString');
});

test('toDraft reads controls; unchecked radio groups keep the previous values', () => {
  const d = toDraft(
    { prompt: ' p ', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: '12', referenceImage: ' https://x/y ' },
    base,
  );
  assert.deepEqual(d, { prompt: ' p ', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12, referenceImage: ' https://x/y ' });
  const odd = { ...base, aspectRatio: '1:1', seconds: 5 };
  assert.deepEqual(toDraft({ prompt: 'p', model: 'm', aspectRatio: undefined, seconds: undefined, referenceImage: '' }, odd), {
    prompt: 'p',
    model: 'm',
    aspectRatio: '1:1',
    seconds: 5,
    referenceImage: '',
  });
  assert.equal(toDraft({ prompt: '', model: '', aspectRatio: '', seconds: 'abc', referenceImage: '' }, base).seconds, 8);
});

test('sameDraft compares every field', () => {
  assert.ok(sameDraft(base, { ...base }));
  for (const [k, v] of Object.entries({ prompt: 'x', model: 'y', aspectRatio: '9:16', seconds: 4, referenceImage: 'z' })) {
    assert.ok(!sameDraft(base, { ...base, [k]: v }), k);
  }
});

test('savedDraft accepts only a well-formed draft', () => {
  assert.equal(savedDraft(undefined), undefined);
  assert.equal(savedDraft(null), undefined);
  assert.equal(savedDraft('x'), undefined);
  assert.equal(savedDraft({}), undefined);
  assert.equal(savedDraft({ draft: { ...base, seconds: '8' } }), undefined);
  assert.deepEqual(savedDraft({ draft: { ...base, prompt: 'kept', extra: 1 } }), { ...base, prompt: 'kept' });
});

test('initialDraft prefers the saved draft only when the host prompt is empty', () => {
  const saved = { draft: { ...base, prompt: 'saved', seconds: 12 } };
  assert.deepEqual(initialDraft(base, saved), saved.draft);
  const fromSelection = { ...base, prompt: 'selection' };
  assert.deepEqual(initialDraft(fromSelection, saved), fromSelection);
  assert.deepEqual(initialDraft(base, undefined), base);
  assert.deepEqual(initialDraft(base, { draft: 'garbage' }), base);
});

test('localMessages hides the empty prompt until allowed', () => {
  assert.deepEqual(localMessages(base, strings, false), {});
  assert.deepEqual(localMessages(base, strings, true), { prompt: ['EMPTY'] });
  assert.deepEqual(localMessages({ ...base, prompt: '   ' }, strings, true), { prompt: ['EMPTY'] });
  assert.deepEqual(localMessages({ ...base, prompt: 'ok' }, strings, true), {});
  assert.deepEqual(localMessages({ ...base, prompt: 'x'.repeat(8001) }, strings, false), { prompt: ['LONG'] });
  assert.deepEqual(
    localMessages({ prompt: 'ok', model: 'm', aspectRatio: '1:1', seconds: 5, referenceImage: 'ftp://x' }, strings, false),
    { model: ['MODEL'], aspectRatio: ['RATIO'], seconds: ['SECONDS'], referenceImage: ['NOT_HTTP'] },
  );
  assert.deepEqual(localMessages({ ...base, prompt: 'ok', referenceImage: 'https://a/b https://c/d' }, strings, false), {
    referenceImage: ['MULTIPLE'],
  });
});

test('host messages merge with local ones without duplicates, in form order', () => {
  const host = hostMessages([
    { field: 'referenceImage', message: 'server says no' },
    { field: 'prompt', message: 'EMPTY' },
    { field: 'referenceImage', message: 'again' },
  ]);
  assert.deepEqual(host, { referenceImage: ['server says no', 'again'], prompt: ['EMPTY'] });
  const merged = mergeMessages({ prompt: ['EMPTY'], seconds: ['SECONDS'] }, host);
  assert.deepEqual(merged, { prompt: ['EMPTY'], seconds: ['SECONDS'], referenceImage: ['server says no', 'again'] });
  assert.deepEqual(allMessages(merged), ['EMPTY', 'SECONDS', 'server says no', 'again']);
  assert.deepEqual(allMessages({ model: ['same'], seconds: ['same'] }), ['same']);
  assert.equal(firstInvalidField(merged), 'prompt');
  assert.equal(firstInvalidField({ referenceImage: ['x'], model: ['y'] }), 'model');
  assert.equal(firstInvalidField({ prompt: [] }), undefined);
});

test('isSubmitShortcut: Ctrl+Enter or Cmd+Enter only', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; isComposing: boolean }> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  assert.ok(isSubmitShortcut(k('Enter', { ctrlKey: true })));
  assert.ok(isSubmitShortcut(k('Enter', { metaKey: true })));
  assert.ok(!isSubmitShortcut(k('Enter')));
  assert.ok(!isSubmitShortcut(k('Enter', { ctrlKey: true, altKey: true })));
  assert.ok(!isSubmitShortcut(k('Enter', { ctrlKey: true, isComposing: true })));
  assert.ok(!isSubmitShortcut(k('a', { ctrlKey: true })));
});
