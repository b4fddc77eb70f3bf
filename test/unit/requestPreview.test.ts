// The composer's request preview and the "Copy as cURL" text. The cURL command is run by a real
// POSIX shell with `curl` replaced by a function that prints its arguments, so quoting is proven,
// not eyeballed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { curlCommand, prettyBody, previewRequest, shellQuote } from '../../src/domain/requestPreview';
import type { DraftInput } from '../../src/domain/request';

const URL_ = 'https://api.example.test/kyyReactApiServer/v1/sora/videos';
const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
  prompt: 'A fox in the snow',
  model: 'openAiSora2Pro',
  aspectRatio: '9:16',
  seconds: 12,
  referenceImage: '',
  ...over,
});

/** The argv that `curl` would receive when the shell runs the command. */
function curlArgs(command: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}\n`;
  const out = execFileSync('sh', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
  return out.toString('utf8').split('\0').slice(0, -1);
}

describe('previewRequest', () => {
  test('the body is the canonical create body: one member of each exclusive pair', () => {
    const p = previewRequest(draft({ referenceImage: ' https://img.example/a.png ' }), URL_);
    assert.ok(p.ok);
    assert.equal(p.method, 'POST');
    assert.equal(p.url, URL_);
    assert.deepEqual(JSON.parse(p.body), {
      model: 'openAiSora2Pro',
      prompt: 'A fox in the snow',
      aspect_ratio: '9:16',
      seconds: 12,
      input_reference: ['https://img.example/a.png'],
    });
    for (const absent of ['size', 'duration', 'image_urls']) assert.ok(!(absent in JSON.parse(p.body)), absent);
    assert.equal(prettyBody(p.body).split('\n').length, 9);
  });

  test('the prompt is sent trimmed; an invalid draft has no preview', () => {
    const p = previewRequest(draft({ prompt: '  spaced  ' }), URL_);
    assert.ok(p.ok && (JSON.parse(p.body) as { prompt: string }).prompt === 'spaced');
    assert.deepEqual(previewRequest(draft({ prompt: '   ' }), URL_), { ok: false });
    assert.deepEqual(previewRequest(draft({ seconds: 5 }), URL_), { ok: false });
  });

  test('the headers never hold a key, only the variable name', () => {
    const p = previewRequest(draft(), URL_);
    assert.ok(p.ok);
    assert.deepEqual(p.headers, [
      ['Authorization', 'Bearer $SORA_API_KEY'],
      ['Content-Type', 'application/json'],
      ['Accept', 'application/json'],
    ]);
  });
});

describe('curlCommand', () => {
  test('a real shell passes the exact URL, headers and body to curl, with the key from the environment', () => {
    const p = previewRequest(draft(), URL_);
    assert.ok(p.ok);
    const args = curlArgs(curlCommand(p), { SORA_API_KEY: 'sk-from-env' });
    assert.deepEqual(args, [
      '-X',
      'POST',
      URL_,
      '-H',
      'Authorization: Bearer sk-from-env',
      '-H',
      'Content-Type: application/json',
      '-H',
      'Accept: application/json',
      '--data-raw',
      p.body,
    ]);
  });

  test('quotes, dollars, backticks, backslashes and newlines in the prompt stay literal', () => {
    const prompt = `It's "$HOME" \`whoami\` $(touch /tmp/pwned) \\n and\na second line; rm -rf ~ '`;
    const p = previewRequest(draft({ prompt }), URL_);
    assert.ok(p.ok);
    const args = curlArgs(curlCommand(p), { HOME: '/should-not-appear' });
    assert.equal((JSON.parse(args.at(-1)!) as { prompt: string }).prompt, prompt);
    assert.equal(args.at(-1), p.body);
  });

  test('the command text contains no key, only the variable', () => {
    const p = previewRequest(draft(), URL_);
    assert.ok(p.ok);
    const text = curlCommand(p);
    assert.match(text, /Bearer \$SORA_API_KEY"/);
    assert.equal(shellQuote("a'b"), `'a'\\''b'`);
  });
});
