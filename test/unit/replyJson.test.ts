// Reply bodies are read without losing the digits of numeric ids (src/http/replyJson.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReplyJson, quoteIdNumbers } from '../../src/http/replyJson';
import { parseTaskReply } from '../../src/http/schemas';

const idOf = (text: string): string => {
  const r = parseTaskReply(parseReplyJson(text), { statusOptional: true });
  assert.ok(r.ok, JSON.stringify(r));
  return r.snapshot.id;
};

describe('parseReplyJson', () => {
  test('ids beyond 2^53 keep every digit', () => {
    assert.equal(idOf('{"id":9007199254740993,"status":"queued"}'), '9007199254740993');
    assert.equal(idOf('{"id": 123456789012345678901234567890 ,"status":"queued"}'), '123456789012345678901234567890');
    assert.equal(idOf('{"id":-9007199254740995}'), '-9007199254740995');
    assert.equal(idOf('{"code":0,"data":{"task_id":18446744073709551617,"status":"queued"}}'), '18446744073709551617');
    assert.equal(idOf('{"taskId":9007199254740993}'), '9007199254740993');
    assert.equal(idOf('{"\\u0069d":9007199254740993}'), '9007199254740993', 'an escaped key is the same key');
  });

  test('small integer ids read as before', () => {
    assert.equal(idOf('{"id":12345,"status":"queued"}'), '12345');
    assert.equal(idOf('{"id":0}'), '0');
  });

  test('projectId keeps its digits too; other numbers are left alone', () => {
    const json = parseReplyJson('{"projectId":9007199254740993,"created":9007199254740993,"amount":1.5,"ids":[9007199254740993]}') as Record<string, unknown>;
    assert.equal(json.projectId, '9007199254740993');
    assert.equal(typeof json.created, 'number');
    assert.equal(json.amount, 1.5);
    assert.deepEqual(json.ids, [9007199254740992]);
  });

  test('text inside strings is never touched', () => {
    const text = '{"error":"\\"id\\":9007199254740993 and \\\\","msg":"id","id":"sora_1","note":"{\\"id\\":1}"}';
    assert.deepEqual(parseReplyJson(text), JSON.parse(text));
    assert.equal(quoteIdNumbers('{"a":"id","b":1}'), '{"a":"id","b":1}');
  });

  test('fractions and exponents stay numbers; invalid JSON still throws', () => {
    assert.equal((parseReplyJson('{"id":1.5e3}') as { id: unknown }).id, 1500);
    assert.throws(() => parseReplyJson('{"id":0123}'));
    assert.throws(() => parseReplyJson('{"id":9007199254740993'));
    assert.throws(() => parseReplyJson('{"id":"sora_'));
    assert.throws(() => parseReplyJson(''));
  });

  test('a body without ids is passed through as is', () => {
    const text = JSON.stringify({ status: 'queued', data: [1, 2, { x: 'y' }] });
    assert.equal(quoteIdNumbers(text), text);
  });

  test('a byte order mark before the JSON is not a reason to lose the task', () => {
    assert.equal(idOf('\ufeff{"id":9007199254740993,"status":"queued"}'), '9007199254740993');
  });
});
