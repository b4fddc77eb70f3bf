// Tolerant parsing of create and query replies (docs/protocol.md "Querying a task").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTaskReply, stateOf, type ParseOptions, type TaskSnapshot } from '../../src/http/schemas';

function ok(json: unknown, options?: ParseOptions): TaskSnapshot {
  const r = parseTaskReply(json, options);
  assert.ok(r.ok, `expected a snapshot, got ${JSON.stringify(r)}`);
  return r.snapshot;
}

function reason(json: unknown, options?: ParseOptions): string {
  const r = parseTaskReply(json, options);
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
    assert.match(reason({ data: 'nope' }), /./);
  });

  test('garbage ids are refused on create too: only a usable id makes a reply readable', () => {
    const create = { statusOptional: true };
    assert.match(reason({ status: 'queued' }, create), /^id: missing/);
    assert.match(reason({ id: '..' }, create), /^id: unusable task id ".."/);
    assert.match(reason({ id: true, status: 'queued' }, create), /^id: not a string or a number/);
    assert.match(reason([], create), /^reply: not an object/);
  });
});

function dropped(json: unknown, options?: ParseOptions): string[] {
  const r = parseTaskReply(json, options);
  assert.ok(r.ok, `expected a snapshot, got ${JSON.stringify(r)}`);
  return r.dropped;
}

describe('parseTaskReply: a reply that names the task is never thrown away over a detail', () => {
  test('wrong-typed optional fields are dropped and named; id, status and the rest are kept', () => {
    const json = { id: 'sora_1', status: 'queued', created: 'yesterday', actualDuration: 'eight', model: 42, amount: [1], progress: {} };
    assert.deepEqual(ok(json), { id: 'sora_1', status: 'queued', state: 'queued' });
    assert.deepEqual(dropped(json), ['actualDuration (string)', 'amount (array)', 'created (string)', 'model (number)']);
  });

  test('numeric strings in number fields are read as numbers', () => {
    const s = ok({ id: 'x', status: 'completed', video_url: VIDEO, created: '1761635478', actualDuration: ' 8 ', amount: '0.8' });
    assert.deepEqual([s.created, s.actualDuration, s.amount], [1761635478, 8, 0.8]);
  });

  test('error as a number, as {message: null}, as {message: 5}: the reply is kept', () => {
    assert.equal(ok({ id: 'x', status: 'failed', error: 7 }).error, 'code 7');
    assert.equal(ok({ id: 'x', status: 'queued', error: { message: null } }).error, undefined);
    assert.deepEqual(dropped({ id: 'x', status: 'queued', error: { message: null, code: '' } }), [], 'an empty error object means no error');
    assert.equal(ok({ id: 'x', status: 'queued', error: { message: 5 } }).error, undefined);
    assert.deepEqual(dropped({ id: 'x', status: 'queued', error: { message: 5 } }), ['error (object without a message)']);
    assert.deepEqual(dropped({ id: 'x', status: 'queued', error: [1] }), ['error (array)']);
    assert.equal(ok({ id: 'x', status: 'failed', error: { msg: 'quota' } }).error, 'quota');
  });

  test('failed with an error that cannot be read still carries a reason', () => {
    assert.match(ok({ id: 'x', status: 'failed', error: true }).error ?? '', /reason could not be read/);
    assert.match(ok({ id: 'x', status: 'failed', error: { message: 5 } }).error ?? '', /reason could not be read/);
  });

  test('a video URL of the wrong type is dropped; a readable one after it is used', () => {
    assert.deepEqual(dropped({ id: 'x', status: 'queued', video_url: 7 }), ['video_url (number)']);
    const s = ok({ id: 'x', status: 'completed', video_url: 7, result_url: { a: 1 }, url: VIDEO });
    assert.equal(s.videoUrl, VIDEO);
    assert.equal(s.state, 'completed');
    // Nothing readable: completed without a URL, a failure with the usual message.
    assert.match(ok({ id: 'x', status: 'completed', video_url: 7 }).error ?? '', /no video URL/);
  });

  test('a create reply needs only a usable id: a missing or unreadable status reads as submitted', () => {
    const create = { statusOptional: true };
    for (const json of [{ id: 'sora_1' }, { id: 'sora_1', status: 5 }, { id: 'sora_1', status: '  ' }, { id: 'sora_1', status: null }]) {
      const s = ok(json, create);
      assert.deepEqual([s.id, s.status, s.state], ['sora_1', 'submitted', 'queued'], JSON.stringify(json));
    }
    assert.deepEqual(dropped({ id: 'sora_1' }, create), ['status (missing)']);
    assert.deepEqual(dropped({ id: 'sora_1', status: 5 }, create), ['status (number)']);
    // A query still needs a status.
    assert.match(reason({ id: 'sora_1', status: 5 }), /^status: unreadable \(number\)/);
  });

  test('a long or odd status is kept readable: flattened, bounded, lower-cased', () => {
    const s = ok({ id: 'x', status: `Über\u0000${'x'.repeat(300)}` });
    assert.equal(s.state, 'other');
    assert.ok(s.status.length <= 101, `${s.status.length}`);
    assert.ok(s.status.startsWith('über '));
  });

  test('the task id is taken from task_id or taskId when id is absent', () => {
    assert.equal(ok({ task_id: 'sora_7', status: 'queued' }).id, 'sora_7');
    assert.equal(ok({ taskId: 42, status: 'queued' }).id, '42');
    assert.equal(ok({ id: null, task_id: 'sora_8', status: 'queued' }).id, 'sora_8');
  });

  test('{status:"success", data:{…}} and nested wrappers are unwrapped; the wrapper status is not the task status', () => {
    assert.deepEqual(ok({ status: 'success', data: { id: 'sora_2', status: 'processing' } }), { id: 'sora_2', status: 'processing', state: 'processing' });
    assert.deepEqual(ok({ code: 0, data: { data: { id: 'sora_3', status: 'queued' } } }), { id: 'sora_3', status: 'queued', state: 'queued' });
    const s = ok({ status: 'success', data: { id: 'sora_4' } }, { statusOptional: true });
    assert.equal(s.state, 'queued', 'not "success" (completed without a URL would make it failed)');
    assert.match(reason({ status: 'success', data: { id: 'sora_4' } }), /^status/);
  });
});

