// End to end: prompt history and presets in the composer (issue 14 part 3). A preset of another
// model with non-default values is saved (the name asked in VS Code's input box), the form is
// reset, and one click under Presets puts the prompt, #model and every data-field control back as
// saved; a created task's prompt comes back with Up in an empty prompt and in #promptHistory with
// its count; Delete Preset… and Clear Prompt History ask first and empty the lists. The new texts
// have their Simplified Chinese in the packaged bundles.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { Simulator } from '../fixtures/simulator/server';
import {
  chooseFieldRadio,
  chooseModel,
  controlValue,
  fieldControl,
  openComposer,
  promptValue,
  setFieldText,
  setPrompt,
  statusText,
  submitPrompt,
  textOf,
} from '../fixtures/codeServer/composer';
import { REPO_ROOT, T } from '../fixtures/codeServer/env';
import type { VSCode } from '../fixtures/codeServer/instance';
import { clickDialogButton, waitForDialog } from '../fixtures/codeServer/overlays';
import { startSession, stopSession } from '../fixtures/codeServer/session';
import { step, thenRestore } from '../fixtures/codeServer/steps';
import { waitFor } from '../fixtures/codeServer/wait';
import { inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-e2e-PRESETS789';
const PRESET = 'Tall balloon';
const PRESET_PROMPT = 'A hot-air balloon over a canyon at sunrise, slow ascent';
const HISTORY_PROMPT = 'Rain on a tin roof, close-up, evening light';

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;

const creates = () => sim.requests.filter((r) => r.kind === 'create');

before(async () => {
  ({ sim, vs, page, downloadDir } = await startSession({
    name: 'presets',
    simulator: { apiKey: KEY, queuedMs: 1000, processingMs: 2000 },
    settings: { 'sora.autoDownload': false },
  }));
  await step(page, '0-set-api-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
  });
});

after(() => stopSession({ sim, vs, downloadDir }));

/** The labels of a library drop-down's options (the first is its placeholder). */
function optionTexts(c: FrameLocator, id: string): Promise<string[]> {
  return c.locator(`#${id} vscode-option`).evaluateAll((os) => os.map((o) => (o.textContent ?? '').trim()));
}

/** Picks an option of #presets or #promptHistory by its text, as a person does. */
async function pick(c: FrameLocator, id: string, text: string): Promise<void> {
  await c.locator(`#${id}`).click();
  await c.locator(`#${id} [role="option"]`).filter({ hasText: text }).first().click();
}

/** Back to a plain form: Sora 2 Plus, an empty prompt. */
async function resetForm(c: FrameLocator): Promise<void> {
  if ((await controlValue(c, '#model')) !== 'openAiSora2Plus') await chooseModel(c, 'Sora 2 Plus', 'openAiSora2Plus');
  await setPrompt(c, '');
}

async function deletePreset(name: string): Promise<void> {
  // The pick can close as it opens when the composer's webview takes the focus back (a fresh-clone
  // CI run saw its input hidden for 20 s): then the command is run again, at most three times.
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'Sora: Delete Preset…');
    const input = page.locator('.quick-input-widget input[placeholder="Choose the preset to delete"]');
    try {
      await input.waitFor({ state: 'visible', timeout: T.ui });
      await input.fill(name, { timeout: T.short });
      await input.press('Enter', { timeout: T.short });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  assert.match(await waitForDialog(page), new RegExp(`Delete the preset "${name}"`));
  await clickDialogButton(page, /^\s*Delete\s*$/);
}

