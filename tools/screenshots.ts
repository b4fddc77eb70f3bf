// README screenshots, taken by driving the packaged extension in code-server with the e2e harness:
// the composer beside the task list, and the video preview, in the light and the dark default theme.
// `npm run build && npm run package && npm run screenshots` writes docs/screenshots/*.png
// (docs/ is never packaged: tools/package.mjs gives vsce a README copy without relative images).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../test/fixtures/simulator/server';
import type { FrameLocator, Page } from 'playwright-core';
import { chooseRadio, openComposer, openRequestPreview, setPrompt, setReference, submitState } from '../test/fixtures/codeServer/composer';
import { REPO_ROOT, T } from '../test/fixtures/codeServer/env';
import { startVSCode } from '../test/fixtures/codeServer/instance';
import { contextMenu, dismissNotifications } from '../test/fixtures/codeServer/overlays';
import { showSoraView, taskRow, taskRowTexts } from '../test/fixtures/codeServer/tasksView';
import { waitForVideoPreview } from '../test/fixtures/codeServer/webview';
import { waitFor } from '../test/fixtures/codeServer/wait';
import { activeTab, inputBox, runCommand } from '../test/fixtures/codeServer/workbench';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');
const KEY = 'sim-key-screenshots';
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;
// The simulator's magic markers sit past the 60 characters a tree label shows.
const DONE = 'A lighthouse keeper feeding seagulls at sunrise, slow dolly shot along the pier';
const FAILED = 'A dragon made of smoke circling over a neon city at night, wide angle shot [fail]';
const RUNNING = 'Timelapse of clouds rolling over a mountain ridge, golden hour, drone shot [slow]';
const DRAFT = 'Aerial shot of a turquoise glacier lake, camera slowly rising to reveal the peaks';

async function create(sim: Simulator, c: FrameLocator, prompt: string, ratio: string, seconds: string): Promise<void> {
  const before = sim.requests.filter((r) => r.kind === 'create').length;
  await setPrompt(c, prompt);
  await chooseRadio(c, 'aspectRatio', ratio);
  await chooseRadio(c, 'seconds', seconds);
  await c.locator('#submit').click();
  await waitFor(() => sim.requests.filter((r) => r.kind === 'create').length === before + 1, 30_000, `the create request for "${prompt}"`);
  await waitFor(async () => !(await submitState(c)).disabled, T.ui, 'Create to be enabled again');
}

/** A wider sidebar, so the task descriptions (status, model, ratio, time) are readable. */
async function widenSidebar(page: Page, by: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + by / 2, y, { steps: 5 });
  await page.mouse.move(x + by, y, { steps: 5 });
  await page.mouse.up();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`screenshots: ${path.relative(REPO_ROOT, path.join(OUT, `${name}.png`))}`);
}

async function run(sim: Simulator, theme: keyof typeof THEMES): Promise<void> {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-shots-'));
  const vs = await startVSCode({
    name: `shots-${theme}`,
    settings: {
      'sora.baseUrl': sim.url,
      'sora.pollIntervalSeconds': 1,
      'sora.downloadFolder': downloads,
      'workbench.colorTheme': THEMES[theme],
      'workbench.activityBar.location': 'default',
    },
  });
  const page = vs.page;
  try {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
    const c = await openComposer(page);

    await create(sim, c, DONE, '16:9', '8');
    await create(sim, c, FAILED, '16:9', '4');
    await create(sim, c, RUNNING, '9:16', '12');
    await showSoraView(page);
    await widenSidebar(page, 200).catch((e: Error) => console.warn(`screenshots: sidebar not widened: ${e.message}`));
    await waitFor(
      async () => {
        const rows = await taskRowTexts(page);
        return rows.some((r) => r.includes('A lighthouse') && r.includes('completed')) && rows.some((r) => r.includes('A dragon') && r.includes('failed'));
      },
      60_000,
      'one completed and one failed task',
      500,
    );

    // The composer with a checked reference image and the request preview open.
    await setPrompt(c, DRAFT);
    await chooseRadio(c, 'aspectRatio', '16:9');
    await chooseRadio(c, 'seconds', '8');
    await setReference(c, `${sim.origin}/images/1280x720.png`);
    await waitFor(async () => /1280×720/.test((await c.locator('#referenceStatus').textContent()) ?? ''), T.ui, 'the reference check');
    await openRequestPreview(c);
    await c.locator('#requestBody').waitFor({ state: 'visible', timeout: T.short });
    await dismissNotifications(page);
    await c.locator('#prompt textarea').click();
    await shoot(page, `composer-${theme}`);

    // The finished video in the preview panel.
    await contextMenu(page, taskRow(page, 'A lighthouse'), /Open Video/);
    const id = sim.taskIds()[0];
    await activeTab(page, `${id}.mp4`, 30_000);
    const video = (await waitForVideoPreview(page)).locator('video#video');
    // Show a frame from the middle of the clip rather than a loading spinner.
    await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 1));
    await waitFor(async () => video.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && !v.seeking), T.ui, 'a video frame');
    await dismissNotifications(page);
    await shoot(page, `preview-${theme}`);
  } finally {
    await vs.stop();
    fs.rmSync(downloads, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const only = process.argv[2] as keyof typeof THEMES | undefined;
  for (const theme of only ? [only] : (Object.keys(THEMES) as Array<keyof typeof THEMES>)) {
    // A fresh simulator per theme: task ids and timings start over.
    const sim = await startSimulator({ apiKey: KEY, queuedMs: 2000, processingMs: 4000 });
    try {
      await run(sim, theme);
    } finally {
      await sim.close();
    }
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
