// End to end, the language-model tools in a real VS Code: a small helper extension installed
// beside ours (test/fixtures/codeServer/toolCaller/) calls vscode.lm.invokeTool outside a chat, as
// any extension's flow does. VS Code then asks the tool's confirmation in a modal dialog; a
// confirmed sora_createVideo is one create request and a row in the task list; an invalid input is
// an error naming the field, without a dialog or a request; sora_listTasks lists what the tree shows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { startVSCode, type VSCode } from '../fixtures/codeServer/instance';
import { clickDialogButton, waitForDialog } from '../fixtures/codeServer/overlays';
import { screenshot, step } from '../fixtures/codeServer/steps';
import { showSoraView, waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { packToolCaller, readToolResult } from '../fixtures/codeServer/toolCaller';
import { waitFor } from '../fixtures/codeServer/wait';
import { inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-e2e-tools-4411';
const PROMPT = 'A tin robot watering a bonsai, soft morning light';

let sim: Simulator;
let vs: VSCode;
let page: Page;
let helperDir: string;

const creates = () => sim.requests.filter((r) => r.kind === 'create').length;

before(async () => {
  sim = await startSimulator({ apiKey: KEY, queuedMs: 60_000, processingMs: 60_000 });
  helperDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-e2e-tool-caller-'));
  vs = await startVSCode({ name: 'lm-tools', settings: { 'sora.baseUrl': sim.url, 'sora.pollIntervalSeconds': 1 }, extraVsix: [packToolCaller(helperDir)] });
  page = vs.page;
  await step(page, 't0-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
  });
});

after(async () => {
  await vs?.stop();
  await sim?.close();
  if (helperDir) fs.rmSync(helperDir, { recursive: true, force: true });
});

/** Runs the helper's command with "<tool> <json>" and, unless a dialog is expected first, waits for its result. */
async function callTool(tool: string, input: object): Promise<void> {
  fs.rmSync(path.join(vs.workspace, 'tool-result.json'), { force: true });
  await runCommand(page, 'Sora Tool Caller: Invoke Language Model Tool');
  await inputBox(page, `${tool} ${JSON.stringify(input)}`);
}

const result = () => waitFor(() => readToolResult(vs.workspace), 60_000, 'the tool caller to write its result', 250);

test('sora_listTasks through vscode.lm.invokeTool from another extension: no dialog, the list in words', { timeout: 240_000 }, async () => {
  await step(page, 't1-list-empty', async () => {
    await callTool('sora_listTasks', {});
    const r = await result();
    assert.equal(r.ok, true, r.error);
    assert.equal(r.text, 'The task list is empty. sora_createVideo creates a task.');
    assert.deepEqual(r.tools?.filter((n) => n.startsWith('sora_')).sort(), ['sora_createVideo', 'sora_getTask', 'sora_listTasks']);
  });
});

test('an invalid sora_createVideo is an error naming the field, with no dialog and no request', { timeout: 240_000 }, async () => {
  await step(page, 't2-invalid', async () => {
    const before = creates();
    await callTool('sora_createVideo', { prompt: PROMPT, model: 'openAiSora2Plus', seconds: 7 });
    const r = await result();
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /^Invalid input, nothing was sent\. seconds: Duration must be one of: 4, 8, 12\./);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation for an input that is not sent');
    assert.equal(creates(), before);
  });
});

test('sora_createVideo asks in a modal dialog naming model, length and cost; Cancel sends nothing, Yes sends once and lists the task', { timeout: 300_000 }, async () => {
  const input = { prompt: PROMPT, model: 'openAiSora2Pro', seconds: 4 };
  await step(page, 't3-cancel', async () => {
    const before = creates();
    await callTool('sora_createVideo', input);
    const text = await waitForDialog(page);
    assert.match(text, /Create a paid video with openAiSora2Pro\?/);
    assert.match(text, /Model openAiSora2Pro, 4 seconds, cost unknown \(the service reports it when the task finishes\)/);
    await screenshot(page, 'lm-tools-confirmation');
    await clickDialogButton(page, /Cancel/);
    const r = await result();
    assert.equal(r.ok, false);
    assert.equal(r.name, 'Canceled');
    assert.equal(creates(), before, 'a cancelled confirmation sends nothing');
  });
  await step(page, 't4-confirm', async () => {
    const before = creates();
    await callTool('sora_createVideo', input);
    await waitForDialog(page);
    await clickDialogButton(page, /Yes/);
    const r = await result();
    assert.equal(r.ok, true, r.error);
    const id = /Created task (\S+) \(openAiSora2Pro · 16:9 · 4s\)/.exec(r.text ?? '')?.[1];
    assert.ok(id, r.text);
    assert.equal(creates() - before, 1, 'one create request');
    await showSoraView(page);
    await waitForTaskRow(page, ['A tin robot'], 60_000);
    await callTool('sora_getTask', { id });
    const got = await result();
    assert.match(got.text ?? '', new RegExp(`^Task ${id}: queued\\.`));
    assert.match(got.text ?? '', /Prompt: "A tin robot watering a bonsai, soft morning light"/);
  });
});
