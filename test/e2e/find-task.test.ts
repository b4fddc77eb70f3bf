// End to end, in code-server: with two finished videos saved, Sora: Find Task… narrows to the one
// whose words are typed and opens it in the preview panel; the Tasks view's filter button narrows
// the tree, the view says what it filters by, and the Clear Task Filter button restores it in one click.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { createOnSim } from '../helpers/sim';
import { T } from '../fixtures/codeServer/env';
import { startVSCode, type VSCode } from '../fixtures/codeServer/instance';
import { dismissNotifications } from '../fixtures/codeServer/overlays';
import { step } from '../fixtures/codeServer/steps';
import { showSoraView, taskRowTexts, waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { waitForVideoPreview } from '../fixtures/codeServer/webview';
import { waitFor } from '../fixtures/codeServer/wait';
import { activeTab, inputBox, QUICK_INPUT, quickPickLabels, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-find-task';
// Tasks made elsewhere and tracked by their ids: readable ids, so typing a word finds one.
const CAT = 'sora_cat_naps_video';
const DOG = 'sora_dog_skates_video';

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;

/** A button of the Tasks view's title bar, by its label. */
const titleButton = (label: string) => page.locator(`.part.sidebar .title-actions .action-label[aria-label^="${label}"], .part.sidebar .actions-container .action-label[aria-label^="${label}"]`).first();
const rowsWith = async (id: string) => (await taskRowTexts(page)).filter((r) => r.includes(id)).length;

before(async () => {
  sim = await startSimulator({ apiKey: KEY, queuedMs: 300, processingMs: 600 });
  downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-e2e-find-'));
  vs = await startVSCode({ name: 'find-task', settings: { 'sora.baseUrl': sim.url, 'sora.pollIntervalSeconds': 1, 'sora.downloadFolder': downloadDir } });
  page = vs.page;
  await step(page, 'find-0-tasks', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
    for (const id of [CAT, DOG]) {
      assert.equal(await createOnSim(sim, `[id:${id}] made elsewhere`), id);
      await runCommand(page, 'Sora: Track Existing Task');
      await inputBox(page, id);
    }
    for (const id of [CAT, DOG]) await waitForTaskRow(page, [id, 'completed'], 90_000);
    await waitFor(() => [CAT, DOG].every((id) => fs.existsSync(path.join(downloadDir, `${id}.mp4`))), 60_000, 'both videos to be saved');
    await dismissNotifications(page);
  });
});

after(async () => {
  await vs?.stop();
  await sim?.close();
  if (downloadDir) fs.rmSync(downloadDir, { recursive: true, force: true });
});

test('Find Task…: typed words narrow the pick to one task, and choosing it opens its video in the preview panel', { timeout: 180_000 }, async () => {
  await step(page, 'find-1-pick', async () => {
    await runCommand(page, 'Sora: Find Task…');
    const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
    await input.waitFor({ state: 'visible', timeout: T.ui });
    await waitFor(async () => (await page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).count()) === 2, T.ui, 'both tasks in the pick');
    await input.fill('cat');
    await waitFor(async () => (await page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).count()) === 1, T.ui, 'one task left in the pick');
    const rows = (await page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).allInnerTexts()).join(' | ');
    assert.ok(rows.includes(CAT) && !rows.includes(DOG), `the pick kept the cat only: ${rows} (${JSON.stringify(await quickPickLabels(page))})`);
    await input.press('Enter');
  });
  await step(page, 'find-2-preview', async () => {
    await activeTab(page, `${CAT}.mp4`, T.ui);
    const preview = await waitForVideoPreview(page);
    assert.equal(await preview.locator('video#video').count(), 1);
  });
});

test('the filter button narrows the tree, the view names the filter above the tasks, and Clear Task Filter restores it in one click', { timeout: 180_000 }, async () => {
  await showSoraView(page);
  await step(page, 'find-3-filter', async () => {
    assert.equal(await titleButton('Clear Task Filter').count(), 0, 'no Clear button while nothing is filtered');
    await titleButton('Filter Tasks').click({ timeout: T.ui });
    // Status: none chosen (any); family: any; text: "dog".
    await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: T.ui });
    await waitFor(async () => (await quickPickLabels(page)).includes('completed'), T.ui, 'the status step');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await quickPickLabels(page))[0] === 'Any model family', T.ui, 'the family step');
    await page.keyboard.press('Enter');
    await inputBox(page, 'dog');
    await waitFor(async () => (await rowsWith(CAT)) === 0 && (await rowsWith(DOG)) === 1, T.ui, 'the tree to show the dog only');
    const side = await page.locator('.part.sidebar').innerText();
    assert.ok(side.includes('Filtered: "dog"'), `the view names the filter: ${side.slice(0, 300)}`);
  });
  await step(page, 'find-4-clear', async () => {
    await titleButton('Clear Task Filter').click({ timeout: T.ui });
    await waitFor(async () => (await rowsWith(CAT)) === 1 && (await rowsWith(DOG)) === 1, T.ui, 'both tasks back in the tree');
    await waitFor(async () => (await titleButton('Clear Task Filter').count()) === 0, T.ui, 'the Clear button to hide again');
    assert.ok(!(await page.locator('.part.sidebar').innerText()).includes('Filtered:'), 'the filter message is gone');
  });
});
