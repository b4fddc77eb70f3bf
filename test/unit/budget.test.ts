// The monthly budget's question (src/vscode/budget.ts) under the recording vscode stand-in: asked
// only once this month's reported cost has reached sora.monthlyBudget, as a modal naming both
// amounts; "no" is a reason to show, Create Anyway goes on; creates started together share one question.
import { fake, setConfig } from '../fixtures/vscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetCheck } from '../../src/vscode/budget';
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
  const check = budgetCheck(store);
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
  const check = budgetCheck(store);
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
  const check = budgetCheck(store);
  setConfig('sora.monthlyBudget', 1);
  fake.messageAnswers.push(undefined);
  const answers = await Promise.all([check(), check(), check()]);
  assert.equal(fake.messages.length, 1);
  for (const a of answers) assert.match(a ?? '', /^Not sent: /);
  store.dispose();
});
