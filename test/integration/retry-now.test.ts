// Retry Now on a failed task (src/vscode/commands/failedTaskCommands.ts) against the simulator, over
// the engine the extension builds: one confirmed click is one create request with the failed task's
// settings, stored before it leaves; a reply that is lost is kept as "outcome unknown", never sent
// again; a refused key offers Set API Key.
import { extensionContext, fake, resetFake } from '../fixtures/vscode';
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { registerFailedTaskCommands } from '../../src/vscode/commands/failedTaskCommands';
import { Commands } from '../../src/domain/ids';
import type { Task } from '../../src/domain/task';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { countOf, requestsOf } from '../helpers/sim';
import { makeTask } from '../helpers/tasks';

let sim: Simulator;
let h: EngineHarness | undefined;
let context = extensionContext();
before(async () => {
  // Slow enough that the new task stays active: polling is not what is tested here.
  sim = await startSimulator({ queuedMs: 30_000, processingMs: 30_000 });
});
afterEach(() => {
  sim.clearFaults();
  h?.dispose();
  resetFake(context);
  context = extensionContext();
});
after(() => sim.close());

const FAILED: Task = makeTask({
  phase: 'failed',
  status: 'failed',
  remoteId: 'sora_failed_before',
  error: 'The service could not finish the video.',
  settings: { prompt: 'A lighthouse at dusk, waves', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 4 },
});

async function retryNow(apiKey = 'sim-key'): Promise<EngineHarness> {
  const harness = (h = makeEngine({ baseUrl: sim.url, apiKey }));
  await harness.store.put(FAILED);
  registerFailedTaskCommands(context as never, { store: harness.store, engine: () => harness.engine });
  fake.messageAnswers.push('Retry Now');
  await fake.commands.get(Commands.retryNow)!(FAILED.localId);
  return harness;
}

test('one confirmed Retry Now is one create request with the same settings; the failed task stays', async () => {
  const posts = countOf(sim, 'create');
  const harness = await retryNow();
  const creates = requestsOf(sim, 'create').slice(posts);
  assert.equal(creates.length, 1);
  assert.deepEqual(JSON.parse(creates[0].body ?? '{}'), { model: 'openAiSora2Pro', prompt: 'A lighthouse at dusk, waves', aspect_ratio: '9:16', seconds: 4 });
  const tasks = harness.store.all();
  assert.equal(tasks.length, 2);
  const fresh = tasks.find((t) => t.localId !== FAILED.localId);
  assert.equal(fresh?.phase, 'active');
  assert.ok(fresh?.remoteId && fresh.remoteId !== FAILED.remoteId);
  assert.deepEqual(fresh.settings, FAILED.settings);
  assert.equal(harness.store.get(FAILED.localId)?.phase, 'failed');
  assert.equal(fake.messages.at(-1)?.message, `Task ${fresh.remoteId} created.`);
});

test('a reply lost on the way: kept as "outcome unknown", and not sent a second time', async () => {
  sim.fault('create', { kind: 'drop' });
  const posts = countOf(sim, 'create');
  const harness = await retryNow();
  assert.equal(countOf(sim, 'create') - posts, 1, 'sent once');
  const kept = harness.store.all().find((t) => t.localId !== FAILED.localId);
  assert.equal(kept?.phase, 'unknown');
  assert.match(fake.messages.at(-1)?.message ?? '', /kept in the task list as "outcome unknown"/);
});

test('a key the service refuses: nothing is kept, and the error offers Set API Key', async () => {
  const harness = await retryNow('not-the-key');
  assert.deepEqual(harness.store.all().map((t) => t.localId), [FAILED.localId], 'no draft left behind');
  const err = fake.messages.at(-1);
  assert.equal(err?.level, 'error');
  assert.match(err?.message ?? '', /HTTP 401/);
  assert.deepEqual(err?.items, ['Set API Key']);
});
