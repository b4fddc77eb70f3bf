// End to end: variations in the composer. Three videos of one prompt are one modal question that
// names the count, then exactly three create requests and three rows in the task list; dismissing
// the question sends nothing; the control is back at one after a create.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { Simulator } from '../fixtures/simulator/server';
import { controlValue, openComposer, setPrompt } from '../fixtures/codeServer/composer';
import { T } from '../fixtures/codeServer/env';
import type { VSCode } from '../fixtures/codeServer/instance';
import { clickDialogButton, waitForDialog } from '../fixtures/codeServer/overlays';
import { startSession, stopSession } from '../fixtures/codeServer/session';
import { screenshot, step } from '../fixtures/codeServer/steps';
import { taskRowTexts } from '../fixtures/codeServer/tasksView';
import { holdsFor, waitFor } from '../fixtures/codeServer/wait';
import { inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-e2e-VARIATIONS77';
const PROMPT = 'Variations: a glass whale drifting through fog';
const CANCELLED = 'Variations: never sent, a copper fox';

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;

const creates = () => sim.requests.filter((r) => r.kind === 'create');
const dialogOpen = () => page.locator('.monaco-dialog-box').first().isVisible().catch(() => false);
const rowsWith = async (text: string) => (await taskRowTexts(page)).filter((r) => r.includes(text.slice(0, 30))).length;

/** Chooses the count as a person does: opens the drop-down and clicks the number. */
async function chooseVariations(c: FrameLocator, n: number): Promise<void> {
  await c.locator('#variations').click();
  await c.locator('#variations [role="option"]').filter({ hasText: new RegExp(`^\\s*${n}\\s*$`) }).click();
  await waitFor(async () => (await controlValue(c, '#variations')) === String(n), T.short, `${n} variations to be chosen`);
}

before(async () => {
  ({ sim, vs, page, downloadDir } = await startSession({
    name: 'variations',
    simulator: { apiKey: KEY, queuedMs: 60_000, processingMs: 60_000 },
    settings: { 'sora.autoDownload': false },
  }));
  await step(page, 'v0-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
  });
});

after(() => stopSession({ sim, vs, downloadDir }));

test('three variations: one confirmation naming three, exactly three creates, three rows; the control goes back to one', { timeout: 180_000 }, async () => {
  const before = creates().length;
  const c = await step(page, 'v1-compose', async () => {
    const c = await openComposer(page);
    assert.equal(await controlValue(c, '#variations'), '1', 'one video unless asked');
    assert.equal(await c.locator('#variations').getAttribute('data-field'), null, 'not a request field');
    await setPrompt(c, PROMPT);
    await chooseVariations(c, 3);
    await c.locator('#submit').click();
    return c;
  });
  await step(page, 'v1-confirm', async () => {
    const text = await waitForDialog(page);
    assert.match(text, /Create 3 paid videos with openAiSora2Plus\?/);
    assert.match(text, /3 variations of the same prompt and settings, 8 seconds each\./);
    assert.match(text, /Estimated cost: cost unknown/);
    assert.equal(creates().length, before, 'nothing is sent before the confirmation');
    await screenshot(page, 'v1-confirm');
    await clickDialogButton(page, /Create 3 Videos/);
  });
  await step(page, 'v1-created', async () => {
    await waitFor(() => creates().length - before >= 3, 60_000, 'three create requests');
    await holdsFor(3_000, async () => creates().length - before === 3 && !(await dialogOpen()), 'exactly three creates after one confirmation');
    const prompts = creates().slice(before).map((r) => (JSON.parse(r.body ?? '{}') as { prompt?: string }).prompt);
    assert.deepEqual(prompts, [PROMPT, PROMPT, PROMPT]);
    await waitFor(async () => (await rowsWith(PROMPT)) === 3, 45_000, 'three rows of the prompt in the task list');
    await waitFor(async () => (await controlValue(c, '#variations')) === '1', T.ui, 'the count back at one');
    await screenshot(page, 'v1-rows');
  });
});

test('dismissing the confirmation sends nothing and keeps the form', { timeout: 120_000 }, async () => {
  const before = creates().length;
  const c = await openComposer(page);
  await setPrompt(c, CANCELLED);
  await chooseVariations(c, 2);
  await c.locator('#submit').click();
  const text = await waitForDialog(page);
  assert.match(text, /Create 2 paid videos/);
  await clickDialogButton(page, /Cancel/);
  await holdsFor(3_000, () => creates().length === before, 'no create request');
  assert.equal(await rowsWith(CANCELLED), 0);
  await waitFor(async () => (await c.locator('#submit').getAttribute('aria-disabled')) === 'false', T.ui, 'Create enabled again');
  assert.equal(await controlValue(c, '#variations'), '2', 'the count stays for another try');
});
