// The one validator and body builder of every model (src/domain/models/check.ts, body.ts), on a
// profile made for the test, and the messages both sides show for what they find.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildBody } from '../../src/domain/models/body';
import { checkRequest, isAssetId, MAX_REFERENCE_URL_LENGTH, type RequestCheck } from '../../src/domain/models/check';
import { fieldErrorMessage } from '../../src/domain/models/messages';
import { profileOf, type Family, type ModelProfile } from '../../src/domain/models/profile';
import { codes } from '../helpers/models';

const FAMILY: Family = {
  family: 'test',
  label: 'Test',
  createPath: '/v1/test/videos',
  typicalMinutes: 3,
  fields: [
    { key: 'prompt', type: 'text', required: true, maxLength: 10 },
    { key: 'ratio', type: 'string', values: ['16:9', '9:16'], default: '16:9' },
    { key: 'duration', type: 'integer', min: 4, max: 12, values: [-1] },
    { key: 'strength', type: 'number', min: 0, max: 1 },
    { key: 'audio', type: 'boolean' },
    { key: 'first', type: 'imageUrl', assets: true },
    { key: 'last', type: 'imageUrl' },
    { key: 'refs', type: 'imageUrls', maxItems: 2 },
    { key: 'clips', type: 'videoUrls' },
  ],
  rules: [
    { kind: 'exclusive', groups: [['first', 'last'], ['refs', 'clips']] },
    { kind: 'needs', field: 'last', needs: 'first' },
  ],
  models: [
    { id: 'test_a', label: 'A' },
    { id: 'test_b', label: 'B', fields: { clips: null, duration: { values: [5, 10], min: undefined, max: undefined } }, rules: [{ kind: 'anyOf', fields: ['first', 'refs', 'clips'] }] },
  ],
};
const A = profileOf(FAMILY, FAMILY.models[0]);
const B = profileOf(FAMILY, FAMILY.models[1]);
const run = (p: ModelProfile, v: Record<string, unknown>): RequestCheck => checkRequest(p, { prompt: 'fox', ...v });
const values = (r: RequestCheck) => {
  assert.ok(r.ok, codes(r).join(' '));
  return r.request.values;
};

