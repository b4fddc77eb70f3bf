// Smoke test of the e2e harness: code-server starts with the packaged extension installed, the
// workbench loads, the command palette opens and lists the extension's commands.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { REPO_ROOT, findVsix } from '../fixtures/codeServer/env';
import { startVSCode, type VSCode } from '../fixtures/codeServer/instance';
import { screenshot, step } from '../fixtures/codeServer/steps';
import { paletteHas } from '../fixtures/codeServer/workbench';

const hasVsix = findVsix() !== undefined;
let vs: VSCode | undefined;

before(async () => {
  vs = await startVSCode({ name: 'smoke', settings: {}, install: hasVsix });
});

after(async () => {
  await vs?.stop();
});

test('the workbench loads and the command palette opens', { timeout: 180_000 }, async () => {
  const page = vs!.page;
  await step(page, 'smoke-palette', async () => {
    assert.ok(await page.locator('.monaco-workbench').isVisible());
    assert.ok(await paletteHas(page, 'View: Toggle Terminal'), 'a built-in command is listed');
  });
  await screenshot(page, 'smoke-workbench');
});

test('the palette lists "Sora: Create Video"', { timeout: 180_000, skip: hasVsix ? false : `no .vsix at ${path.basename(REPO_ROOT)}/ yet` }, async () => {
  const page = vs!.page;
  await step(page, 'smoke-sora-command', async () => {
    assert.ok(await paletteHas(page, 'Sora: Create Video', 30_000), '"Sora: Create Video" is listed in the palette');
    assert.ok(await paletteHas(page, 'Sora: Set API Key'), '"Sora: Set API Key" is listed in the palette');
  });
});
