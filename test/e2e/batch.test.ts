// End to end, batches from a file in a real VS Code (code-server + Chromium) against the simulator:
// a .jsonl of three shots, from the Explorer's context menu, is one confirmation (count and cost)
// and exactly three create requests and three rows in the task list; a file with an invalid line,
// from the palette, is an error naming the line, and nothing is asked or sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { T } from '../fixtures/codeServer/env';
import { startVSCode, type VSCode } from '../fixtures/codeServer/instance';
import { clickDialogButton, contextMenu, notifications, waitForDialog } from '../fixtures/codeServer/overlays';
import { screenshot, step } from '../fixtures/codeServer/steps';
import { waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { holdsFor, sleep, waitFor } from '../fixtures/codeServer/wait';
import { inputBox, openFile, QUICK_INPUT, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-e2e-batch-2718';
const SHOTS = ['Batch shot one: a red kite over dunes', 'Batch shot two: a paper boat in the rain', 'Batch shot three: a lighthouse at dawn'];
const GOOD = [
  JSON.stringify({ prompt: SHOTS[0], seconds: 4 }),
  JSON.stringify({ prompt: SHOTS[1], model: 'openAiSora2Pro' }),
  '',
  JSON.stringify({ prompt: SHOTS[2], aspect_ratio: '9:16' }),
].join('\n');
const BAD_JSONL = [JSON.stringify({ prompt: 'Never sent: fine' }), JSON.stringify({ prompt: 'Never sent: bad', seconds: 7 }), JSON.stringify({ prompt: 'Never sent: fine too' })].join('\n');

let sim: Simulator;
let vs: VSCode;
let page: Page;

const creates = () => sim.requests.filter((r) => r.kind === 'create').length;
const dialogOpen = () => page.locator('.monaco-dialog-box').first().isVisible().catch(() => false);

before(async () => {
  sim = await startSimulator({ apiKey: KEY, queuedMs: 60_000, processingMs: 60_000 });
  vs = await startVSCode({
    name: 'batch',
    settings: { 'sora.baseUrl': sim.url, 'sora.pollIntervalSeconds': 1 },
    workspaceFiles: { 'shots.jsonl': GOOD, 'bad.jsonl': BAD_JSONL },
  });
  page = vs.page;
  await step(page, 'b0-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
  });
});

after(async () => {
  await vs?.stop();
  await sim?.close();
});

test('three shots from the Explorer menu: one confirmation, exactly three creates, three rows', { timeout: 240_000 }, async () => {
  const before = creates();
  await step(page, 'b1-explorer-menu', async () => {
    await runCommand(page, 'View: Show Explorer');
    const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'shots.jsonl' }).first();
    await row.waitFor({ state: 'visible', timeout: T.ui });
    await contextMenu(page, row, 'Create Videos from File…');
  });
  await step(page, 'b1-confirm', async () => {
    const text = await waitForDialog(page);
    assert.match(text, /Create 3 paid videos from shots\.jsonl\?/);
    assert.match(text, /1 × openAiSora2Plus, 4 seconds/);
    assert.match(text, /1 × openAiSora2Pro, 8 seconds/);
    assert.match(text, /cost unknown/);
    assert.equal(creates(), before, 'nothing is sent before the confirmation');
    await screenshot(page, 'b1-confirm');
    await clickDialogButton(page, /Create 3 Videos/);
  });
  await step(page, 'b1-created', async () => {
    await waitFor(() => creates() - before >= 3, 60_000, 'three create requests');
    // No second question, and no fourth request.
    await holdsFor(3_000, async () => creates() - before === 3 && !(await dialogOpen()), 'exactly three creates after one confirmation');
    const bodies = sim.requests.filter((r) => r.kind === 'create').slice(before).map((r) => JSON.parse(r.body ?? '{}') as Record<string, unknown>);
    assert.deepEqual(bodies.map((b) => b.prompt), SHOTS);
    assert.deepEqual(bodies.map((b) => [b.model, b.seconds, b.aspect_ratio]), [
      ['openAiSora2Plus', 4, '16:9'],
      ['openAiSora2Pro', 8, '16:9'],
      ['openAiSora2Plus', 8, '9:16'],
    ]);
    for (const s of SHOTS) await waitForTaskRow(page, [s.slice(0, 20)]);
    await waitFor(async () => (await notifications(page)).some((n) => n.includes('Created 3 videos from shots.jsonl.')), T.ui, 'the summary notification');
    await screenshot(page, 'b1-rows');
  });
});

test('a file with an invalid line, from the palette: the error names the line, nothing is asked or sent', { timeout: 240_000 }, async () => {
  const before = creates();
  await step(page, 'b2-palette', async () => {
    await openFile(page, 'bad.jsonl');
    await runCommand(page, 'Sora: Create Videos from File…');
    // The open dialog starts at the active editor's file: accept it.
    await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: T.ui });
    await sleep(500);
    await page.keyboard.press('Enter');
  });
  await step(page, 'b2-error', async () => {
    const text = await waitForDialog(page);
    assert.match(text, /1 of 3 lines of bad\.jsonl are not valid, so nothing was sent\./);
    assert.match(text, /Line 2: seconds: Duration must be one of: 4, 8, 12/);
    assert.doesNotMatch(text, /paid videos/);
    await screenshot(page, 'b2-error');
    await clickDialogButton(page, /Cancel|Close|OK/);
    await holdsFor(3_000, () => creates() === before, 'no create request');
  });
});
