// The key stays ours: it goes only to the origin it was set for; a moved base URL asks once
// (modal) and a no sends nothing; the key is never part of what the user is shown.
import { extensionContext, fake } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyStore, registerApiKeyCommands } from '../../src/vscode/apiKey';
import { redact } from '../../src/util/log';

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
