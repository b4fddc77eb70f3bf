// The key stays ours: it goes only to the origin it was set for; a moved base URL asks once
// (modal) and a no sends nothing; plain HTTP to another machine asks once, naming the risk; the
// key is never part of what the user is shown.
import { extensionContext, fake } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyStore, registerApiKeyCommands } from '../../src/vscode/apiKey';
import { redact } from '../../src/util/log';
import { isLoopbackHost, sendsKeyInClear } from '../../src/domain/endpoints';
import { StateKeys } from '../../src/domain/ids';

const KEY = 'sk-test-KEY-0123456789abcdef';

function setup(origin = { value: 'https://api.example' as string | undefined }) {
  fake.reset();
  const context = extensionContext();
  const keys = new ApiKeyStore(context.secrets, context.globalState, () => origin.value);
  return { context, keys, origin };
}

test('the key set for an origin is given for that origin without asking', async () => {
  const { keys } = setup();
  await keys.set(KEY);
  assert.equal(await keys.keyFor('https://api.example'), KEY);
  assert.equal(fake.messages.length, 0, 'no question');
});

test('another origin asks once, modally, naming both; no gives nothing and is remembered', async () => {
  const { keys } = setup();
  await keys.set(KEY);
  fake.messageAnswers.push(undefined); // dismissed = no
  assert.equal(await keys.keyFor('https://evil.example'), undefined);
  assert.equal(fake.messages.length, 1);
  const [ask] = fake.messages;
  assert.equal((ask.options as { modal?: boolean }).modal, true, 'the question is modal');
  assert.ok(ask.message.includes('https://api.example') && ask.message.includes('https://evil.example'), ask.message);
  assert.ok(!fake.shown.join('\n').includes(KEY), 'the question does not show the key');
  assert.equal(await keys.keyFor('https://evil.example'), undefined, 'still no');
  assert.equal(fake.messages.length, 1, 'not asked again in this session');
  assert.ok(keys.wasRefused('https://evil.example'));
  assert.equal(await keys.keyFor('https://api.example'), KEY, 'the bound origin still works');
});

test('yes moves the binding: the new origin gets the key without asking again, the old one asks', async () => {
  const { keys } = setup();
  await keys.set(KEY);
  fake.messageAnswers.push('Send Key to https://new.example');
  assert.equal(await keys.keyFor('https://new.example'), KEY);
  assert.equal(await keys.keyFor('https://new.example'), KEY);
  assert.equal(fake.messages.length, 1, 'asked once');
  fake.messageAnswers.push(undefined);
  assert.equal(await keys.keyFor('https://api.example'), undefined, 'the old origin is no longer bound');
});

test('requests racing for a new origin share one question', async () => {
  const { keys } = setup();
  await keys.set(KEY);
  fake.messageAnswers.push(undefined);
  const answers = await Promise.all([1, 2, 3, 4].map(() => keys.keyFor('https://evil.example')));
  assert.deepEqual(answers, [undefined, undefined, undefined, undefined]);
  assert.equal(fake.messages.length, 1, 'one dialog for four requests');
});

test('setting the key again binds it to the current origin and forgets earlier refusals', async () => {
  const { keys, origin } = setup();
  await keys.set(KEY);
  fake.messageAnswers.push(undefined);
  assert.equal(await keys.keyFor('https://other.example'), undefined);
  origin.value = 'https://other.example';
  await keys.set(KEY);
  assert.equal(await keys.keyFor('https://other.example'), KEY);
  assert.equal(fake.messages.length, 1);
});

test('Set and Clear API Key store it only in secret storage and return nothing', async () => {
  const { context, keys } = setup();
  registerApiKeyCommands(context as never, keys);
  fake.inputAnswers.push(`  ${KEY}  `);
  const set = await fake.commands.get('sora.setApiKey')!();
  assert.equal(set, undefined, 'the command returns nothing');
  assert.deepEqual([...fake.secrets.values()], [KEY]);
  const state = JSON.stringify([...context.globalState.values]);
  assert.ok(!state.includes(KEY), `not in global state: ${state}`);
  assert.ok(!fake.shown.join('\n').includes(KEY), 'not in any message or prompt');
  assert.equal(redact(`Authorization: Bearer ${KEY} and ${KEY}`).includes(KEY), false, 'registered for redaction');
  const cleared = await fake.commands.get('sora.clearApiKey')!();
  assert.equal(cleared, undefined);
  assert.equal(fake.secrets.size, 0);
  assert.equal(await keys.keyFor('https://api.example'), undefined);
});