describe('parseTaskReply: ids', () => {
  test('an over-long id is refused whole, never cut to 500 characters (another task)', () => {
    assert.match(reason({ id: 'x'.repeat(501), status: 'queued' }), /^id: unusable task id \(longer than 500 characters\)/);
    assert.match(reason({ id: `${'x'.repeat(499)}  `, status: 'queued' }, { statusOptional: true }), /longer than 500/, 'the length counts before trimming');
    assert.equal(ok({ id: 'x'.repeat(500), status: 'queued' }).id, 'x'.repeat(500));
  });

  test('surrounding whitespace is not part of the id; whitespace alone is no id', () => {
    assert.equal(ok({ id: '  sora_5 ', status: 'queued' }).id, 'sora_5');
    assert.match(reason({ id: '   ', status: 'queued' }), /^id: unusable/);
  });
});

describe('parseTaskReply: status words the extension does not know', () => {
  test('with an error they are final and failed, with the error as the reason', () => {
    for (const [status, error] of [
      ['rejected', 'prompt rejected'],
      ['TIMEOUT', 'generation timed out'],
      ['moderation_failed', { message: 'moderation' }],
      ['审核失败', { code: 'E1' }],
    ] as const) {
      const s = ok({ id: 'x', status, error });
      assert.equal(s.state, 'failed', status);
      assert.equal(s.status, status.toLowerCase());
      assert.ok(s.error, `${status} has a reason`);
    }
  });

  test('without an error they stay open (state other) and keep being checked', () => {
    for (const json of [{ id: 'x', status: 'rejected' }, { id: 'x', status: 'timeout', error: '' }, { id: 'x', status: 'moderating', error: { message: null } }]) {
      assert.equal(ok(json).state, 'other', JSON.stringify(json));
    }
  });

  test('a known open status with an error stays open (docs/protocol.md uncertainty 10)', () => {
    assert.equal(ok({ id: 'x', status: 'processing', error: 'slow' }).state, 'processing');
  });
});

describe('parseTaskReply: the families beyond Sora (docs/protocol.md, "Model families")', () => {
  test('shape B: the id is data.projectId, with code "0" or 0', () => {
    for (const code of ['0', 0]) {
      assert.deepEqual(ok({ code, msg: null, data: { projectId: 'proj_1234567890' } }, { statusOptional: true }), { id: 'proj_1234567890', status: 'submitted', state: 'queued' });
    }
    assert.equal(ok({ code: '0', data: { projectId: 123 } }, { statusOptional: true }).id, '123');
  });

  test('projectId only when no other id key is present: id wins, even an unusable one', () => {
    assert.equal(ok({ id: 'video_1', projectId: 'proj_1', status: 'queued' }).id, 'video_1');
    assert.match(reason({ id: '..', projectId: 'proj_1', status: 'queued' }), /^id: unusable/);
    assert.equal(reason({ code: '0', data: { projectId: '' } }, { statusOptional: true }), 'projectId: unusable task id ""');
    assert.equal(reason({ code: '0', data: { name: 'x' } }, { statusOptional: true }), 'id: missing');
  });

  test('cancelled is failed, with a reason when the service gives none', () => {
    for (const status of ['cancelled', 'CANCELED']) {
      const s = ok({ id: 'video_1', object: 'video', status });
      assert.equal(s.state, 'failed');
      assert.equal(s.error, 'The service cancelled the task.');
    }
    assert.equal(ok({ id: 'video_1', status: 'cancelled', error: 'flex tier timed out' }).error, 'flex tier timed out');
  });

  test('totalTokens and actualDuration are kept', () => {
    const s = ok({ id: 'video_1', object: 'Video', status: 'completed', video_url: VIDEO, actualDuration: 5.04, totalTokens: 108900 });
    assert.equal(s.totalTokens, 108900);
    assert.equal(s.actualDuration, 5.04);
    assert.equal(ok({ id: 'x', status: 'queued', totalTokens: '12' }).totalTokens, 12);
    assert.equal(ok({ id: 'x', status: 'queued', totalTokens: 'many' }).totalTokens, undefined);
  });
});
