// End to end: the first-run walkthrough in code-server. It lists its four steps, none done, and each
// step ticks itself off on the real event only: the key stored through the palette, a task created
// in the composer, the finished video opened from the task list, the default model changed in the
// Settings editor; the ticks outlive a reload. Its pictures in the light and the dark theme go to
// .e2e/artifacts (the README's copies are in docs/screenshots/).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { Simulator } from '../fixtures/simulator/server';
import { openComposer, submitPrompt } from '../fixtures/codeServer/composer';
import { T } from '../fixtures/codeServer/env';
import { withUserSettings, type VSCode } from '../fixtures/codeServer/instance';
import { startSession, stopSession } from '../fixtures/codeServer/session';
import { dismissNotifications } from '../fixtures/codeServer/overlays';
import { screenshot, step } from '../fixtures/codeServer/steps';
import { openTaskRow, waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { waitForVideoPreview } from '../fixtures/codeServer/webview';
import { holdsFor, waitFor } from '../fixtures/codeServer/wait';
import { inputBox, QUICK_INPUT, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-walkthrough-SECRET1';
const PROMPT = 'A paper lantern floating over a lake at dusk, slow pan';
const TITLE = 'Get Started with Sora Video';
const STEPS = {
  setApiKey: 'Set your API key',
  createVideo: 'Create your first video',
  watchVideo: 'Watch it in the task list and the gallery',
  chooseModel: 'Pick another model or add your own',
} as const;
type StepId = keyof typeof STEPS;

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;

before(async () => {
  ({ sim, vs, page, downloadDir } = await startSession({ name: 'walkthrough', simulator: { apiKey: KEY, queuedMs: 1000, processingMs: 2000 } }));
});

after(() => stopSession({ sim, vs, downloadDir }));

/**
 * The walkthrough's page: its tab when it is open, else "Welcome: Open Walkthrough..." and our entry
 * in its list. A webview taking the focus as it loads can close the list: then again.
 */
async function openWalkthrough(): Promise<void> {
  const page$ = page.locator('.gettingStartedContainer').filter({ hasText: TITLE }).first();
  await waitFor(
    async () => {
      const tab = page.locator('.tabs-container .tab').filter({ hasText: 'Walkthrough: Sora Video' }).first();
      if (await tab.count()) await tab.click({ timeout: T.short });
      else {
        await runCommand(page, 'Welcome: Open Walkthrough...');
        await page.locator(`${QUICK_INPUT} .quick-input-box input`).fill('Sora', { timeout: T.short });
        const row = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).filter({ hasText: TITLE }).first();
        await row.click({ timeout: T.short });
      }
      await page$.waitFor({ state: 'visible', timeout: T.short });
      return true;
    },
    60_000,
    'the walkthrough to open',
    0,
  );
}

/** The picture of the selected step: the file it shows (srcset) and its alt text. */
async function picture(): Promise<{ file: string; alt: string }> {
  const image = page.locator('.getting-started-media img').first();
  await image.waitFor({ state: 'visible', timeout: T.ui });
  const srcset = decodeURIComponent((await image.getAttribute('srcset')) ?? (await image.getAttribute('src')) ?? '');
  return { file: /media\/walkthrough\/[\w-]+\.svg/.exec(srcset)?.[0] ?? srcset, alt: (await image.getAttribute('alt')) ?? '' };
}

const stepButton = (id: StepId) => page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);

/** Which steps the page shows as done (aria-checked), for every step it lists. */
async function doneSteps(): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const id of Object.keys(STEPS) as StepId[]) {
    const b = stepButton(id);
    out[id] = (await b.count()) > 0 && (await b.first().getAttribute('aria-checked')) === 'true';
  }
  return out;
}

/** Selects a step and waits until its picture (this file) is drawn. */
async function showStep(id: StepId, file: string): Promise<void> {
  await stepButton(id).first().click();
  await waitFor(async () => (await picture()).file === file, T.ui, `the picture ${file}`);
  const image = page.locator('.getting-started-media img').first();
  await waitFor(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0), T.ui, `${file} loaded`);
}

