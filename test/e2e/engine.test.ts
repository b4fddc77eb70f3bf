// End to end, the task engine in a real VS Code: a task being polled survives a window reload (a
// new extension host; code-server has no "Developer: Restart Extension Host") and still completes
// and is saved once; a create request whose answer is lost is sent once and listed as "outcome
// unknown" with Send Again / Track / Remove. The key is set once before the tests; each counts
// only its own requests and puts back the fault it injects.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { createOnSim } from '../helpers/sim';
import type { Page } from 'playwright-core';
import { openComposer, setPrompt } from '../fixtures/codeServer/composer';
import { T } from '../fixtures/codeServer/env';
import { startVSCode, type VSCode } from '../fixtures/codeServer/instance';
import { clickMenuItem, dismissNotifications, menuLabels } from '../fixtures/codeServer/overlays';
import { screenshot, step } from '../fixtures/codeServer/steps';
import { showSoraView, taskRow, taskRowTexts, waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { waitFor } from '../fixtures/codeServer/wait';
import { inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-e2e-engine-7788';
const TRACKED = 'sora_e2e_reload_1';
const UNKNOWN_PROMPT = 'A glass of water on a train table, ripples as it brakes';
const UNKNOWN_SHORT = 'A glass of water';

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;

const creates = () => sim.requests.filter((r) => r.kind === 'create');
const queriesFor = (id: string) => sim.requests.filter((r) => r.kind === 'query' && r.path === `/kyyReactApiServer/v1/result/${encodeURIComponent(id)}`);

before(async () => {
  // Slow enough that the task is still running across a reload.
  sim = await startSimulator({ apiKey: KEY, queuedMs: 40_000, processingMs: 30_000 });
  downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-e2e-engine-'));
  vs = await startVSCode({
    name: 'engine',
    settings: {
      'sora.baseUrl': sim.url,
      'sora.pollIntervalSeconds': 1,
      'sora.downloadFolder': downloadDir,
    },
  });
  page = vs.page;
  await step(page, 'e0-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
  });
});

after(async () => {
  await vs?.stop();
  await sim?.close();
  if (downloadDir) fs.rmSync(downloadDir, { recursive: true, force: true });
});

function rowText(...fragments: string[]): Promise<string> {
  return waitForTaskRow(page, fragments, 60_000);
}

/** Waits for a query for `id` that arrived after `since`. */
async function queriedAfter(id: string, since: number, timeoutMs = 90_000): Promise<void> {
  await waitFor(() => queriesFor(id).some((q) => q.at > since), timeoutMs, `a query for ${id} after ${new Date(since).toISOString()}`, 250);
}

test('a task being polled survives a window reload, then completes and is saved once', { timeout: 420_000 }, async (t) => {
  const id = await createOnSim(sim, `[id:${TRACKED}] a tracked task`);
  assert.equal(id, TRACKED);

  await step(page, 'e1-track', async () => {
    await runCommand(page, 'Sora: Track Existing Task');
    await inputBox(page, TRACKED);
    await showSoraView(page);
    await rowText(TRACKED);
    await queriedAfter(TRACKED, 0, 30_000);
  });

  await step(page, 'e1-reload-while-polling', async () => {
    // Polling is under way (the regular schedule, not only the check on tracking).
    await waitFor(() => queriesFor(TRACKED).length >= 2, 60_000, 'polling to be under way', 250);
    const created = creates().find((r) => JSON.stringify(r.json).includes(TRACKED))!.at;
    const at = Date.now();
    assert.ok(at - created < 60_000, 'the task is still running at the service before the reload');
    await vs.reload();
    await showSoraView(page);
    const row = await rowText(TRACKED);
    t.diagnostic(`after the reload: ${row}`);
    // The new extension host (a new window id) takes the polling over and carries on.
    await queriedAfter(TRACKED, at);
  });

  await step(page, 'e1-completes', async () => {
    await rowText(TRACKED, 'completed');
    const file = path.join(downloadDir, `${TRACKED}.mp4`);
    await waitFor(() => fs.existsSync(file) && fs.statSync(file).size > 0, 60_000, `${file} to be saved`, 500);
    assert.equal(sim.requests.filter((r) => r.kind === 'video' && r.path.includes(TRACKED)).length, 1, 'fetched once');
    assert.deepEqual(fs.readdirSync(downloadDir).filter((f) => f.endsWith('.part')), []);
  });
  await screenshot(page, 'engine-1-done');
});

test('a create whose answer is lost is sent once and listed as outcome unknown with Send Again, Track and Remove', { timeout: 240_000 }, async () => {
  await dismissNotifications(page);
  const before = creates().length;
  const tasksBefore = sim.taskIds().length;
  sim.fault('create', { kind: 'drop' });
  try {
    await step(page, 'e2-submit', async () => {
      const c = await openComposer(page);
      await setPrompt(c, UNKNOWN_PROMPT);
      await c.locator('#submit').click();
      await waitFor(() => creates().length > before, 30_000, 'the create request');
      assert.equal(creates().length, before + 1, 'exactly one create request');
      assert.equal(sim.taskIds().length, tasksBefore + 1, 'the service did create a task');
    });

    await step(page, 'e2-log', async () => {
      // The error crossed from the network bundle to the engine intact: its own sentence, not a wrapper.
      const line = await waitFor(
        () => vs.logsText().split('\n').find((l) => l.includes('create outcome unknown')),
        T.ui,
        'the outcome-unknown line in the log',
      );
      assert.match(line, /the connection to http:\/\/127\.0\.0\.1:\d+\/kyyReactApiServer\/v1\/sora\/videos was lost/, line);
      assert.doesNotMatch(line, /ApiError/, line);
      // The engine has given the request up: it was not sent a second time meanwhile.
      assert.equal(creates().length, before + 1, 'exactly one create request');
    });

    const dropped = sim.taskIds()[tasksBefore];
    await step(page, 'e2-listed-unknown', async () => {
      await showSoraView(page);
      await rowText(UNKNOWN_SHORT, 'outcome unknown');
      await taskRow(page, UNKNOWN_SHORT).click({ button: 'right' });
      const labels = await menuLabels(page);
      for (const want of ['Send Again (may create a second task)', 'Track Existing Task', 'Remove from List']) {
        assert.ok(labels.includes(want), `the menu has "${want}": ${JSON.stringify(labels)}`);
      }
      await clickMenuItem(page, 'Track Existing Task');
      await inputBox(page, dropped);
    });

    await step(page, 'e2-tracked', async () => {
      // The same entry now follows the task the lost request created; nothing was sent again.
      await waitFor(async () => {
        const rows = (await taskRowTexts(page)).filter((r) => r.includes(UNKNOWN_SHORT));
        return rows.length === 1 && !rows[0].includes('outcome unknown');
      }, 60_000, 'the unknown entry to become the tracked task', 500);
      await queriedAfter(dropped, 0, 60_000);
      assert.equal(creates().length, before + 1, 'still one create request');
    });
  } finally {
    // A fault still queued (the create never came) would hit the next create of the tests after.
    sim.clearFaults();
  }
  await screenshot(page, 'engine-2-unknown-tracked');
});