test('a preset of another model is saved, and one click puts its prompt, model and values back', { timeout: 180_000 }, async () => {
  const c = await openComposer(page);
  await thenRestore(
    async () => {
      await step(page, '1-fill', async () => {
        await setPrompt(c, PRESET_PROMPT);
        await chooseModel(c, 'Video2 Full', 'videos_stable');
        await chooseFieldRadio(c, 'ratio', '9:16');
        await setFieldText(c, 'duration', '8');
      });
      await step(page, '2-save', async () => {
        await c.locator('#savePreset').click();
        await inputBox(page, PRESET);
        await waitFor(async () => (await statusText(c)).includes(`Saved the preset "${PRESET}"`), T.ui, 'the saved confirmation');
        await waitFor(async () => (await optionTexts(c, 'presets')).includes(PRESET), T.ui, 'the preset in #presets');
      });
      await step(page, '3-reset', async () => {
        await resetForm(c);
        assert.equal(await promptValue(c), '');
        assert.equal(await fieldControl(c, 'ratio').count(), 0, 'Sora\'s form has no ratio field');
      });
      await step(page, '4-apply', async () => {
        const sent = creates().length;
        await pick(c, 'presets', PRESET);
        await waitFor(async () => (await controlValue(c, '#model')) === 'videos_stable', T.ui, 'the preset\'s model');
        await waitFor(async () => (await promptValue(c)) === PRESET_PROMPT, T.ui, 'the preset\'s prompt');
        await waitFor(() => fieldControl(c, 'ratio').locator('vscode-radio[value="9:16"]').evaluate((el: HTMLElement & { checked: boolean }) => el.checked), T.ui, 'ratio 9:16');
        assert.equal(await fieldControl(c, 'duration').evaluate((el: HTMLElement & { value: string }) => el.value), '8');
        assert.equal(await fieldControl(c, 'resolution').locator('vscode-radio[value="720p"]').evaluate((el: HTMLElement & { checked: boolean }) => el.checked), true);
        assert.match(await statusText(c), new RegExp(`Applied the preset "${PRESET}"`));
        assert.equal(await controlValue(c, '#presets'), '', 'the drop-down is back at its placeholder, ready for another click');
        assert.equal(creates().length, sent, 'applying sends nothing');
      });
    },
    async () => {
      await deletePreset(PRESET);
      await waitFor(async () => !(await optionTexts(c, 'presets')).includes(PRESET), T.ui, 'the preset gone from #presets');
      await resetForm(c);
    },
  );
});

test('a created task\'s prompt comes back with Up in an empty prompt and in the history list, with its count', { timeout: 180_000 }, async () => {
  const c = await openComposer(page);
  await thenRestore(
    async () => {
      await step(page, '5-create', async () => {
        await resetForm(c);
        await submitPrompt(c, HISTORY_PROMPT, () => creates().length);
        await waitFor(async () => (await promptValue(c)) === '', T.ui, 'the prompt cleared after the create');
        await waitFor(async () => (await optionTexts(c, 'promptHistory')).some((o) => o.startsWith(HISTORY_PROMPT) && o.includes('(used 1×)')), T.ui, 'the prompt in #promptHistory with its count');
      });
      await step(page, '6-up', async () => {
        const area = c.locator('#prompt textarea');
        await area.click();
        await area.press('ArrowUp');
        await waitFor(async () => (await promptValue(c)) === HISTORY_PROMPT, T.ui, 'Up to recall the last prompt');
        await area.press('ArrowDown');
        await waitFor(async () => (await promptValue(c)) === '', T.ui, 'Down past the newest to empty the prompt');
        assert.equal(await c.locator('#prompt-error').isVisible(), false, 'an emptied recall is not "write a prompt"');
      });
      await step(page, '7-pick', async () => {
        await pick(c, 'promptHistory', HISTORY_PROMPT);
        await waitFor(async () => (await promptValue(c)) === HISTORY_PROMPT, T.ui, 'the picked prompt');
      });
    },
    async () => {
      await runCommand(page, 'Sora: Clear Prompt History');
      assert.match(await waitForDialog(page), /Clear the prompt history \(1 prompts\)/);
      await clickDialogButton(page, /Clear History/);
      await waitFor(async () => (await optionTexts(c, 'promptHistory')).length === 1, T.ui, 'the history list emptied');
      await resetForm(c);
    },
  );
});

test('the library\'s texts and commands have Simplified Chinese in the packaged bundles', { timeout: 60_000 }, async () => {
  const c = await openComposer(page);
  const shown = [await textOf(c, 'vscode-label[for="promptHistory"]'), await textOf(c, 'vscode-label[for="presets"]'), await textOf(c, '#savePreset'), ...(await optionTexts(c, 'promptHistory')), ...(await optionTexts(c, 'presets'))];
  const zh = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  for (const text of shown) {
    assert.ok(text, 'a text is shown');
    assert.ok(zh[text] && /[\u4e00-\u9fff]/.test(zh[text]), `"${text}" has a Chinese translation`);
  }
  const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  for (const key of ['cmd.clearPromptHistory', 'cmd.deletePreset', 'config.syncPromptsAndPresets']) assert.match(nls[key] ?? '', /[\u4e00-\u9fff]/, key);
});
