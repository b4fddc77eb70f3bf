// Every error shape of docs/protocol.md ("Errors and how they read") becomes one readable sentence (src/api/errors.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, clean, envelopeError, serviceMessage, type ApiErrorKind, type Operation } from '../../src/domain/errors';
import { registerSecret } from '../../src/util/log';

const JSON_CT = 'application/json; charset=utf-8';

describe('serviceMessage', () => {
  test('OpenAI style {error:{message,type,code}}', () => {
    const body = JSON.stringify({ error: { message: "Invalid 'seconds': expected 4, 8 or 12", type: 'invalid_request_error', code: 'invalid_parameter' } });
    assert.equal(serviceMessage(body, JSON_CT), "Invalid 'seconds': expected 4, 8 or 12");
  });

  test('{error: "text"}', () => {
    assert.equal(serviceMessage('{"error":"quota exceeded"}', JSON_CT), 'quota exceeded');
  });

  test('{code,msg} envelope', () => {
    assert.equal(serviceMessage(JSON.stringify({ code: 401, msg: '令牌无效' }), JSON_CT), '令牌无效');
  });

  test('{message} (the service 404)', () => {
    const body = '{"message":"No handler found for GET /kyyReactApiServer/v1/models"}';
    assert.equal(serviceMessage(body, JSON_CT), 'No handler found for GET /kyyReactApiServer/v1/models');
  });

  test('{detail} and a message nested in data', () => {
    assert.equal(serviceMessage('{"detail":"Not authenticated"}', JSON_CT), 'Not authenticated');
    assert.equal(serviceMessage('{"code":500,"data":{"message":"inner"}}', JSON_CT), 'inner');
  });

  test('JSON is recognised whatever the content type says', () => {
    assert.equal(serviceMessage('{"msg":"busy"}', 'text/plain'), 'busy');
    assert.equal(serviceMessage('  {"msg":"busy"}\n', undefined), 'busy');
  });

  test('JSON without any message is empty, not the raw JSON', () => {
    assert.equal(serviceMessage('{"code":500}', JSON_CT), '');
    assert.equal(serviceMessage('{"error":{"type":"x"}}', JSON_CT), '');
    assert.equal(serviceMessage('{"msg":"   "}', JSON_CT), '');
  });

  test('an HTML gateway page gives its title (or first heading)', () => {
    const nginx = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    assert.equal(serviceMessage(nginx, 'text/html'), '502 Bad Gateway');
    assert.equal(serviceMessage(nginx, undefined), '502 Bad Gateway');
    assert.equal(serviceMessage('<!DOCTYPE html><html><head><title>\n  504 Gateway\n Time-out </title>', ''), '504 Gateway Time-out');
    assert.equal(serviceMessage('<html><body><h1>Service Unavailable</h1><script>x()</script></body></html>', 'text/html'), 'Service Unavailable');
    // An HTML page without title or heading gives nothing rather than markup.
    assert.equal(serviceMessage('<html><body><div>x</div></body></html>', 'text/html; charset=utf-8'), '');
  });

  test('plain text is used as it is', () => {
    assert.equal(serviceMessage('upstream connect error or disconnect/reset before headers', 'text/plain'), 'upstream connect error or disconnect/reset before headers');
  });

  test('an empty or blank body is empty', () => {
    assert.equal(serviceMessage('', JSON_CT), '');
    assert.equal(serviceMessage(' \r\n ', 'text/plain'), '');
  });

  test('control characters and runs of whitespace are flattened', () => {
    assert.equal(serviceMessage('line one\r\n\tline\u0000two\u001b[0m\u007f!', 'text/plain'), 'line one line two [0m !');
    assert.equal(serviceMessage(JSON.stringify({ error: { message: 'a\nb\u0007c' } }), JSON_CT), 'a b c');
  });

  test('a very long reply is capped so it cannot flood the UI', () => {
    const long = 'x'.repeat(100_000);
    const m = serviceMessage(long, 'text/plain');
    assert.ok(m.length <= 301, `length ${m.length}`);
    assert.ok(m.endsWith('…'));
    assert.ok(serviceMessage(JSON.stringify({ message: long }), JSON_CT).length <= 301);
  });
});

describe('clean', () => {
  test('flattens, trims and caps', () => {
    assert.equal(clean('  a \n\n b  '), 'a b');
    assert.equal(clean('abcdef', 3), 'abc…');
    assert.equal(clean('abc', 3), 'abc');
  });
});

