// End to end, the composer leaves no dead ends: the "no key yet" line follows the key; a dismissed
// key prompt and a key the service refuses (401) both end in an alert whose Set API Key (also in a
// notification) fixes it, after which Create works without reopening anything; the focus lands on
// the control that matters; the status line follows the created task to its end; and Sora: Create
// Video puts the caret in the prompt of a composer that is already open.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { Simulator } from '../fixtures/simulator/server';
import { alertText, focusedControl, openComposer, setPrompt, statusText } from '../fixtures/codeServer/composer';
import { T } from '../fixtures/codeServer/env';
import type { VSCode } from '../fixtures/codeServer/instance';
import { startSession, stopSession } from '../fixtures/codeServer/session';
import { dismissNotifications, notifications } from '../fixtures/codeServer/overlays';
import { step } from '../fixtures/codeServer/steps';
import { waitFor } from '../fixtures/codeServer/wait';
import { inputBox, QUICK_INPUT, runCommand, webviewHasFocus } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-dead-ends-789';
const WRONG_KEY = 'sk-revoked-key-000111';
const PROMPT = 'A paper boat drifting down a rain gutter, low angle';

let sim: Simulator;
let vs: VSCode;
let page: Page;
let c: FrameLocator;
let downloadDir: string;

before(async () => {
  ({ sim, vs, page, downloadDir } = await startSession({ name: 'no-dead-ends', simulator: { apiKey: KEY, queuedMs: 1000, processingMs: 2000 } }));
});

after(() => stopSession({ sim, vs, downloadDir }));

const visible = (selector: string): Promise<boolean> => c.locator(selector).isVisible();

/** Waits for the alert to say `words`; returns its text. */
async function alertSaying(words: string, timeoutMs: number = T.ui): Promise<string> {
  return waitFor(async () => {
    const text = await alertText(c);
    return text.includes(words) ? text : '';
  }, timeoutMs, `the alert to say "${words}"`);
}

/** The focus is on this control of the composer, and the workbench has given the composer the keyboard. */
async function waitForFocus(id: string, what: string): Promise<void> {
  await waitFor(async () => (await focusedControl(c)).id === id && (await webviewHasFocus(page)), T.ui, what);
}

test('the key line follows the key, and a missing or refused key leads to Set API Key and back to a working Create', { timeout: 300_000 }, async (t) => {
  await step(page, 'dead-ends-1-no-key', async () => {
    c = await openComposer(page);
    await waitFor(() => visible('#noKey'), T.ui, 'the "no API key" line');
  });

  await step(page, 'dead-ends-2-key-prompt-dismissed', async () => {
    await setPrompt(c, PROMPT);
    await c.locator('#submit').click();
    await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: T.ui });
    await page.keyboard.press('Escape');
    const alert = await alertSaying('No API key was entered');
    t.diagnostic(`alert: ${alert}`);
    assert.ok(await visible('#alertAction'), 'the alert offers Set API Key');
    await waitForFocus('alertAction', 'the focus on the alert\'s Set API Key');
  });

  await step(page, 'dead-ends-3-key-set-elsewhere', async () => {
    // Set through the command, not the composer: the composer must hear of it.
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, WRONG_KEY, { password: true });
    await waitFor(async () => !(await visible('#noKey')), T.ui, 'the "no API key" line to go');
    await waitFor(async () => !(await visible('#alertAction')), T.ui, 'the alert that asked for a key to go');
  });

  const tasksBefore = sim.taskIds().length;
  await step(page, 'dead-ends-4-key-refused', async () => {
    await c.locator('#submit').click();
    const alert = await alertSaying('HTTP 401', 30_000);
    t.diagnostic(`alert: ${alert}`);
    assert.match(alert, /did not accept the API key/);
    assert.ok(await visible('#alertAction'), 'the alert offers Set API Key');
    await waitForFocus('alertAction', 'the focus on the alert\'s Set API Key');
    const toast = await waitFor(async () => (await notifications(page)).find((n) => n.includes('did not accept the API key')), T.ui, 'the notification');
    assert.match(toast, /Set API Key/, toast);
    assert.equal(sim.taskIds().length, tasksBefore, 'nothing was created');
    await dismissNotifications(page);
  });

  await step(page, 'dead-ends-5-set-key-from-the-alert', async () => {
    await c.locator('#alertAction').click();
    await inputBox(page, KEY, { password: true });
    await waitFor(async () => /API key saved/.test(await statusText(c)), T.ui, 'the saved confirmation');
    assert.equal(await visible('#alertAction'), false, 'the alert is answered');
    await waitForFocus('prompt', 'the focus back on the prompt');
  });

  await step(page, 'dead-ends-6-create-works-and-is-followed', async () => {
    await c.locator('#submit').click();
    const id = await waitFor(() => sim.taskIds()[tasksBefore], 30_000, 'the task at the service');
    await waitFor(async () => (await statusText(c)).includes(id), T.ui, 'the created message');
    // The composer is not the list: its status line still follows the task to its end.
    const end = await waitFor(async () => {
      const s = await statusText(c);
      return /completed/.test(s) ? s : '';
    }, 60_000, 'the status line to reach "completed"');
    t.diagnostic(`status: ${end}`);
    assert.ok(end.includes(id), end);
    await dismissNotifications(page);
  });

  await step(page, 'dead-ends-7-key-cleared', async () => {
    await runCommand(page, 'Sora: Clear API Key');
    await waitFor(() => visible('#noKey'), T.ui, 'the "no API key" line to come back');
    await dismissNotifications(page);
  });
});

test('Sora: Create Video puts the caret in the prompt of an open composer, whatever had the focus', { timeout: 120_000 }, async () => {
  await step(page, 'dead-ends-8-focus-elsewhere', async () => {
    c = await openComposer(page);
    // Focus inside the page away from the prompt (a radio), then in the workbench away from the page.
    await c.locator('#seconds vscode-radio[value="12"]').click();
    await waitFor(async () => (await focusedControl(c)).value === '12', T.short, 'the focus on a radio');
    await runCommand(page, 'Sora: Focus on Tasks View');
    await waitFor(async () => !(await webviewHasFocus(page)), T.ui, 'the focus to leave the composer');
    assert.ok(await visible('#prompt'), 'the composer is still visible');
  });

  await step(page, 'dead-ends-9-create-video-again', async () => {
    c = await openComposer(page);
    await waitForFocus('prompt', 'the caret in the prompt');
  });
});
