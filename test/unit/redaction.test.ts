// The key leaves every string of a service reply before anything trims, lower-cases, stores or
// shows it (src/http/schemas.ts redactReply, src/domain/errors.ts clean): a cut through the key
// would leave a prefix that redaction no longer recognises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTaskReply, redactReply } from '../../src/http/schemas';
import { ApiError, clean, envelopeError, serviceMessage } from '../../src/domain/errors';
import { registerSecret } from '../../src/util/log';

const KEY = 'sk-Redaction-Unit-Qw3rTy';
const START = KEY.slice(0, 8);
registerSecret(KEY);
/** The key with its first 10 characters before a 300-character cut. */
const atTheCut = `${'x'.repeat(290)}${KEY}`;

test('every field of a parsed reply is redacted, including the status word (before it is lower-cased) and the URL', () => {
  const r = parseTaskReply({
    data: { id: 'task-1', status: `Held-${KEY}`, video_url: `https://cdn.example/v.mp4?t=${KEY}`, model: `m-${KEY}`, error: { message: atTheCut } },
  });
  assert.ok(r.ok);
  const text = JSON.stringify(r.snapshot);
  assert.ok(!text.includes(START), text);
  assert.equal(r.snapshot.status, 'held-[redacted]');
  assert.equal(r.snapshot.videoUrl, 'https://cdn.example/v.mp4?t=[redacted]');
  assert.ok(r.snapshot.error?.startsWith('x'.repeat(290)), 'the message is kept up to the key');
});

test('a completed reply whose URL holds the key keeps a usable URL, without the key', () => {
  const r = parseTaskReply({ id: 'task-2', status: 'completed', url: `https://cdn.example/${KEY}/v.mp4` });
  assert.ok(r.ok);
  assert.equal(r.snapshot.state, 'completed');
  assert.equal(r.snapshot.videoUrl, 'https://cdn.example/[redacted]/v.mp4');
});

test('redactReply walks objects and arrays and leaves other values alone', () => {
  assert.deepEqual(redactReply({ a: KEY, b: [1, `x ${KEY}`], c: { d: null, e: true, f: KEY } }), {
    a: '[redacted]',
    b: [1, 'x [redacted]'],
    c: { d: null, e: true, f: '[redacted]' },
  });
});

test('error replies: the key at the cut of the service message leaves no prefix', () => {
  assert.ok(!clean(atTheCut).includes(START), 'clean');
  assert.ok(!serviceMessage(JSON.stringify({ error: { message: atTheCut } }), 'application/json').includes(START), 'serviceMessage');
  const envelope = envelopeError({ code: 401, msg: atTheCut }) ?? '';
  assert.ok(!envelope.includes(START), 'envelopeError');
  const err = new ApiError('http', 'create', 'https://api.example/v1', serviceMessage(`<html><title>${atTheCut}</title></html>`, 'text/html'), 401);
  assert.ok(!err.message.includes(START) && !err.detail.includes(START), err.message);
});
