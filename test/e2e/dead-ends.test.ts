// End to end, no dead ends: a failed task's row opens its details (the reason, the settings sent and
// what to do next), and Clear Finished asks in a modal that names the count and keeps the saved
// files, which Show Saved Videos lists again afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Simulator } from '../fixtures/simulator/server';
import { FAIL_MESSAGE } from '../fixtures/simulator/tasks';
import { openComposer, setPrompt } from '../fixtures/codeServer/composer';
import { T } from '../fixtures/codeServer/env';
import type { VSCode } from '../fixtures/codeServer/instance';
import { startSession, stopSession } from '../fixtures/codeServer/session';
import { clickDialogButton, dismissNotifications, waitForDialog } from '../fixtures/codeServer/overlays';
import { screenshot, step } from '../fixtures/codeServer/steps';
import { showSoraView, taskRow, taskRowTexts, waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { waitForWebview } from '../fixtures/codeServer/webview';
import { holdsFor, waitFor } from '../fixtures/codeServer/wait';
import { activeTab, focusWorkbench, quickPickLabels, runCommand, inputBox } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-dead-ends-789';
const FAILING = 'A comet over a desert at night [fail]';
const FAILING_SHORT = 'A comet over a desert';
const WORKING = 'A paper boat on a puddle, close up';
const WORKING_SHORT = 'A paper boat';

let sim: Simulator;
let vs: VSCode;
let downloadDir: string;

before(async () => {
  ({ sim, vs, downloadDir } = await startSession({ name: 'dead-ends', simulator: { apiKey: KEY, queuedMs: 500, processingMs: 1000 } }));
  await step(vs.page, 'dead-0-key', async () => {
    await runCommand(vs.page, 'Sora: Set API Key');
    await inputBox(vs.page, KEY, { password: true });
  });
});

after(() => stopSession({ sim, vs, downloadDir }));

async function create(prompt: string): Promise<void> {
  const c = await openComposer(vs.page);
  await setPrompt(c, prompt);
  const before = sim.requests.filter((r) => r.kind === 'create').length;
  await c.locator('#submit').click();
  await waitFor(() => sim.requests.filter((r) => r.kind === 'create').length === before + 1, 30_000, 'the create request');
}

/** The Clear Finished button in the Tasks view title (rendered only while its `when` holds). */
const clearButton = () => vs.page.locator('.part.sidebar .actions-container .action-label[aria-label^="Clear Finished Tasks"]');

test('a click on a failed task opens its details: the reason, the settings sent, and what to do', { timeout: 240_000 }, async (t) => {
  const page = vs.page;
  await step(page, 'dead-1-failed-task', async () => {
    await create(FAILING);
    await waitForTaskRow(page, [FAILING_SHORT, 'failed']);
    await dismissNotifications(page);
    const aria = (await taskRow(page, FAILING_SHORT).getAttribute('aria-label')) ?? '';
    t.diagnostic(`row aria-label: ${aria}`);
    assert.ok(aria.includes(FAIL_MESSAGE), `the accessible label names the reason: ${aria}`);
  });

  await step(page, 'dead-2-details-on-click', async () => {
    await taskRow(page, FAILING_SHORT).click();
    await activeTab(page, 'Details: ', 30_000);
    const frame = await waitForWebview(page, '#reason', 'the task details page');
    assert.equal((await frame.locator('#reason').innerText()).trim(), FAIL_MESSAGE);
    const settings = (await frame.locator('#settings').innerText()).replace(/\s+/g, ' ');
    for (const part of ['openAiSora2Plus', '16:9', '8 s']) assert.ok(settings.includes(part), `the settings sent show ${part}: ${settings}`);
    assert.ok((await frame.locator('#prompt').innerText()).includes(FAILING));
    const links = (await frame.locator('#actions a').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(links, ['Create Again…', 'Retry Now', 'Copy Error', 'Remove']);
    const csp = (await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.ok(!/script-src/.test(csp), 'no script may run');
    await screenshot(page, 'dead-task-details');
  });

  await step(page, 'dead-3-retry-now-asks-first', async () => {
    const frame = await waitForWebview(page, '#reason', 'the task details page');
    const before = sim.requests.filter((r) => r.kind === 'create').length;
    await frame.locator('#actions a', { hasText: 'Retry Now' }).click();
    const text = await waitForDialog(page);
    assert.match(text, /new paid task with model openAiSora2Plus, 8 s/);
    await clickDialogButton(page, /^\s*Cancel\s*$/);
    await holdsFor(1_500, () => sim.requests.filter((r) => r.kind === 'create').length === before, 'Cancel sends nothing');
  });
});

test('Clear Finished asks once, names the count, keeps the files; Show Saved Videos finds them', { timeout: 300_000 }, async () => {
  const page = vs.page;
  await step(page, 'dead-4-completed-task', async () => {
    await create(WORKING);
    await waitForTaskRow(page, [WORKING_SHORT, 'completed']);
    await waitFor(() => fs.readdirSync(downloadDir).some((f) => f.endsWith('.mp4') && fs.statSync(path.join(downloadDir, f)).size > 0), 30_000, 'the download');
    await dismissNotifications(page);
    await showSoraView(page);
    await waitFor(async () => (await clearButton().count()) > 0, T.ui, 'the Clear Finished button while finished tasks are listed');
  });

  const saved = fs.readdirSync(downloadDir).filter((f) => f.endsWith('.mp4'));
  await step(page, 'dead-5-clear-cancelled', async () => {
    await runCommand(page, 'Sora: Clear Finished Tasks');
    const text = await waitForDialog(page);
    assert.match(text, /Remove 2 finished tasks from the list\?/);
    assert.match(text, /saved video files stay in the download folder/);
    await clickDialogButton(page, /^\s*Cancel\s*$/);
    await holdsFor(1_000, async () => (await taskRowTexts(page)).length === 2, 'Cancel keeps both tasks');
  });

  await step(page, 'dead-6-clear-confirmed', async () => {
    await runCommand(page, 'Sora: Clear Finished Tasks');
    await waitForDialog(page);
    await clickDialogButton(page, /^\s*Clear\s*$/);
    // Empty is what the user sees: the welcome view in place of the tree (the tree's last rows can
    // linger in the DOM behind it).
    const welcome = page.locator('.part.sidebar').getByText('No tasks in the list', { exact: false }).first();
    await waitFor(async () => (await welcome.isVisible().catch(() => false)) || (await taskRowTexts(page)).length === 0, T.ui, 'the list to be empty');
    assert.deepEqual(fs.readdirSync(downloadDir).filter((f) => f.endsWith('.mp4')), saved, 'the saved files stay');
    await waitFor(async () => (await clearButton().count()) === 0, T.ui, 'the Clear Finished button to go with nothing to clear');
  });

  await step(page, 'dead-7-show-saved-videos', async () => {
    await runCommand(page, 'Sora: Show Saved Videos');
    const labels = await waitFor(async () => {
      // The palette's own list shows until the pick replaces it: wait for the pick's title.
      const l = await quickPickLabels(page);
      return l.length > 0 && !l.some((x) => x.startsWith('Sora:')) ? l : undefined;
    }, T.ui, 'the saved videos pick');
    assert.deepEqual(labels, saved, 'the cleared task is listed by its file name');
    await page.keyboard.press('Enter');
    await activeTab(page, saved[0], 30_000);
    await waitForWebview(page, 'video#video', 'the preview of the saved file');
    await focusWorkbench(page);
  });
});