test('plain HTTP counts as safe only for loopback: localhost, 127.0.0.0/8, ::1', () => {
  for (const origin of ['http://localhost:8787', 'http://127.0.0.1:3000', 'http://127.5.6.7', 'http://[::1]:8080', 'http://LOCALHOST', 'https://api.example']) {
    assert.equal(sendsKeyInClear(new URL(origin).origin), false, origin);
  }
  for (const origin of ['http://api.example', 'http://192.168.1.10:8080', 'http://10.0.0.1', 'http://[::2]', 'http://localhost.example', 'http://128.0.0.1', 'http://[::ffff:7f00:1]']) {
    assert.equal(sendsKeyInClear(new URL(origin).origin), true, origin);
  }
  assert.equal(isLoopbackHost(new URL('http://127.1').hostname), true, 'URL parsing normalises 127.1 to 127.0.0.1');
  assert.equal(sendsKeyInClear('not a url'), true, 'an unreadable origin is never assumed safe');
});

test('plain HTTP to loopback gives the key without asking', async () => {
  for (const origin of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']) {
    const { keys } = setup({ value: origin });
    await keys.set(KEY);
    assert.equal(await keys.keyFor(origin), KEY, origin);
    assert.equal(fake.messages.length, 0, `no question for ${origin}`);
  }
});

test('plain HTTP to another machine asks once, modally, naming the risk, even for the origin the key was set for; no sends nothing', async () => {
  const { keys } = setup({ value: 'http://api.example' });
  await keys.set(KEY);
  fake.messageAnswers.push(undefined); // dismissed = no
  assert.equal(await keys.keyFor('http://api.example'), undefined);
  assert.equal(fake.messages.length, 1);
  const [ask] = fake.messages;
  const options = ask.options as { modal?: boolean; detail?: string };
  assert.equal(options.modal, true, 'the question is modal');
  assert.ok(ask.message.includes('http://api.example') && /plain HTTP/.test(ask.message) && /unencrypted/.test(ask.message), ask.message);
  assert.ok(/https:\/\//.test(options.detail ?? ''), 'the detail points to https');
  assert.deepEqual(ask.items, ['Send Key Unencrypted']);
  assert.ok(!fake.shown.join('\n').includes(KEY), 'the question does not show the key');
  assert.equal(await keys.keyFor('http://api.example'), undefined, 'still no');
  assert.equal(fake.messages.length, 1, 'not asked again in this session');
  assert.ok(keys.wasRefused('http://api.example'));
});

test('a yes to plain HTTP is asked once: kept for that origin across sessions, asked again for another', async () => {
  const { context, keys } = setup({ value: 'http://api.example' });
  await keys.set(KEY);
  fake.messageAnswers.push('Send Key Unencrypted');
  assert.equal(await keys.keyFor('http://api.example'), KEY);
  assert.equal(await keys.keyFor('http://api.example'), KEY);
  const later = new ApiKeyStore(context.secrets, context.globalState, () => 'http://api.example');
  assert.equal(await later.keyFor('http://api.example'), KEY, 'a new window remembers the yes');
  assert.equal(fake.messages.length, 1, 'asked once');
  assert.ok(!JSON.stringify([...context.globalState.values]).includes(KEY), 'the consent stores the origin, not the key');
  fake.messageAnswers.push(undefined);
  assert.equal(await keys.keyFor('http://other.example'), undefined, 'another plain-HTTP origin asks again');
  assert.equal(fake.messages.length, 2);
  assert.ok(/plain HTTP/.test(fake.messages[1].message), fake.messages[1].message);
});

test('a base URL that moves from https to plain HTTP asks one question that names both origins and the risk', async () => {
  const { context, keys } = setup();
  await keys.set(KEY);
  fake.messageAnswers.push('Send Key Unencrypted');
  assert.equal(await keys.keyFor('http://api.example'), KEY);
  assert.equal(fake.messages.length, 1, 'one question, not two');
  const [ask] = fake.messages;
  assert.ok(ask.message.includes('https://api.example') && ask.message.includes('http://api.example') && /unencrypted/.test(ask.message), ask.message);
  assert.equal(context.globalState.get(StateKeys.apiKeyOrigin), 'http://api.example', 'the key is now bound there');
});

test('racing requests to a plain-HTTP origin share one question; Clear API Key forgets the yes', async () => {
  const { context, keys } = setup({ value: 'http://api.example' });
  await keys.set(KEY);
  fake.messageAnswers.push('Send Key Unencrypted');
  const answers = await Promise.all([1, 2, 3].map(() => keys.keyFor('http://api.example')));
  assert.deepEqual(answers, [KEY, KEY, KEY]);
  assert.equal(fake.messages.length, 1);
  await keys.clear();
  assert.equal(context.globalState.get(StateKeys.apiKeyPlainHttpOrigin), undefined);
  await keys.set(KEY);
  fake.messageAnswers.push(undefined);
  assert.equal(await keys.keyFor('http://api.example'), undefined, 'asked again after the key was cleared');
  assert.equal(fake.messages.length, 2);
});
