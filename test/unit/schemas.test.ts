// Tolerant parsing of create and query replies (docs/protocol.md "Querying a task").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTaskReply, stateOf, type TaskSnapshot } from '../../src/http/schemas';

function ok(json: unknown): TaskSnapshot {
  const r = parseTaskReply(json);
  assert.ok(r.ok, `expected a snapshot, got ${JSON.stringify(r)}`);
  return r.snapshot;
}

function reason(json: unknown): string {
  const r = parseTaskReply(json);
  assert.equal(r.ok, false, `expected a refusal for ${JSON.stringify(json)}`);
  return r.ok ? '' : r.reason;
}

const VIDEO = 'https://cdn.example.com/v/abc.mp4';

describe('parseTaskReply', () => {
  test('the documented create reply', () => {
    assert.deepEqual(
      ok({ id: 'sora_abc123def456', object: 'video.generation', created: 1761635478, model: 'openAiSora2Plus', status: 'queued' }),
      { id: 'sora_abc123def456', status: 'queued', state: 'queued', created: 1761635478, model: 'openAiSora2Plus' },
    );
  });

  test('the documented completed query reply', () => {
    const s = ok({ id: 'sora_1', object: 'video.generation', status: 'completed', video_url: VIDEO, actualDuration: 8, amount: 0.8 });
    assert.equal(s.state, 'completed');
    assert.equal(s.videoUrl, VIDEO);
    assert.equal(s.actualDuration, 8);
    assert.equal(s.amount, 0.8);
    assert.equal(s.error, undefined);
  });

  test('status is compared case-insensitively and kept lower-cased', () => {
    for (const [status, state] of [
      ['COMPLETED', 'completed'],
      ['Completed', 'completed'],
      ['  processing ', 'processing'],
      ['QUEUED', 'queued'],
      ['FAILED', 'failed'],
      ['In_Progress', 'processing'],
      ['SUCCEEDED', 'completed'],
    ] as const) {
      const s = ok({ id: 'x', status, video_url: VIDEO, error: 'e' });
      assert.equal(s.state, state, status);
      assert.equal(s.status, status.trim().toLowerCase());
    }
  });

  test('an unknown status is kept as it is, as state other', () => {
    const s = ok({ id: 'x', status: 'Moderating' });
    assert.equal(s.state, 'other');
    assert.equal(s.status, 'moderating');
    assert.equal(stateOf('whatever'), 'other');
  });

  test('the video URL may be named video_url, result_url or url', () => {
    for (const field of ['video_url', 'result_url', 'url']) {
      const s = ok({ id: 'x', status: 'completed', [field]: VIDEO });
      assert.equal(s.videoUrl, VIDEO, field);
      assert.equal(s.state, 'completed', field);
    }
    // Empty or null earlier fields do not hide a later one.
    assert.equal(ok({ id: 'x', status: 'completed', video_url: '', result_url: null, url: VIDEO }).videoUrl, VIDEO);
    assert.equal(ok({ id: 'x', status: 'completed', video_url: `  ${VIDEO}  ` }).videoUrl, VIDEO);
  });

  test('error as a string, as an object with message, as an object with only a code', () => {
    assert.equal(ok({ id: 'x', status: 'failed', error: 'policy rejected' }).error, 'policy rejected');
    assert.equal(ok({ id: 'x', status: 'failed', error: { message: 'Content policy violation', type: 't' } }).error, 'Content policy violation');
    assert.equal(ok({ id: 'x', status: 'failed', error: { code: 'E42' } }).error, 'code E42');
    assert.equal(ok({ id: 'x', status: 'failed', error: null }).error, undefined);
    assert.equal(ok({ id: 'x', status: 'queued', error: '' }).error, undefined);
  });

  test('error text is cleaned of control characters', () => {
    assert.equal(ok({ id: 'x', status: 'failed', error: 'bad\u0000\u001b[31m\nthing' }).error, 'bad [31m thing');
  });

  test('fields wrapped in a data object', () => {
    const s = ok({ code: 0, msg: 'ok', data: { id: 'sora_9', status: 'COMPLETED', url: VIDEO, actualDuration: 4 } });
    assert.deepEqual([s.id, s.state, s.videoUrl, s.actualDuration], ['sora_9', 'completed', VIDEO, 4]);
  });

  test('unknown fields are ignored', () => {
    const s = ok({ id: 'x', status: 'queued', x_trace: 'abc', progress: 40, nested: { a: [1] } });
    assert.deepEqual(s, { id: 'x', status: 'queued', state: 'queued' });
  });

  test('completed without any video URL is a failure with a message', () => {
    for (const json of [
      { id: 'x', status: 'completed' },
      { id: 'x', status: 'completed', video_url: '' },
      { id: 'x', status: 'completed', video_url: null, result_url: '   ' },
    ]) {
      const s = ok(json);
      assert.equal(s.state, 'failed');
      assert.match(s.error ?? '', /no video URL/);
    }
    // The service's own error wins over the generic message.
    assert.equal(ok({ id: 'x', status: 'completed', error: 'storage full' }).error, 'storage full');
  });

  test('a non-http(s) video URL is never offered; the task fails with a message naming it', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://x/y.mp4', 'not a url']) {
      const s = ok({ id: 'x', status: 'completed', video_url: url });
      assert.equal(s.videoUrl, undefined, url);
      assert.equal(s.state, 'failed', url);
      assert.match(s.error ?? '', /not http/, url);
    }
  });

  test('a numeric id becomes a string', () => {
    assert.equal(ok({ id: 12345, status: 'queued' }).id, '12345');
  });

  test('amount as a numeric string is a number; nonsense is dropped', () => {
    assert.equal(ok({ id: 'x', status: 'completed', url: VIDEO, amount: '1.20' }).amount, 1.2);
    assert.equal(ok({ id: 'x', status: 'completed', url: VIDEO, amount: 'free' }).amount, undefined);
  });

  test('garbage is refused with a reason naming the problem', () => {
    assert.match(reason(null), /./);
    assert.match(reason('queued'), /./);
    assert.match(reason([]), /./);
    assert.match(reason({}), /id|status/);
    assert.match(reason({ status: 'queued' }), /^id/);
    assert.match(reason({ id: '', status: 'queued' }), /^id/);
    assert.match(reason({ id: 'x' }), /^status/);
    assert.match(reason({ id: 'x', status: '' }), /^status/);
    assert.match(reason({ id: 'x', status: 42 }), /^status/);
    assert.match(reason({ id: { a: 1 }, status: 'queued' }), /^id/);
    assert.match(reason({ id: 'x', status: 'queued', video_url: 7 }), /^video_url/);
    assert.match(reason({ id: 'x', status: 'failed', error: 7 }), /^error/);
    assert.match(reason({ data: 'nope' }), /./);
  });
});
