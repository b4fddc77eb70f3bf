// A create the service refuses for the key (401) or for what the key may do (403) says so in its
// outcome: the composer then offers Set API Key instead of a dead end. Any other refusal does not.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import type { VideoSettings } from '../../src/domain/request';
import { makeEngine, type EngineHarness, type HarnessOptions } from '../helpers/engine';

const SETTINGS: VideoSettings = { prompt: 'a lighthouse at dusk', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 };

let sim: Simulator;
const harnesses: EngineHarness[] = [];
before(async () => {
  sim = await startSimulator({ queuedMs: 5_000, processingMs: 5_000 });
});
afterEach(() => {
  sim.clearFaults();
  for (const h of harnesses.splice(0)) h.dispose();
});
after(() => sim.close());

async function refusal(over: Partial<HarnessOptions> = {}): Promise<[string, number | undefined]> {
  const h = makeEngine({ baseUrl: sim.url, ...over });
  harnesses.push(h);
  const outcome = await h.engine.submit(SETTINGS);
  assert.deepEqual(h.store.all(), [], 'nothing is kept');
  return [outcome.kind, outcome.kind === 'notSent' ? outcome.status : undefined];
}

test('a refused key or access (401, 403) reports the status; a 400 is no key problem', async () => {
  assert.deepEqual(await refusal({ apiKey: 'sk-not-the-simulator-key' }), ['notSent', 401]);
  sim.fault('create', { kind: 'status', status: 403, body: '{"message":"forbidden"}' });
  assert.deepEqual(await refusal(), ['notSent', 403]);
  sim.fault('create', { kind: 'status', status: 400, body: '{"message":"bad"}' });
  assert.deepEqual(await refusal(), ['notSent', 400]);
});
