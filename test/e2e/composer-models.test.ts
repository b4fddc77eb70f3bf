// End to end: the composer renders the chosen model. A model other than Sora is picked, its fields
// are set through their own controls (found by data-field, their JSON key), the request goes to
// its family's path with exactly those values, and the task completes in the tree; a broken rule
// is named in the alert and under its field in the same words, and nothing is sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { Simulator } from '../fixtures/simulator/server';
import { DEMO_CUSTOM_MODEL } from '../fixtures/simulator/families/custom';
import {
  chooseFieldOption,
  chooseFieldRadio,
  chooseModel,
  fieldControl,
  freshAlert,
  markAlert,
  openComposer,
  openRequestPreview,
  promptValue,
  setFieldChecked,
  setFieldText,
  setPrompt,
  statusText,
  textOf,
} from '../fixtures/codeServer/composer';
import { T } from '../fixtures/codeServer/env';
import type { VSCode } from '../fixtures/codeServer/instance';
import { startSession, stopSession } from '../fixtures/codeServer/session';
import { step } from '../fixtures/codeServer/steps';
import { waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { holdsFor, waitFor } from '../fixtures/codeServer/wait';
import { inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-e2e-MODELS456';
const VIDEOS_PROMPT = 'A hot-air balloon over terraced rice fields, aerial drift';
const VIDEOS_SHORT = 'A hot-air balloon';
const SEEDANCE_PROMPT = 'A cat chasing a paper moth across a wooden floor';
const SEEDANCE_SHORT = 'A cat chasing';
const CUSTOM_PROMPT = 'A paper lantern rising over a night market, wild and bright';
const CUSTOM_SHORT = 'A paper lantern';
const CUSTOM_BODY = { model: 'acme_v1', prompt: CUSTOM_PROMPT, mood: 'wild', length: 10 };

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;

const creates = () => sim.requests.filter((r) => r.kind === 'create');

before(async () => {
  ({ sim, vs, page, downloadDir } = await startSession({
    name: 'composer-models',
    simulator: { apiKey: KEY, queuedMs: 1000, processingMs: 2000 },
    // The contract's example, which the simulator serves by default (DEMO_CUSTOM_MODEL).
    settings: { 'sora.autoDownload': false, 'sora.customModels': [DEMO_CUSTOM_MODEL] },
  }));
  await step(page, '0-set-api-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
  });
});

after(() => stopSession({ sim, vs, downloadDir }));

/** Whether the form holds an element with this id (Sora's own controls leave while another model is chosen). */
const present = (c: FrameLocator, id: string) => c.locator(`#${id}`).count().then((n) => n > 0);

test('a Video2 Full task: ratio and resolution radios, a duration number, sent to /v1/videos/videos, completed in the tree', { timeout: 180_000 }, async () => {
  const before = creates().length;
  const c = await step(page, '1-choose-model', async () => {
    const c = await openComposer(page);
    assert.equal(await textOf(c, '#title'), 'Create a video');
    // Sora's controls keep their ids and name the JSON key they set.
    for (const [id, key] of [['aspectRatio', 'aspect_ratio'], ['seconds', 'seconds'], ['referenceImage', 'input_reference']]) {
      assert.equal(await c.locator(`#${id}`).getAttribute('data-field'), key, id);
    }
    await setPrompt(c, VIDEOS_PROMPT);
    await chooseModel(c, 'Video2 Full', 'videos_stable');
    await fieldControl(c, 'duration').waitFor({ state: 'visible', timeout: T.ui });
    assert.equal(await promptValue(c), VIDEOS_PROMPT, 'the prompt carries over');
    assert.equal(await present(c, 'aspectRatio'), false, "Sora's ratio is not in this model's form");
    assert.equal(await present(c, 'referenceImage'), false);
    assert.equal(await fieldControl(c, 'ratio').evaluate((el) => el.tagName), 'VSCODE-RADIO-GROUP', 'three ratios: radios');
    assert.equal(await fieldControl(c, 'duration').getAttribute('type'), 'number');
    // The time the fields block took to build, for the benchmark.
    assert.ok(Number(await c.locator('#composer').getAttribute('data-render-ms')) >= 0);
    return c;
  });

  await step(page, '1-set-fields', async () => {
    await chooseFieldRadio(c, 'ratio', '9:16');
    await chooseFieldRadio(c, 'resolution', '720p');
    await setFieldText(c, 'duration', '6');
    await openRequestPreview(c);
    await waitFor(async () => (await textOf(c, '#requestHead')).includes('/v1/videos/videos'), T.short, 'the preview to show the Videos path');
    const body = JSON.parse(await c.locator('#requestBody').innerText()) as unknown;
    assert.deepEqual(body, { model: 'videos_stable', prompt: VIDEOS_PROMPT, duration: 6, ratio: '9:16', resolution: '720p' });
    await c.locator('#submit').click();
  });

  await step(page, '1-create-request', async () => {
    await waitFor(() => creates().length > before, 30_000, 'a create request');
    const req = creates()[before];
    assert.equal(req.path, '/kyyReactApiServer/v1/videos/videos');
    assert.deepEqual(req.json, { model: 'videos_stable', prompt: VIDEOS_PROMPT, duration: 6, ratio: '9:16', resolution: '720p' });
    await waitFor(async () => (await statusText(c)) !== '', T.ui, 'the composer to confirm the task');
  });

  await step(page, '1-completed-in-tree', async () => {
    const row = await waitForTaskRow(page, [VIDEOS_SHORT, 'completed'], 60_000);
    assert.ok(row.includes(VIDEOS_SHORT), row);
    assert.equal(creates().length, before + 1, 'exactly one create request');
  });
});

test('a Seedance 1.5 task: a ratio drop-down, a duration number and the audio checkbox, as a content-array body', { timeout: 180_000 }, async () => {
  const before = creates().length;
  const c = await step(page, '2-compose', async () => {
    const c = await openComposer(page);
    await setPrompt(c, SEEDANCE_PROMPT);
    await chooseModel(c, 'Seedance 1.5 Pro 720p', 'seedance_1_5_pro_720p');
    await fieldControl(c, 'generate_audio').waitFor({ state: 'visible', timeout: T.ui });
    assert.equal(await fieldControl(c, 'ratio').evaluate((el) => el.tagName), 'VSCODE-SINGLE-SELECT', 'seven ratios: a drop-down');
    await chooseFieldOption(c, 'ratio', '9:16');
    await setFieldText(c, 'duration', '8');
    await setFieldChecked(c, 'generate_audio', false);
    await c.locator('#submit').click();
    return c;
  });

  await step(page, '2-create-request', async () => {
    await waitFor(() => creates().length > before, 30_000, 'a create request');
    const req = creates()[before];
    assert.equal(req.path, '/kyyReactApiServer/v1/seedance/videos');
    assert.deepEqual(req.json, {
      model: 'seedance_1_5_pro_720p',
      content: [{ type: 'text', text: SEEDANCE_PROMPT }],
      ratio: '9:16',
      duration: 8,
      generate_audio: false,
    });
    await waitFor(async () => (await statusText(c)) !== '', T.ui, 'the composer to confirm the task');
  });

  await step(page, '2-completed-in-tree', async () => {
    await waitForTaskRow(page, [SEEDANCE_SHORT, 'completed'], 60_000);
  });
});

test('a broken rule is named in the alert and under its field in the same words, and nothing is sent', { timeout: 120_000 }, async () => {
  const c = await openComposer(page);
  await setPrompt(c, 'A frame without its partner');
  await chooseModel(c, 'Videos', 'videos');
  await fieldControl(c, 'first_image').waitFor({ state: 'visible', timeout: T.ui });
  // Videos documents first and last frame only together.
  await setFieldText(c, 'first_image', 'https://img.example/first.png');
  const before = creates().length;
  await markAlert(c);
  await c.locator('#submit').click();
  const expected = 'First frame needs Last frame.';
  const alert = await freshAlert(c, expected);
  assert.equal(await textOf(c, '#field-first_image-error'), expected, 'the same words under the field');
  assert.ok(alert.includes(expected), alert);
  await holdsFor(2_000, () => creates().length === before, 'no create request');

  // Back to Sora: its own controls return, the other model's leave, the prompt stays.
  await chooseModel(c, 'Sora 2 Pro', 'openAiSora2Pro');
  await c.locator('#aspectRatio').waitFor({ state: 'visible', timeout: T.ui });
  assert.equal(await fieldControl(c, 'first_image').count(), 0);
  assert.equal(await promptValue(c), 'A frame without its partner');
});

test('a model of sora.customModels: picked by its id, its fields set through their radios, sent to its own path, completed in the tree', { timeout: 180_000 }, async () => {
  const before = creates().length;
  const c = await step(page, '4-compose-custom', async () => {
    const c = await openComposer(page);
    await setPrompt(c, CUSTOM_PROMPT);
    await chooseModel(c, 'Acme v1', 'acme_v1');
    await fieldControl(c, 'mood').waitFor({ state: 'visible', timeout: T.ui });
    assert.equal(await fieldControl(c, 'mood').evaluate((el) => el.tagName), 'VSCODE-RADIO-GROUP', 'two moods: radios');
    await chooseFieldRadio(c, 'mood', 'wild');
    await chooseFieldRadio(c, 'length', '10');
    await openRequestPreview(c);
    await waitFor(async () => (await textOf(c, '#requestHead')).includes('/v1/acme/videos'), T.short, 'the preview to show the custom path');
    assert.deepEqual(JSON.parse(await c.locator('#requestBody').innerText()) as unknown, CUSTOM_BODY);
    await c.locator('#submit').click();
    return c;
  });

  await step(page, '4-create-request', async () => {
    await waitFor(() => creates().length > before, 30_000, 'a create request');
    const req = creates()[before];
    assert.equal(req.path, '/kyyReactApiServer/v1/acme/videos');
    assert.deepEqual(req.json, CUSTOM_BODY);
    await waitFor(async () => (await statusText(c)) !== '', T.ui, 'the composer to confirm the task');
  });

  await step(page, '4-completed-in-tree', async () => {
    await waitForTaskRow(page, [CUSTOM_SHORT, 'completed'], 60_000);
    assert.equal(creates().length, before + 1, 'exactly one create request');
  });
});
