// Failure classification and one request (src/api/http.ts). Only undici's MockAgent: no network.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors, MockAgent } from 'undici';
import { classifyFailure, httpCall, MAX_REPLY_BYTES, retryAfterMs } from '../../src/http/http';
import { ApiError } from '../../src/domain/errors';
import { MemoryLog, registerSecret } from '../../src/util/log';

const URL_ = 'https://api.example.com/v1/sora/videos';
const sysError = (code: string, message = `connect ${code} 127.0.0.1:9`) => Object.assign(new Error(message), { code, syscall: 'connect' });

describe('classifyFailure', () => {
  test('errors before the connection exists are notSent (safe to retry)', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT'])
      assert.equal(classifyFailure(sysError(code), 'create', URL_).kind, 'notSent', code);
    assert.equal(classifyFailure(new errors.ConnectTimeoutError(), 'create', URL_).kind, 'notSent');
  });

  test('the code is found in the cause chain (fetch-style wrappers)', () => {
    const wrapped = new TypeError('fetch failed', { cause: sysError('ECONNREFUSED') });
    const e = classifyFailure(wrapped, 'create', URL_);
    assert.equal(e.kind, 'notSent');
    assert.equal(e.detail, 'ECONNREFUSED');
  });

  test('a proxy that refuses the tunnel: nothing reached the service', () => {
    const e = classifyFailure(new errors.RequestAbortedError('Proxy response (407) !== 200 when HTTP Tunneling'), 'create', URL_);
    assert.equal(e.kind, 'notSent');
    assert.equal(e.detail, 'the proxy answered HTTP 407');
    // A plain abort (no proxy involved) may have reached the service.
    assert.equal(classifyFailure(new errors.RequestAbortedError(), 'create', URL_).kind, 'lost');
  });

  test('a socket closed or reset once the request may have been written is lost', () => {
    assert.equal(classifyFailure(new errors.SocketError('other side closed'), 'create', URL_).kind, 'lost');
    for (const code of ['ECONNRESET', 'EPIPE'])
      assert.equal(classifyFailure(sysError(code, `read ${code}`), 'create', URL_).kind, 'lost', code);
    assert.equal(classifyFailure(new Error('something odd'), 'create', URL_).kind, 'lost');
    assert.equal(classifyFailure('a string', 'create', URL_).kind, 'lost');
    assert.equal(classifyFailure(undefined, 'create', URL_).kind, 'lost');
  });

  test('headers/body timeouts and an aborted deadline are timeout', () => {
    assert.equal(classifyFailure(new errors.HeadersTimeoutError(), 'create', URL_).kind, 'timeout');
    assert.equal(classifyFailure(new errors.BodyTimeoutError(), 'query', URL_).kind, 'timeout');
    const deadline = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    assert.equal(classifyFailure(deadline, 'create', URL_).kind, 'timeout');
  });

  test('an ApiError passes through unchanged; the result names operation and URL', () => {
    const original = new ApiError('malformed', 'query', 'u', 'x');
    assert.equal(classifyFailure(original, 'create', URL_), original);
    const e = classifyFailure(sysError('ECONNREFUSED'), 'query', URL_);
    assert.equal(e.operation, 'query');
    assert.equal(e.url, URL_);
    assert.match(e.message, /^Checking the task failed: could not connect to https:\/\/api\.example\.com\/v1\/sora\/videos \(ECONNREFUSED\)\.$/);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  test('seconds', () => {
    assert.equal(retryAfterMs('0', now), 0);
    assert.equal(retryAfterMs('5', now), 5000);
    assert.equal(retryAfterMs(' 120 ', now), 120_000);
    assert.equal(retryAfterMs('1.5', now), 1500);
    assert.equal(retryAfterMs(['7', '9'], now), 7000);
  });
  test('an HTTP date', () => {
    assert.equal(retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now), 0, 'a date in the past means now');
  });
  test('absent or nonsense', () => {
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(retryAfterMs('', now), undefined);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs([], now), undefined);
  });
});

describe('httpCall (MockAgent)', () => {
  function mock(): { agent: MockAgent; pool: ReturnType<MockAgent['get']> } {
    const agent = new MockAgent();
    agent.disableNetConnect();
    return { agent, pool: agent.get('https://api.example.com') };
  }
  const call = (agent: MockAgent, log = new MemoryLog()) =>
    httpCall({ operation: 'create', method: 'POST', url: URL_, headers: {}, body: '{}', timeoutMs: 5000, dispatcher: agent, log });

  test('a 2xx reply is returned with its text and content type, and logged', async () => {
    const { agent, pool } = mock();
    pool.intercept({ path: '/v1/sora/videos', method: 'POST' }).reply(200, '{"id":"a","status":"queued"}', { headers: { 'content-type': 'application/json' } });
    const log = new MemoryLog();
    const r = await call(agent, log);
    assert.equal(r.status, 200);
    assert.equal(r.text, '{"id":"a","status":"queued"}');
    assert.equal(r.contentType, 'application/json');
    assert.ok(log.lines.some((l) => l.includes(`POST ${URL_} → 200`) && l.includes('"queued"')), log.lines.join('\n'));
    await agent.close();
  });

  test('an error status becomes an http ApiError with the service text and Retry-After', async () => {
    const { agent, pool } = mock();
    pool.intercept({ path: '/v1/sora/videos', method: 'POST' }).reply(429, '{"error":{"message":"Too many requests"}}', { headers: { 'retry-after': '3', 'content-type': 'application/json' } });
    await assert.rejects(call(agent), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.kind, 'http');
      assert.equal(e.status, 429);
      assert.equal(e.retryAfterMs, 3000);
      assert.equal(e.detail, 'Too many requests');
      assert.equal(e.provablyNotSent, true);
      return true;
    });
    await agent.close();
  });

  test('the raw body is logged trimmed and with the key redacted', async () => {
    registerSecret('sk-unit-http-KEY');
    const { agent, pool } = mock();
    pool.intercept({ path: '/v1/sora/videos', method: 'POST' }).reply(401, `{"msg":"bad token sk-unit-http-KEY ${'y'.repeat(5000)}"}`);
    const log = new MemoryLog();
    await assert.rejects(call(agent, log), (e: unknown) => e instanceof ApiError && !e.message.includes('sk-unit-http-KEY'));
    const all = log.lines.join('\n');
    assert.ok(!all.includes('sk-unit-http-KEY'), all);
    assert.ok(all.includes('[redacted]'));
    assert.ok(log.lines.every((l) => l.length < 1300), 'the body is trimmed in the log');
    await agent.close();
  });

  test('a reply larger than the cap is malformed, not read to the end', async () => {
    const { agent, pool } = mock();
    pool.intercept({ path: '/v1/sora/videos', method: 'POST' }).reply(200, Buffer.alloc(MAX_REPLY_BYTES + 10, 0x61));
    await assert.rejects(call(agent), (e: unknown) => e instanceof ApiError && e.kind === 'malformed' && /larger than/.test(e.message));
    await agent.close();
  });

  test('a transport error is classified and logged with its kind', async () => {
    const { agent, pool } = mock();
    pool.intercept({ path: '/v1/sora/videos', method: 'POST' }).replyWithError(sysError('ECONNREFUSED'));
    const log = new MemoryLog();
    await assert.rejects(call(agent, log), (e: unknown) => e instanceof ApiError && e.kind === 'notSent');
    assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes('(notSent)')), log.lines.join('\n'));
    await agent.close();
  });
});