describe('checkRequest', () => {
  test('values of the right type pass; empty ones are left out; unknown keys are ignored', () => {
    assert.deepEqual(values(run(A, { ratio: '9:16', duration: 8, strength: 0.5, audio: false, first: ' https://x/a.png ', refs: '', other: 1 })), {
      prompt: 'fox',
      ratio: '9:16',
      duration: 8,
      strength: 0.5,
      audio: false,
      first: 'https://x/a.png',
    });
    assert.deepEqual(values(run(A, { prompt: '  fox \n', ratio: '', duration: null, refs: [] })), { prompt: 'fox' });
  });

  test('types, lists and ranges', () => {
    assert.deepEqual(codes(run(A, { prompt: ' \u0001 ' })), ['prompt:required']);
    assert.deepEqual(codes(run(A, { prompt: 'x'.repeat(11) })), ['prompt:tooLong']);
    assert.deepEqual(codes(run(A, { prompt: 3 })), ['prompt:notText']);
    for (const ratio of ['4:3', '16:9 ', 16, true]) assert.deepEqual(codes(run(A, { ratio })), ['ratio:notOneOf'], String(ratio));
    for (const duration of [3, 13, -2]) assert.deepEqual(codes(run(A, { duration })), ['duration:outOfRange'], String(duration));
    for (const duration of [4.5, '8', NaN, Infinity]) assert.deepEqual(codes(run(A, { duration })), ['duration:notInteger'], String(duration));
    assert.equal(values(run(A, { duration: -1 })).duration, -1, 'a listed value besides the range');
    assert.deepEqual(codes(run(A, { strength: 1.5 })), ['strength:outOfRange']);
    assert.deepEqual(codes(run(A, { strength: '0.5' })), ['strength:notNumber']);
    assert.deepEqual(codes(run(A, { audio: 'yes' })), ['audio:notBoolean']);
  });

  test('URL fields: http(s) only, asset ids where the field takes them, counts, length', () => {
    assert.equal(values(run(A, { first: 'asset://asset-20260330142158-q75m8' })).first, 'asset://asset-20260330142158-q75m8');
    assert.deepEqual(codes(run(A, { refs: 'asset://asset-1' })), ['refs:notUrl']);
    for (const refs of ['ftp://x/a.png', 'javascript:alert(1)', '/a.png', [1]]) assert.deepEqual(codes(run(A, { refs })), ['refs:notUrl'], String(refs));
    assert.deepEqual(values(run(A, { refs: 'https://x/1.png,https://x/2.png' })).refs, ['https://x/1.png', 'https://x/2.png']);
    assert.deepEqual(values(run(A, { refs: [' https://x/1.png ', ''] })).refs, ['https://x/1.png']);
    assert.deepEqual(codes(run(A, { refs: 'https://x/1 https://x/2 https://x/3' })), ['refs:tooMany']);
    assert.deepEqual(codes(run(A, { first: 'https://x/1 https://x/2' })), ['first:tooMany']);
    assert.deepEqual(codes(run(A, { refs: `https://x/${'a'.repeat(MAX_REFERENCE_URL_LENGTH)}` })), ['refs:urlTooLong']);
    assert.equal(isAssetId('asset://a b'), false);
  });

  test('rules: exclusive groups, needs, anyOf; at most one error per field, in field order', () => {
    assert.deepEqual(codes(run(A, { first: 'https://x/f', refs: 'https://x/r', clips: 'https://x/c' })), ['refs:exclusive(first)', 'clips:exclusive(first)']);
    assert.deepEqual(codes(run(A, { last: 'https://x/l' })), ['last:needs(first)']);
    assert.deepEqual(codes(run(A, { last: 'ftp://x' })), ['last:notUrl'], 'a field error, not also the rule');
    assert.deepEqual(codes(run(B, {})), ['first:anyOf(first,refs)'], 'the rule without the field the model lacks');
    assert.deepEqual(codes(run(A, { prompt: '', ratio: 'x', last: 'https://x/l' })), ['prompt:required', 'ratio:notOneOf', 'last:needs(first)']);
  });

  test('a model differs from its family where its entry says so', () => {
    assert.deepEqual(B.fields.map((f) => f.key), ['prompt', 'ratio', 'duration', 'strength', 'audio', 'first', 'last', 'refs']);
    assert.deepEqual(codes(run(B, { refs: 'https://x/r', duration: 8 })), ['duration:notOneOf']);
    assert.deepEqual(B.rules[0], { kind: 'exclusive', groups: [['first', 'last'], ['refs']] });
    assert.equal(A.typicalMs, 180_000);
    assert.deepEqual(A.replies, ['A']);
  });
});

describe('buildBody', () => {
  test('model first, then the set fields in profile order; lists as arrays', () => {
    const r = run(A, { refs: 'https://x/2.png https://x/1.png', audio: true, ratio: '9:16' });
    assert.ok(r.ok);
    assert.equal(JSON.stringify(buildBody(r.request)), '{"model":"test_a","prompt":"fox","ratio":"9:16","audio":true,"refs":["https://x/2.png","https://x/1.png"]}');
  });
});

describe('fieldErrorMessage', () => {
  const message = (p: ModelProfile, v: Record<string, unknown>) => {
    const r = run(p, v);
    assert.ok(!r.ok);
    return r.errors.map((e) => fieldErrorMessage(e, p));
  };

  test('names the field and what it takes', () => {
    assert.deepEqual(message(A, { prompt: '', ratio: '1:1', duration: 20, strength: 2, first: 'ftp://x', refs: 'ftp://y' }), [
      'Prompt is required.',
      'Aspect ratio must be one of: 16:9, 9:16.',
      'Duration must be between 4 and 12, or one of: -1.',
      'strength must be between 0 and 1.',
      'first must be an http:// or https:// URL or an asset:// id.',
      'refs must be an http:// or https:// URL.',
    ]);
    assert.deepEqual(message(A, { prompt: 'x'.repeat(11), refs: 'https://a/1 https://a/2 https://a/3', last: 'https://l' }), [
      'Prompt is too long (at most 10 characters).',
      'last needs first.',
      'refs takes at most 2 URLs.',
    ]);
    assert.deepEqual(message(B, {}), ['Set at least one of: first, refs.']);
  });
});
