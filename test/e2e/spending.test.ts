// End to end, spending in a real VS Code: a video created in the composer finishes at the simulator,
// which reports its cost (`amount`); Sora: Show Spending then shows that reported total (this month's
// and the list's, and per model in the table screen readers read). The page updates by itself when
// the task finishes. (The Tasks view's description is not checked here: VS Code shows a view's
// description in its pane header, which it hides while Tasks is the container's only view; the
// integration test checks the description's value.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { openComposer, submitPrompt } from '../fixtures/codeServer/composer';
import { startVSCode, type VSCode } from '../fixtures/codeServer/instance';
import { step } from '../fixtures/codeServer/steps';
import { waitFor } from '../fixtures/codeServer/wait';
import { waitForWebview } from '../fixtures/codeServer/webview';
import { inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-e2e-spending-5150';
const PROMPT = 'A copper kettle steaming on a winter windowsill';

let sim: Simulator;
let vs: VSCode;
let page: Page;

before(async () => {
  sim = await startSimulator({ apiKey: KEY, queuedMs: 500, processingMs: 500 });
  vs = await startVSCode({ name: 'spending', settings: { 'sora.baseUrl': sim.url, 'sora.pollIntervalSeconds': 1 } });
  page = vs.page;
  await step(page, 's0-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
  });
});

after(async () => {
  await vs?.stop();
  await sim?.close();
});

/** What the simulator itself answers for the task: its reported amount, once completed. */
async function reportedAmount(id: string): Promise<number | undefined> {
  const res = await fetch(`${sim.url}/v1/result/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${KEY}` } });
  const body = (await res.json()) as { status?: string; amount?: number };
  return body.status === 'completed' ? body.amount : undefined;
}

test('Show Spending shows the total the simulator reported for a created task', { timeout: 300_000 }, async () => {
  const created = () => sim.requests.filter((r) => r.kind === 'create').length;
  await step(page, 's1-create', async () => {
    const c = await openComposer(page);
    await submitPrompt(c, PROMPT, created);
  });

  // The open panel updates itself when the task finishes and its cost arrives.
  const panel = await step(page, 's2-open-before-the-cost', async () => {
    await runCommand(page, 'Sora: Show Spending');
    return waitForWebview(page, '#this-month', 'the spending page');
  });

  const id = await waitFor(
    () => sim.requests.find((r) => r.kind === 'query')?.path.split('/').pop(),
    60_000,
    'the extension to check the new task',
    250,
  );
  const amount = await waitFor(() => reportedAmount(decodeURIComponent(id)), 60_000, 'the simulator to report the cost', 500);
  assert.ok(amount > 0, `the simulator reports an amount (${amount})`);
  const expected = amount.toFixed(2);

  await step(page, 's3-spending', async () => {
    await waitFor(async () => (await panel.locator('#this-month').innerText()) === expected, 90_000, `this month's total ${expected} on the page`, 500);
    assert.equal(await panel.locator('#total').innerText(), expected);
    // The per-model table (what a screen reader reads) names the model and the same amount.
    const row = panel.locator('#by-model-table tbody tr');
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), new RegExp(`openAiSora2Plus\\s+${expected.replace('.', '\\.')}\\s+1`));
    // The bars are for sighted readers only; the tables carry the numbers.
    assert.equal(await panel.locator('#by-day-bars').getAttribute('aria-hidden'), 'true');
    assert.equal(await panel.locator('#by-day-table tbody tr').count(), 30);
    assert.equal(await panel.locator('script').count(), 0);
  });

});