describe('envelopeError', () => {
  test('shape B: a code other than 0 is an error even when data names a project; 0 or "0" is none', () => {
    assert.equal(envelopeError({ code: '1001', msg: '余额不足', data: { projectId: 'proj_1' } }), '余额不足');
    assert.equal(envelopeError({ code: 1, msg: null, data: null }), 'code 1');
    for (const code of ['0', 0]) assert.equal(envelopeError({ code, msg: null, data: { projectId: 'proj_1' } }), undefined);
  });

  test('a {code,msg} envelope other than 0/200 is an error even with HTTP 200', () => {
    assert.equal(envelopeError({ code: 401, msg: '令牌无效' }), '令牌无效');
    assert.equal(envelopeError({ code: 500 }), 'code 500');
    assert.equal(envelopeError({ code: 4001, message: 'insufficient balance' }), 'insufficient balance');
  });

  test('an OpenAI-style error object without a task is an error', () => {
    assert.equal(envelopeError({ error: { message: 'bad key', type: 'auth' } }), 'bad key');
    assert.equal(envelopeError({ error: { type: 'auth' } }), 'error');
  });

  test('success envelopes and task replies are not errors', () => {
    assert.equal(envelopeError({ code: 0, msg: 'ok', data: { id: 'x', status: 'queued' } }), undefined);
    assert.equal(envelopeError({ code: 200, data: { id: 'x', status: 'queued' } }), undefined);
    assert.equal(envelopeError({ id: 'x', status: 'queued' }), undefined);
    // A failed task carries error: it is a task reply, not an envelope.
    assert.equal(envelopeError({ id: 'x', status: 'failed', error: { message: 'policy' } }), undefined);
    assert.equal(envelopeError({ id: 'x', status: 'failed', code: 3 }), undefined);
  });

  test('non-objects are not envelopes', () => {
    for (const v of [null, undefined, 'x', 3, true]) assert.equal(envelopeError(v), undefined);
  });

  test('a string code is read like a number: {code:"500",msg} is an error with the service words', () => {
    assert.equal(envelopeError({ code: '500', msg: '服务繁忙' }), '服务繁忙');
    assert.equal(envelopeError({ code: ' 4003 ' }), 'code 4003');
    assert.equal(envelopeError({ code: 'INVALID_KEY', message: 'bad key' }), 'bad key');
    assert.equal(envelopeError({ code: '0', msg: 'ok', data: { id: 'x' } }), undefined);
    assert.equal(envelopeError({ code: 'success', data: { id: 'x' } }), undefined);
  });

  test('a success code around no data but a message is the service refusing: {code:0,data:null,msg}', () => {
    assert.equal(envelopeError({ code: 0, data: null, msg: '余额不足' }), '余额不足');
    assert.equal(envelopeError({ code: 200, msg: 'insufficient balance' }), 'insufficient balance');
    // Saying only "ok" is no reason: such a reply is not understood (the task may exist), not a refusal.
    assert.equal(envelopeError({ code: 0, data: null, msg: 'success' }), undefined);
    assert.equal(envelopeError({ code: 0, data: null }), undefined);
  });

  test('{error:"text"} without a task is an error', () => {
    assert.equal(envelopeError({ error: 'quota exceeded' }), 'quota exceeded');
    assert.equal(envelopeError({ error: '' }), undefined);
  });

  test('a reply that names a task inside a wrapper is never an envelope', () => {
    assert.equal(envelopeError({ code: 500, msg: 'partial', data: { id: 'sora_1' } }), undefined);
    assert.equal(envelopeError({ code: '1', data: { data: { task_id: 'sora_1' } } }), undefined);
    assert.equal(envelopeError({ status: 'success', data: { id: 'sora_1' } }), undefined);
  });
});

describe('ApiError', () => {
  const URL_ = 'https://api.example.com/kyyReactApiServer/v1/sora/videos';

  test('http: operation, URL, status and the service text in one sentence', () => {
    const e = new ApiError('http', 'create', URL_, 'Invalid prompt', 400);
    assert.equal(e.message, `Creating the video task failed: HTTP 400 from ${URL_}: Invalid prompt`);
    assert.equal(e.name, 'ApiError');
    assert.ok(e instanceof Error);
  });

  test('http without service text still names status and URL', () => {
    const e = new ApiError('http', 'download', 'https://cdn/x.mp4', '', 503);
    assert.equal(e.message, 'Downloading the video failed: HTTP 503 from https://cdn/x.mp4.');
  });

  test('every kind and operation gives a sentence with the operation, URL and detail', () => {
    const ops: Operation[] = ['create', 'query', 'download'];
    const labels = { create: 'Creating the video task', query: 'Checking the task', download: 'Downloading the video' };
    const kinds: ApiErrorKind[] = ['notSent', 'lost', 'timeout', 'malformed'];
    for (const op of ops)
      for (const kind of kinds) {
        const e = new ApiError(kind, op, 'http://h/p', 'DETAIL_X');
        assert.ok(e.message.startsWith(labels[op]), e.message);
        assert.ok(e.message.includes('http://h/p'), e.message);
        assert.ok(e.message.includes('DETAIL_X'), e.message);
      }
    assert.match(new ApiError('notSent', 'create', 'u', 'ECONNREFUSED').message, /could not connect/);
    assert.match(new ApiError('lost', 'create', 'u', 'UND_ERR_SOCKET').message, /connection .* was lost/);
    assert.match(new ApiError('timeout', 'query', 'u', 'x').message, /did not answer in time/);
    assert.match(new ApiError('malformed', 'query', 'u', 'not JSON').message, /could not be understood/);
  });

  test('the key never appears, even when the service echoes it back', () => {
    const key = 'sk-live-SECRET-123456';
    registerSecret(key);
    const body = JSON.stringify({ error: { message: `Incorrect API key provided: ${key}. Header was Bearer ${key}` } });
    const e = new ApiError('http', 'create', URL_, serviceMessage(body, JSON_CT), 401);
    assert.ok(!e.message.includes(key), e.message);
    assert.ok(!e.detail.includes(key), e.detail);
    assert.match(e.message, /HTTP 401/);
    assert.match(e.message, /Incorrect API key provided: \[redacted\]/);
    // A bearer token is removed even if it was never registered.
    const other = new ApiError('lost', 'query', URL_, 'authorization: Bearer abc.def.ghi rejected');
    assert.ok(!other.message.includes('abc.def.ghi'), other.message);
  });

  test('provablyNotSent: only a connection never made, or 429', () => {
    assert.equal(new ApiError('notSent', 'create', 'u', 'd').provablyNotSent, true);
    assert.equal(new ApiError('http', 'create', 'u', 'd', 429, 1000).provablyNotSent, true);
    for (const [kind, status] of [['lost'], ['timeout'], ['malformed'], ['http', 500], ['http', 502], ['http', 400], ['http', 401]] as Array<[ApiErrorKind, number?]>)
      assert.equal(new ApiError(kind, 'create', 'u', 'd', status).provablyNotSent, false, `${kind} ${status}`);
  });
});
