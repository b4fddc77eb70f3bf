// Characters as a person counts them (src/util/text.ts), and the places that count or cut with it:
// the prompt limit, the composer's counter, tree labels and trimmed messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../fixtures/vscode';
import { charCount, headChars, truncate } from '../../src/util/text';
import { checkDraft, MAX_PROMPT_LENGTH } from '../../src/domain/request';
import { clean } from '../../src/domain/errors';
import { trimForLog } from '../../src/util/log';
import { oneLine } from '../../src/util/text';

const FAMILY = '👨\u200d👩\u200d👧'; // one emoji of three people joined by zero-width joiners
const FLAG = '🇨🇳';
const ACCENTED = 'e\u0301'; // e + combining acute accent
const draft = (prompt: string) => ({ prompt, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' });

/** True when `s` holds half of a surrogate pair. */
const brokenSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

test('an emoji, a flag and an accented letter are one character each', () => {
  assert.equal(charCount('😀'), 1);
  assert.equal(charCount(FAMILY), 1);
  assert.equal(charCount(FLAG), 1);
  assert.equal(charCount(ACCENTED), 1);
  assert.equal(charCount(`ab${FAMILY}c`), 4);
  assert.equal(charCount('plain ascii'), 11);
  assert.equal(charCount('好的'), 2);
});

test('the prompt limit counts characters, not UTF-16 units: 8,000 emoji fit, 8,001 do not', () => {
  assert.equal(checkDraft(draft('😀'.repeat(MAX_PROMPT_LENGTH))).ok, true);
  const over = checkDraft(draft('😀'.repeat(MAX_PROMPT_LENGTH + 1)));
  assert.equal(over.ok, false);
  assert.ok(!over.ok && over.errors.some((e) => e.code === 'promptTooLong'));
});

test('cutting never leaves half a character', () => {
  for (const unit of ['😀', FAMILY, FLAG, ACCENTED, '好']) {
    for (let max = 1; max < 12; max++) {
      const s = `x${unit.repeat(20)}`;
      const head = headChars(s, max);
      assert.equal(charCount(head), max);
      assert.ok(!brokenSurrogate(head), `${JSON.stringify(head)}`);
      const cut = truncate(s, max);
      assert.equal(charCount(cut), max);
      assert.ok(cut.endsWith('…') && !brokenSurrogate(cut));
    }
  }
});

test('labels and trimmed messages end on a whole character', () => {
  const prompt = `${'😀'.repeat(100)} and more`;
  for (const max of [10, 61, 80]) {
    const label = oneLine(prompt, max);
    assert.ok(!brokenSurrogate(label), label);
    assert.equal(charCount(label), max);
  }
  assert.ok(!brokenSurrogate(clean('🎬'.repeat(400))));
  assert.equal(charCount(clean('🎬'.repeat(400))), 301);
  const log = trimForLog('🎬'.repeat(3000));
  assert.ok(!brokenSurrogate(log));
  assert.match(log, /… \(6000 chars\)$/, 'the note gives the length in UTF-16 units, as before');
});
