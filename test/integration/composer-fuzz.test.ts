// Fuzz: thousands of random and malformed webview messages reach the host's message router, wired
// to a real engine and simulator as the composer wires it. The router never throws and not one
// request leaves. Seeded, so a failure reproduces (SORA_FUZZ_SEED=<n> to try another seed).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { routeMessage, type MessageHandlers } from '../../src/vscode/composer/messages';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { countOf } from '../helpers/sim';
import { fuzzer, prng, VALID } from '../helpers/fuzz';

const SEED = Number(process.env.SORA_FUZZ_SEED ?? 20261125);
const COUNT = 2_000;

let sim: Simulator;
let h: EngineHarness;

before(async () => {
  sim = await startSimulator({ queuedMs: 50, processingMs: 50 });
  h = makeEngine({ baseUrl: sim.url, settings: { autoDownload: false } });
});
after(async () => {
  h?.dispose();
  await sim?.close();
});

function wired() {
  const seen = { ready: 0, draftChanged: 0, invalid: 0, dropped: 0, submitted: 0, checks: 0, curls: 0, longestDrop: 0 };
  const handlers: MessageHandlers = {
    ready: () => void seen.ready++,
    draftChanged: () => void seen.draftChanged++,
    invalid: () => void seen.invalid++,
    invalidFields: () => void seen.invalid++,
    findModel: (id) => h.engine.catalogue().find(id),
    checkReference: () => void seen.checks++,
    savePreset: () => undefined,
    copyCurl: () => void seen.curls++,
    setApiKey: () => undefined,
    dropped: (s) => {
      seen.dropped++;
      seen.longestDrop = Math.max(seen.longestDrop, s.length);
    },
    submit: async (settings) => {
      seen.submitted++;
      await h.engine.submit(settings);
    },
  };
  return { seen, handlers };
}

test(`${COUNT} random and malformed messages: no throw, no request (seed ${SEED})`, { timeout: 120_000 }, async () => {
  const next = fuzzer(prng(SEED));
  const { seen, handlers } = wired();
  for (let i = 0; i < COUNT; i++) {
    const msg = next();
    try {
      await routeMessage(msg, handlers);
    } catch (e) {
      assert.fail(`message #${i} (seed ${SEED}) made the router throw: ${(e as Error).message}`);
    }
    if (seen.submitted > 0) assert.fail(`message #${i} (seed ${SEED}) was submitted: ${JSON.stringify(msg)?.slice(0, 500)}`);
  }
  assert.equal(countOf(sim, 'create'), 0, 'no create request reached the simulator');
  assert.equal(sim.requests.length, 0, 'no request at all');
  assert.equal(h.store.all().length, 0, 'no task was stored');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
  assert.ok(seen.dropped + seen.invalid > COUNT * 0.9, `nearly all were refused (${JSON.stringify(seen)})`);
  assert.ok(seen.invalid > 100 && seen.dropped > 100, `both refusal paths were exercised (${JSON.stringify(seen)})`);
  assert.ok(seen.longestDrop <= 330, 'a dropped message is logged trimmed');
});

test('the same router submits a valid draft exactly once (so the fuzz above can fail)', async () => {
  const { seen, handlers } = wired();
  await routeMessage({ type: 'submit', requestId: 'r1', draft: VALID }, handlers);
  assert.equal(seen.submitted, 1);
  assert.equal(countOf(sim, 'create'), 1);
  await routeMessage({ type: 'ready' }, handlers);
  await routeMessage({ type: 'draftChanged', draft: VALID }, handlers);
  assert.deepEqual([seen.ready, seen.draftChanged, countOf(sim, 'create')], [1, 1, 1]);
});
