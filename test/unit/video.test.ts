// Request rules shared by the composer and the host (src/shared/video.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildCreateBody,
  checkDraft,
  isHttpUrl,
  MAX_PROMPT_LENGTH,
  MAX_REFERENCE_URL_LENGTH,
  referenceCandidates,
  type DraftCheck,
  type DraftInput,
  type VideoSettings,
} from '../../src/domain/request';

const good: DraftInput = { prompt: 'a cat on a skateboard', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' };
const draft = (over: Partial<Record<keyof DraftInput, unknown>>): DraftInput => ({ ...good, ...over }) as DraftInput;

function codes(r: DraftCheck): string[] {
  assert.equal(r.ok, false, 'expected the draft to be refused');
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`);
}

function settingsOf(r: DraftCheck): VideoSettings {
  assert.ok(r.ok, `expected the draft to pass, got ${JSON.stringify(r)}`);
  return r.settings;
}

describe('checkDraft', () => {
  test('a valid draft passes with exactly the typed settings', () => {
    assert.deepEqual(settingsOf(checkDraft(good)), { prompt: 'a cat on a skateboard', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 });
    for (const model of ['openAiSora2Plus', 'openAiSora2Pro'])
      for (const aspectRatio of ['16:9', '9:16'])
        for (const seconds of [4, 8, 12]) {
          const s = settingsOf(checkDraft(draft({ model, aspectRatio, seconds })));
          assert.deepEqual([s.model, s.aspectRatio, s.seconds], [model, aspectRatio, seconds]);
        }
  });

  test('the prompt is trimmed; an empty or blank prompt is promptEmpty', () => {
    assert.equal(settingsOf(checkDraft(draft({ prompt: '  \n a dog \t ' }))).prompt, 'a dog');
    assert.deepEqual(codes(checkDraft(draft({ prompt: '' }))), ['prompt:promptEmpty']);
    assert.deepEqual(codes(checkDraft(draft({ prompt: ' \n\t  ' }))), ['prompt:promptEmpty']);
  });

  test('promptTooLong counts the trimmed prompt', () => {
    assert.ok(checkDraft(draft({ prompt: 'x'.repeat(MAX_PROMPT_LENGTH) })).ok);
    assert.ok(checkDraft(draft({ prompt: `   ${'x'.repeat(MAX_PROMPT_LENGTH)}   ` })).ok);
    assert.deepEqual(codes(checkDraft(draft({ prompt: 'x'.repeat(MAX_PROMPT_LENGTH + 1) }))), ['prompt:promptTooLong']);
  });

  test('unknown model, ratio and seconds are refused', () => {
    for (const model of ['', 'sora-2', 'openaisora2plus', ' openAiSora2Plus'])
      assert.deepEqual(codes(checkDraft(draft({ model }))), ['model:modelUnknown'], model);
    for (const aspectRatio of ['', '4:3', '16x9', '1280x720', '16:9 '])
      assert.deepEqual(codes(checkDraft(draft({ aspectRatio }))), ['aspectRatio:aspectRatioUnknown'], aspectRatio);
    for (const seconds of [0, 5, 10, 16, -8])
      assert.deepEqual(codes(checkDraft(draft({ seconds }))), ['seconds:secondsUnknown'], String(seconds));
  });

  test('seconds of the wrong type or not an integer is secondsUnknown', () => {
    for (const seconds of ['8', 8.5, NaN, Infinity, null, undefined, [8], true])
      assert.deepEqual(codes(checkDraft(draft({ seconds }))), ['seconds:secondsUnknown'], String(seconds));
  });

  test('every problem is reported at once, one per field', () => {
    assert.deepEqual(codes(checkDraft({ prompt: ' ', model: 'x', aspectRatio: 'y', seconds: 7, referenceImage: 'ftp://a/b.png' })), [
      'prompt:promptEmpty',
      'model:modelUnknown',
      'aspectRatio:aspectRatioUnknown',
      'seconds:secondsUnknown',
      'referenceImage:referenceNotHttp',
    ]);
  });

  test('an empty or blank reference is no reference', () => {
    for (const referenceImage of ['', '   ', '\n'])
      assert.equal('referenceImage' in settingsOf(checkDraft(draft({ referenceImage }))), false);
  });

  test('one http(s) reference URL is kept, trimmed', () => {
    assert.equal(settingsOf(checkDraft(draft({ referenceImage: '  https://example.com/a.png \n' }))).referenceImage, 'https://example.com/a.png');
    assert.equal(settingsOf(checkDraft(draft({ referenceImage: 'http://example.com/a.png?x=1' }))).referenceImage, 'http://example.com/a.png?x=1');
  });

  test('more than one reference is referenceMultiple, whatever separates them', () => {
    for (const referenceImage of [
      'https://a.com/1.png https://a.com/2.png',
      'https://a.com/1.png,https://a.com/2.png',
      'https://a.com/1.png;https://a.com/2.png',
      'https://a.com/1.png\nhttps://a.com/2.png',
      'https://a.com/1.png not-a-url',
    ])
      assert.deepEqual(codes(checkDraft(draft({ referenceImage }))), ['referenceImage:referenceMultiple'], referenceImage);
  });

  test('a single URL that contains commas or semicolons is one reference, not several', () => {
    for (const url of [
      'https://res.cloudinary.com/demo/image/upload/w_1280,h_720,c_fill/cat.jpg',
      'https://cdn.example.com/a.png;v=2',
      'https://example.com/img?size=1280,720',
    ]) {
      assert.equal(settingsOf(checkDraft(draft({ referenceImage: url }))).referenceImage, url, url);
      assert.equal(settingsOf(checkDraft(draft({ referenceImage: `${url},` }))).referenceImage, url, `${url} with a trailing comma`);
    }
  });

  test('javascript:, file:, data:, relative and malformed references are referenceNotHttp', () => {
    for (const referenceImage of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///etc/passwd',
      'file://server/share/a.png',
      'data:image/png;base64,AAAA',
      'ftp://example.com/a.png',
      '/images/a.png',
      'example.com/a.png',
      'http://',
      'https:',
    ])
      assert.deepEqual(codes(checkDraft(draft({ referenceImage }))), ['referenceImage:referenceNotHttp'], referenceImage);
  });

  test('a reference URL over the length limit is referenceTooLong', () => {
    const base = 'https://example.com/';
    const atLimit = base + 'a'.repeat(MAX_REFERENCE_URL_LENGTH - base.length);
    assert.ok(checkDraft(draft({ referenceImage: atLimit })).ok);
    assert.deepEqual(codes(checkDraft(draft({ referenceImage: `${atLimit}a` }))), ['referenceImage:referenceTooLong']);
  });

  test('helpers: referenceCandidates and isHttpUrl', () => {
    assert.deepEqual(referenceCandidates(' a \n\td '), ['a', 'd']);
    assert.deepEqual(referenceCandidates('https://a/1.png,https://a/2.png;http://a/3.png , https://a/4.png'), [
      'https://a/1.png',
      'https://a/2.png',
      'http://a/3.png',
      'https://a/4.png',
    ]);
    assert.deepEqual(referenceCandidates('https://a/w_1,h_2/x.png'), ['https://a/w_1,h_2/x.png']);
    assert.deepEqual(referenceCandidates(''), []);
    assert.equal(isHttpUrl('https://x.y/z'), true);
    assert.equal(isHttpUrl('HTTP://X.Y'), true);
    assert.equal(isHttpUrl('javascript://x.y/%0aalert(1)'), false);
    assert.equal(isHttpUrl('not a url'), false);
  });
});

describe('buildCreateBody', () => {
  const settings: VideoSettings = { prompt: 'p', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12 };

  test('sends exactly the canonical member of each exclusive pair', () => {
    const body = buildCreateBody(settings);
    assert.deepEqual(Object.keys(body).sort(), ['aspect_ratio', 'model', 'prompt', 'seconds']);
    assert.deepEqual(body, { model: 'openAiSora2Pro', prompt: 'p', aspect_ratio: '9:16', seconds: 12 });
    for (const other of ['size', 'duration', 'image_urls', 'input_reference']) assert.equal(other in body, false, other);
  });

  test('input_reference only when a reference is set, as a one-element array', () => {
    const body = buildCreateBody({ ...settings, referenceImage: 'https://a.com/r.png' });
    assert.deepEqual(body.input_reference, ['https://a.com/r.png']);
    assert.equal('image_urls' in body, false);
    assert.equal('input_reference' in buildCreateBody({ ...settings, referenceImage: '' }), false);
  });

  test('seconds is a JSON integer, never a string', () => {
    for (const seconds of [4, 8, 12] as const) {
      const json = JSON.stringify(buildCreateBody({ ...settings, seconds }));
      assert.match(json, new RegExp(`"seconds":${seconds}[,}]`));
      assert.ok(Number.isInteger((JSON.parse(json) as { seconds: unknown }).seconds));
    }
  });

  test('what checkDraft accepts becomes a body without further changes', () => {
    const r = checkDraft(draft({ prompt: '  waves  ', referenceImage: ' https://a.com/x.png ' }));
    assert.ok(r.ok);
    assert.deepEqual(buildCreateBody(r.settings), {
      model: 'openAiSora2Plus',
      prompt: 'waves',
      aspect_ratio: '16:9',
      seconds: 8,
      input_reference: ['https://a.com/x.png'],
    });
  });
});