async function waitDone(id: StepId): Promise<void> {
  await openWalkthrough();
  await waitFor(async () => (await doneSteps())[id], T.ui, `the step "${STEPS[id]}" to show as done`);
}

test('the walkthrough lists its four steps, none done before anything happened', { timeout: 180_000 }, async () => {
  await step(page, 'walkthrough-open', async () => {
    await openWalkthrough();
    for (const [id, title] of Object.entries(STEPS)) {
      await stepButton(id as StepId).first().waitFor({ state: 'attached', timeout: T.ui });
      assert.match(await stepButton(id as StepId).first().innerText(), new RegExp(title));
    }
    // The steps' events have not happened: nothing ticks itself off while the page is watched.
    await holdsFor(2_000, async () => Object.values(await doneSteps()).every((d) => !d), 'no step done yet');
    // code-server starts in Default Light Modern.
    assert.deepEqual(await picture(), {
      file: 'media/walkthrough/key-light.svg',
      alt: 'A password box showing only dots, above a lock: the key is stored safely and never shown.',
    });
  });
});

test('setting the API key through the palette ticks off "Set your API key", and only that', { timeout: 180_000 }, async () => {
  await step(page, 'walkthrough-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
    await waitDone('setApiKey');
    assert.deepEqual(await doneSteps(), { setApiKey: true, createVideo: false, watchVideo: false, chooseModel: false });
    await dismissNotifications(page);
    await showStep('createVideo', 'media/walkthrough/create-light.svg');
    await screenshot(page, 'walkthrough-light');
  });
});

test('creating a video in the composer ticks off "Create your first video"; opening it, "Watch it"', { timeout: 240_000 }, async () => {
  await step(page, 'walkthrough-create', async () => {
    const c = await openComposer(page);
    await submitPrompt(c, PROMPT, () => sim.requests.filter((r) => r.kind === 'create').length);
    await waitDone('createVideo');
    assert.equal((await doneSteps()).watchVideo, false, 'a created task is not yet a watched video');
  });
  await step(page, 'walkthrough-watch', async () => {
    await waitForTaskRow(page, ['A paper lantern', 'completed'], 60_000);
    await openTaskRow(page, 'A paper lantern', `${sim.taskIds().at(-1)!}.mp4`);
    await waitForVideoPreview(page);
    await waitDone('watchVideo');
  });
});

test('choosing another default model in the Settings editor ticks off the last step', { timeout: 180_000 }, async () => {
  await step(page, 'walkthrough-model', async () => {
    await openWalkthrough();
    await stepButton('chooseModel').first().click();
    // The step's own button opens the Settings editor at the setting.
    await page.locator('.getting-started-step a, .getting-started-step button').filter({ hasText: 'Choose Default Model' }).first().click();
    const input = page.locator('.settings-editor .settings-tree-container .setting-item-contents').filter({ hasText: 'Default Model' }).locator('input').first();
    await input.waitFor({ state: 'visible', timeout: T.ui });
    await input.fill('openAiSora2Pro');
    await input.press('Enter');
    await waitFor(() => /"sora\.defaultModel":\s*"openAiSora2Pro"/.test(fs.readFileSync(vs.userSettingsFile, 'utf8')), T.ui, 'the setting written');
    await waitDone('chooseModel');
    assert.deepEqual(await doneSteps(), { setApiKey: true, createVideo: true, watchVideo: true, chooseModel: true });
  });
});

test('in the dark theme, after a reload: the dark pictures, every step still done', { timeout: 240_000 }, async () => {
  await step(page, 'walkthrough-dark', async () => {
    await withUserSettings(vs, { 'workbench.colorTheme': 'Default Dark Modern' }, async () => {
      await openWalkthrough();
      assert.deepEqual(await doneSteps(), { setApiKey: true, createVideo: true, watchVideo: true, chooseModel: true });
      await showStep('setApiKey', 'media/walkthrough/key-dark.svg');
      await dismissNotifications(page);
      await showStep('createVideo', 'media/walkthrough/create-dark.svg');
      await screenshot(page, 'walkthrough-dark');
    });
  });
});
