// The composer's request/reply layer (webview/rpc.ts, webview/referenceChecks.ts): replies find
// their request by id alone; a reply to a request that was forgotten, has ended, or belongs to an
// earlier page is dropped, never matched up by its content.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { Rpc, newSession } from '../../webview/rpc';
import { ReferenceChecks } from '../../webview/referenceChecks';
import { endsRequest, fromHostSchema, fromWebviewSchema, type FromWebview, type Reply } from '../../src/shared/protocol';
import type { About } from '../../webview/state';

const DRAFT = { prompt: 'p', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' };

function harness(session = 's1') {
  const sent: Array<FromWebview & { requestId: string }> = [];
  const rpc = new Rpc((m) => sent.push(m as FromWebview & { requestId: string }), session);
  return { rpc, sent };
}

test('requests carry fresh ids and pass the protocol schema the host parses them with', () => {
  const { rpc, sent } = harness();
  const a = rpc.request('submit', { draft: DRAFT }, () => undefined);
  const b = rpc.request('checkReference', { url: 'https://a.example/x.png', aspectRatio: '16:9' }, () => undefined);
  const c = rpc.request('copyCurl', { draft: DRAFT }, () => undefined);
  assert.equal(new Set([a, b, c]).size, 3);
  assert.deepEqual(sent.map((m) => m.requestId), [a, b, c]);
  for (const m of sent) assert.ok(fromWebviewSchema.safeParse(m).success, JSON.stringify(m));
  assert.deepEqual(sent[0], { type: 'submit', requestId: a, draft: DRAFT });
});

test('replies route to their own request, whatever the order they come in', () => {
  const { rpc } = harness();
  const got: string[] = [];
  const submit = rpc.request('submit', { draft: DRAFT }, (r) => got.push(`submit:${r.type}`));
  const check = rpc.request('checkReference', { url: 'https://a.example/x.png', aspectRatio: '16:9' }, (r) => got.push(`check:${r.type}`));
  const curl = rpc.request('copyCurl', { draft: DRAFT }, (r) => got.push(`curl:${r.type}`));
  assert.ok(rpc.receive({ type: 'referenceCheck', requestId: check, level: 'checking', message: '…' }));
  assert.ok(rpc.receive({ type: 'info', requestId: curl, message: 'copied' }));
  assert.ok(rpc.receive({ type: 'sending', requestId: submit }));
  assert.ok(rpc.receive({ type: 'referenceCheck', requestId: check, level: 'ok', message: 'fits' }));
  assert.ok(rpc.receive({ type: 'created', requestId: submit, message: 'made', taskId: 't1' }));
  assert.deepEqual(got, ['check:referenceCheck', 'curl:info', 'submit:sending', 'check:referenceCheck', 'submit:created']);
  for (const id of [submit, check, curl]) assert.ok(!rpc.isPending(id), `${id} ended`);
});

test('a late reply to a forgotten request is ignored, and the newer request still gets its own', () => {
  const { rpc } = harness();
  const got: string[] = [];
  const old = rpc.request('checkReference', { url: 'https://a.example/old.png', aspectRatio: '16:9' }, (r) => got.push(`old:${r.type}`));
  rpc.forget(old);
  const now = rpc.request('checkReference', { url: 'https://a.example/new.png', aspectRatio: '16:9' }, (r) => r.type === 'referenceCheck' && got.push(`new:${r.message}`));
  assert.equal(rpc.receive({ type: 'referenceCheck', requestId: old, level: 'error', message: 'about the old URL' }), false);
  assert.ok(rpc.receive({ type: 'referenceCheck', requestId: now, level: 'ok', message: 'about the new URL' }));
  assert.deepEqual(got, ['new:about the new URL']);
});

test('nothing after the reply that ends a request reaches it', () => {
  const { rpc } = harness();
  const got: string[] = [];
  const id = rpc.request('submit', { draft: DRAFT }, (r) => got.push(r.type));
  assert.ok(rpc.receive({ type: 'failed', requestId: id, message: 'no' }));
  assert.equal(rpc.receive({ type: 'created', requestId: id, message: 'late', taskId: 'x' }), false);
  assert.equal(rpc.receive({ type: 'sending', requestId: id }), false);
  assert.deepEqual(got, ['failed']);
});

test('replies with unknown ids, or of a kind the request cannot get, go nowhere', () => {
  const { rpc } = harness();
  const got: string[] = [];
  const check = rpc.request('checkReference', { url: 'https://a.example/x.png', aspectRatio: '9:16' }, (r) => got.push(r.type));
  for (const reply of [
    { type: 'created', requestId: check, message: 'm', taskId: 't' },
    { type: 'sending', requestId: check },
    { type: 'info', requestId: check, message: 'm' },
    { type: 'done', requestId: `${check}0` },
    { type: 'done', requestId: 'someone-else.1' },
    { type: 'done', requestId: '__proto__' },
    { type: 'done', requestId: 'constructor' },
  ] as Reply[]) {
    assert.equal(rpc.receive(reply), false, JSON.stringify(reply));
  }
  assert.deepEqual(got, []);
  assert.ok(rpc.isPending(check), 'the request still waits for a real answer');
});

test('a new page never reuses an id of the page before it, and can take over its running submit', () => {
  const before = harness(newSession());
  const running = before.rpc.request('submit', { draft: DRAFT }, () => assert.fail('the old page is gone'));
  const after = harness(newSession());
  const got: string[] = [];
  after.rpc.adopt('submit', running, (r) => got.push(r.type));
  const mine = Array.from({ length: 50 }, () => after.rpc.request('checkReference', { url: 'https://a.example/x.png', aspectRatio: '16:9' }, () => undefined));
  assert.ok(!mine.includes(running), 'ids differ across page lives');
  assert.ok(after.rpc.receive({ type: 'sending', requestId: running }));
  assert.ok(after.rpc.receive({ type: 'created', requestId: running, message: 'm', taskId: 't' }));
  assert.deepEqual(got, ['sending', 'created']);
  assert.match(newSession(), /^[0-9a-f]{16}$/);
  assert.notEqual(newSession(), newSession());
});

test('forgetAll drops every pending request (a new init)', () => {
  const { rpc } = harness();
  const ids = [rpc.request('submit', { draft: DRAFT }, () => assert.fail('forgotten')), rpc.request('copyCurl', { draft: DRAFT }, () => assert.fail('forgotten'))];
  rpc.forgetAll();
  for (const id of ids) assert.equal(rpc.receive({ type: 'done', requestId: id }), false);
});

test('which replies end which request', () => {
  const r = (x: object) => x as Reply;
  assert.equal(endsRequest('submit', r({ type: 'sending', requestId: 'a' })), false);
  assert.equal(endsRequest('submit', r({ type: 'referenceCheck', requestId: 'a', level: 'error', message: '' })), false, "a submit's own check is progress");
  assert.equal(endsRequest('checkReference', r({ type: 'referenceCheck', requestId: 'a', level: 'checking', message: '' })), false);
  assert.equal(endsRequest('checkReference', r({ type: 'referenceCheck', requestId: 'a', level: 'warning', message: '' })), true);
  for (const type of ['invalid', 'failed', 'created', 'done'] as const) assert.equal(endsRequest('submit', r({ type, requestId: 'a' })), true, type);
  assert.ok(!fromHostSchema.safeParse({ type: 'failed', message: 'no id' }).success, 'a reply without an id is refused');
  assert.ok(!fromWebviewSchema.safeParse({ type: 'submit', draft: DRAFT }).success, 'a request without an id is refused');
  assert.ok(!fromWebviewSchema.safeParse({ type: 'submit', requestId: '', draft: DRAFT }).success);
  assert.ok(!fromWebviewSchema.safeParse({ type: 'submit', requestId: 7, draft: DRAFT }).success);
});

test('reference checks: one question at a time, and the answer about an earlier URL is not shown', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { rpc, sent } = harness();
  let want: About | undefined = { url: 'https://a.example/1.png', aspectRatio: '16:9' };
  const verdicts: string[] = [];
  const checks = new ReferenceChecks(rpc, () => want, (about, level, message) => verdicts.push(`${about.url}:${level}:${message}`));

  checks.schedule(500);
  checks.schedule(500); // typing goes on: still one question, after the pause
  t.mock.timers.tick(499);
  assert.equal(sent.length, 0);
  t.mock.timers.tick(1);
  assert.equal(sent.length, 1);
  const first = sent[0].requestId;
  checks.schedule(0); // same URL and ratio: the question is already out
  t.mock.timers.tick(1);
  assert.equal(sent.length, 1);

  want = { url: 'https://a.example/2.png', aspectRatio: '16:9' };
  checks.schedule(500);
  t.mock.timers.tick(500);
  assert.equal(sent.length, 2);
  const second = sent[1].requestId;
  assert.equal(rpc.receive({ type: 'referenceCheck', requestId: first, level: 'error', message: 'late' }), false, 'the old answer is dropped');
  rpc.receive({ type: 'referenceCheck', requestId: second, level: 'ok', message: 'fits' });
  assert.deepEqual(verdicts, ['https://a.example/2.png:ok:fits']);

  want = undefined; // a settled verdict, or no URL: nothing to ask
  checks.schedule(0);
  t.mock.timers.tick(10);
  assert.equal(sent.length, 2);
  mock.timers.reset();
});
