// The monthly budget's question (src/vscode/budget.ts) under the recording vscode stand-in: asked
// only once this month's reported cost has reached sora.monthlyBudget, as a modal naming both
// amounts; "no" is a reason to show, Create Anyway goes on; creates started together share one question,
// and so do creates asked for as one series (variations, a file's shots), though they are sent one by one.
import { fake, setConfig } from '../fixtures/vscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetGate } from '../../src/vscode/budget';
import type { CreateSeries } from '../../src/engine/engine';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';

afterEach(() => fake.reset());

async function storeWith(amounts: number[]) {
  const store = openStore(new MemoryMemento());
  for (const amount of amounts) await store.put(makeTask({ phase: 'completed', status: 'completed', completedAt: Date.now(), amount }));
  return store;
}

test('no budget, or below it: nothing is asked', async () => {
  const store = await storeWith([3, 1.5]);
  const { check } = budgetGate(store);
  assert.equal(await check(), undefined);
  setConfig('sora.monthlyBudget', 4.6);
  assert.equal(await check(), undefined);
  setConfig('sora.monthlyBudget', 'lots');
  assert.equal(await check(), undefined);
  assert.equal(fake.messages.length, 0);
  store.dispose();
});

test('reached: a modal names the cost and the budget; dismissed is a reason, Create Anyway goes on', async () => {
  const store = await storeWith([3, 1.5]);
  const { check } = budgetGate(store);
  setConfig('sora.monthlyBudget', 4.5);
  fake.messageAnswers.push(undefined);
  assert.equal(await check(), "Not sent: this month's reported cost (4.50) has reached your budget (4.50).");
  const asked = fake.messages.at(-1)!;
  assert.equal(asked.message, "This month's reported cost (4.50) has reached your budget (4.50). Create anyway?");
  assert.equal((asked.options as { modal?: boolean }).modal, true);
  assert.deepEqual(asked.items, ['Create Anyway']);
  fake.messageAnswers.push('Create Anyway');
  assert.equal(await check(), undefined);
  assert.equal(fake.messages.length, 2, 'asked each time');
  store.dispose();
});

test('creates started together share one question and its answer', async () => {
  const store = await storeWith([10]);
  const { check } = budgetGate(store);
  setConfig('sora.monthlyBudget', 1);
  fake.messageAnswers.push(undefined);
  const answers = await Promise.all([check(), check(), check()]);
  assert.equal(fake.messages.length, 1);
  for (const a of answers) assert.match(a ?? '', /^Not sent: /);
  store.dispose();
});

test('creates asked for as one are asked once: the first answer holds for their series, not after it', async () => {
  const store = await storeWith([10]);
  const gate = budgetGate(store);
  setConfig('sora.monthlyBudget', 1);
  fake.messageAnswers.push('Create Anyway');
  const first: CreateSeries = {};
  const yes = [await gate.check(first), await gate.check(first), await gate.check(first)];
  assert.deepEqual(yes, [undefined, undefined, undefined]);
  assert.equal(fake.messages.length, 1, 'one question for three creates');
  fake.messageAnswers.push(undefined);
  const second: CreateSeries = {};
  const no = [await gate.check(second), await gate.check(second)];
  assert.equal(fake.messages.length, 2, 'a new series asks again');
  for (const a of no) assert.match(a ?? '', /^Not sent: /);
  fake.messageAnswers.push('Create Anyway');
  assert.equal(await gate.check(), undefined);
  assert.equal(fake.messages.length, 3, 'a create on its own asks again');
  store.dispose();
});

test('below the budget a series asks nothing, and a budget reached during it is asked then', async () => {
  const store = await storeWith([0.5]);
  const gate = budgetGate(store);
  setConfig('sora.monthlyBudget', 1);
  const series: CreateSeries = {};
  assert.equal(await gate.check(series), undefined);
  await store.put(makeTask({ phase: 'completed', status: 'completed', completedAt: Date.now(), amount: 2 }));
  fake.messageAnswers.push(undefined);
  assert.match((await gate.check(series)) ?? '', /^Not sent: /);
  assert.match((await gate.check(series)) ?? '', /^Not sent: /);
  assert.equal(fake.messages.length, 1);
  store.dispose();
});

test('a series keeps its answer to itself: a create on its own meanwhile, or another series, is asked for itself', async () => {
  const store = await storeWith([10]);
  const gate = budgetGate(store);
  setConfig('sora.monthlyBudget', 1);
  const batch: CreateSeries = {};
  fake.messageAnswers.push('Create Anyway');
  assert.equal(await gate.check(batch), undefined, "the batch's first shot: yes");
  // Meanwhile, before the batch's next shot:
  fake.messageAnswers.push(undefined);
  assert.match((await gate.check()) ?? '', /^Not sent: /, 'the lone create got its own question and its own no');
  const other: CreateSeries = {};
  fake.messageAnswers.push(undefined);
  for (const a of [await gate.check(other), await gate.check(other)]) assert.match(a ?? '', /^Not sent: /, "another series: its own no, not the batch's yes");
  assert.equal(await gate.check(batch), undefined, "the batch's yes still holds for its own shots");
  assert.equal(fake.messages.length, 3, 'the batch, the lone create and the other series: one question each');
  store.dispose();
});
