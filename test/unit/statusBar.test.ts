// The status bar item (src/vscode/views/statusBar.ts): how many tasks are in which state, said
// truthfully, and an accessible name a screen reader can read out.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionContext, fake, resetFake } from '../fixtures/vscode';
import { makeTask } from '../helpers/tasks';
import { openStore } from '../helpers/store';
import { MemoryMemento } from '../fixtures/memento';
import { REFUSED_CHECKS_LIMIT } from '../../src/domain/lifecycle';

// After the fake above: importing it installs the vscode module this one needs.
import { registerStatusBar } from '../../src/vscode/views/statusBar';

let context = extensionContext();
afterEach(() => {
  resetFake(context);
  context = extensionContext();
});

async function bar(...tasks: Parameters<typeof makeTask>[0][]) {
  const store = openStore(new MemoryMemento());
  for (const over of tasks) await store.put(makeTask(over));
  registerStatusBar(context as never, store);
  store.dispose();
  return fake.statusBarItems.at(-1)!;
}

const needing = { status: 'processing', remoteId: 'sora_n', poll: { errors: 3, refused: { status: 401, count: REFUSED_CHECKS_LIMIT } } };

test('one queued task is "1 queued", never "running"', async () => {
  const item = await bar({ status: 'queued', remoteId: 'sora_q' });
  assert.equal(item.text, '$(clock) Sora: 1 queued');
  assert.equal(item.visible, true);
});

test('each state is counted on its own: "Sora: 1 queued, 2 processing"', async () => {
  const item = await bar({ status: 'queued', remoteId: 'sora_1' }, { status: 'processing', remoteId: 'sora_2' }, { status: 'processing', remoteId: 'sora_3' });
  assert.equal(item.text, '$(loading~spin) Sora: 1 queued, 2 processing');
  const all = await bar(
    { phase: 'submitting', status: 'submitting' },
    { status: 'processing', remoteId: 'sora_p' },
    { status: 'tracking', remoteId: 'sora_t' },
    { status: 'moderating', remoteId: 'sora_m' },
    needing,
    { phase: 'completed', status: 'completed', remoteId: 'sora_c' },
    { phase: 'failed', status: 'failed', remoteId: 'sora_f' },
  );
  assert.equal(all.text, '$(loading~spin) Sora: 1 sending, 1 processing, 2 checking  $(warning) 1 task needs attention');
});

test('the accessible name says the same in words, without icon names', async () => {
  const item = await bar({ status: 'queued', remoteId: 'sora_1' }, { status: 'processing', remoteId: 'sora_2' }, needing, { ...needing, remoteId: 'sora_n2' });
  assert.equal(item.accessibilityInformation?.label, 'Sora: 1 queued, 1 processing, 2 tasks need attention');
  const only = await bar(needing);
  assert.equal(only.text, '$(warning) Sora: 1 task needs attention');
  assert.equal(only.accessibilityInformation?.label, 'Sora: 1 task needs attention');
  for (const i of fake.statusBarItems) assert.doesNotMatch(i.accessibilityInformation?.label ?? '', /\$\(|~spin|loading|warning|clock/);
});

test('nothing running at start: no item is made until a task runs, then it shows and hides again', async () => {
  const store = openStore(new MemoryMemento());
  await store.put(makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_done' }));
  registerStatusBar(context as never, store);
  assert.equal(fake.statusBarItems.length, 0, 'no item while there is nothing to say');
  const running = makeTask({ status: 'processing', remoteId: 'sora_run' });
  await store.put(running);
  assert.equal(fake.statusBarItems.length, 1);
  assert.equal(fake.statusBarItems[0].visible, true);
  assert.equal(fake.statusBarItems[0].text, '$(loading~spin) Sora: 1 processing');
  await store.put({ ...running, phase: 'completed', status: 'completed' });
  assert.equal(fake.statusBarItems[0].visible, false, 'hidden once nothing runs');
  assert.equal(fake.statusBarItems.length, 1, 'the same item, not a second');
  store.dispose();
});
