// README screenshots, taken by driving the packaged extension in code-server with the e2e harness:
// the composer beside the task list, the video preview, a failed task's details and the task list
// in a 250 px side bar, in the light, the dark and the (dark) High Contrast default theme.
// `npm run build && npm run package && npm run screenshots` writes docs/screenshots/*.png;
// `npm run screenshots -- library` only the gallery and the spending page (light and dark), over a
// seeded library (tools/bench/seedLibrary.ts: finished tasks with their reported costs and videos).
// (docs/ is never packaged: tools/package.mjs gives vsce a README copy without relative images).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../test/fixtures/simulator/server';
import type { FrameLocator, Page } from 'playwright-core';
import { chooseRadio, openComposer, openRequestPreview, setPrompt, setReference, submitPrompt, submitState } from '../test/fixtures/codeServer/composer';
import { REPO_ROOT, T } from '../test/fixtures/codeServer/env';
import { startVSCode } from '../test/fixtures/codeServer/instance';
import { dismissNotifications } from '../test/fixtures/codeServer/overlays';
import { openTaskRow, resizeSideBar, showSoraView, taskRows, waitForTaskRow } from '../test/fixtures/codeServer/tasksView';
import { waitFor } from '../test/fixtures/codeServer/wait';
import { frameOf, waitForVideoPreview, waitForWebview } from '../test/fixtures/codeServer/webview';
import { inputBox, runCommand } from '../test/fixtures/codeServer/workbench';
import { ARCHIVE_FILE } from '../src/domain/ids';
import { seedLibrary } from './bench/seedLibrary';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');
const KEY = 'sim-key-screenshots';
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', hc: 'Default High Contrast' } as const;
// The simulator's magic markers sit past the 60 characters a tree label shows.
const DONE = 'A lighthouse keeper feeding seagulls at sunrise, slow dolly shot along the pier';
const FAILED = 'A dragon made of smoke circling over a neon city at night, wide angle shot [fail]';
const RUNNING = 'Timelapse of clouds rolling over a mountain ridge, golden hour, drone shot [hold:processing]';
const WAITING = 'A night market in the rain, lanterns swaying, handheld shot through the crowd [hold:queued]';
/** Tracked by an id the service does not know: it comes to need attention. */
const UNKNOWN_ID = 'sora_5e1f0a9c7b22';
const DRAFT = 'Aerial shot of a turquoise glacier lake, camera slowly rising to reveal the peaks';

async function create(sim: Simulator, c: FrameLocator, prompt: string, ratio: string, seconds: string): Promise<void> {
  await chooseRadio(c, 'aspectRatio', ratio);
  await chooseRadio(c, 'seconds', seconds);
  await submitPrompt(c, prompt, () => sim.requests.filter((r) => r.kind === 'create').length);
  await waitFor(async () => !(await submitState(c)).disabled, T.ui, 'Create to be enabled again');
}

async function shoot(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  // Toasts (the key saved, a task finished) come at their own pace: none stays in a picture.
  await dismissNotifications(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), clip });
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
    await create(sim, c, WAITING, '16:9', '8');
    await runCommand(page, 'Sora: Track Existing Task');
    await inputBox(page, UNKNOWN_ID);
    await showSoraView(page);
    // Wide enough that the descriptions (status, model, ratio, time) are read in full.
    await resizeSideBar(page, 500);
    for (const [row, status] of [['A lighthouse', 'completed'], ['A dragon', 'failed'], ['Timelapse', 'processing'], ['A night market', 'queued'], [UNKNOWN_ID, 'needs attention']]) {
      await waitForTaskRow(page, [row, status], 90_000);
    }

    // The composer with a checked reference image and the request preview open.
    await setPrompt(c, DRAFT);
    await chooseRadio(c, 'aspectRatio', '16:9');
    await chooseRadio(c, 'seconds', '8');
    await setReference(c, `${sim.origin}/images/1280x720.png`);
    await waitFor(async () => /1280×720/.test((await c.locator('#referenceStatus').textContent()) ?? ''), T.ui, 'the reference check');
    await openRequestPreview(c);
    await c.locator('#requestBody').waitFor({ state: 'visible', timeout: T.short });
    await c.locator('#prompt textarea').click();
    await shoot(page, `composer-${theme}`);

    // The finished video in the preview panel: a click on its row.
    const id = sim.taskIds()[0];
    await waitFor(() => fs.existsSync(path.join(downloads, `${id}.mp4`)), 60_000, 'the finished video to be saved');
    await openTaskRow(page, 'A lighthouse', `${id}.mp4`);
    const video = (await waitForVideoPreview(page)).locator('video#video');
    // Show a frame from the middle of the clip rather than a loading spinner.
    await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 1));
    await waitFor(async () => video.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && !v.seeking), T.ui, 'a video frame');
    await shoot(page, `preview-${theme}`);

    // The failed task's details: a click on its row.
    await openTaskRow(page, 'A dragon', 'Details: ');
    await waitForWebview(page, '#reason', 'the task details page');
    await shoot(page, `details-${theme}`);

    // Every state in a 250 px side bar, cut to the side bar and the rows.
    const width = await resizeSideBar(page, 250);
    const bar = await page.locator('.part.sidebar').boundingBox();
    const last = await taskRows(page).last().boundingBox();
    if (!bar || !last) throw new Error('the side bar or its rows are not shown');
    await shoot(page, `tasks-narrow-${theme}`, { x: 0, y: 0, width: Math.ceil(bar.x + width), height: Math.ceil(last.y + last.height + 48) });
  } finally {
    await vs.stop();
    fs.rmSync(downloads, { recursive: true, force: true });
  }
}

/** The newest tasks' prompts in the gallery and spending shots, oldest first. */
const LIBRARY_PROMPTS = [
  'Waves rolling onto a black sand beach under a grey sky, static wide shot',
  'A cat watching snowflakes through a frosted window, close-up',
  'Hot air balloons rising over a valley at sunrise, drone shot',
  'A chef flambéing a pan in a busy kitchen, slow motion',
  'Fireflies in a summer meadow at dusk, long exposure look',
  'A vintage train crossing a stone viaduct in the mountains',
  'Rain drops running down a bus window, city lights blurred behind',
  'A kite surfer jumping over turquoise waves, tracking shot',
  'A red fox trotting through fresh snow at dawn, low tracking shot',
  'Macro shot of coffee being poured into a glass cup, steam rising in warm light',
  'A paper boat drifting down a rain-soaked street gutter, shallow depth of field',
  'Time-lapse of a city skyline from dusk to night, lights switching on floor by floor',
  'An old lighthouse in a storm, waves breaking over the rocks, wide shot',
  'A hummingbird hovering at a red flower, slow motion, soft background',
  'Drone shot over terraced rice fields in morning mist',
  'A potter shaping clay on a spinning wheel, close-up on the hands',
  'Neon-lit noodle stand in the rain at night, handheld shot through the crowd',
  'Sailboat gliding across a calm bay at golden hour, seen from above',
  'Autumn leaves falling in a quiet park, a slow dolly along the path',
  'A lighthouse keeper feeding seagulls at sunrise, slow dolly shot along the pier',
];

/** The gallery and the spending page over a seeded library: finished tasks, their reported costs and saved videos. */
async function library(theme: 'light' | 'dark'): Promise<void> {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-shots-'));
  const vs = await startVSCode({ name: `shots-library-${theme}`, settings: { 'sora.downloadFolder': downloads, 'workbench.colorTheme': THEMES[theme] } });
  const page = vs.page;
  try {
    await page.setViewportSize({ width: 1600, height: 1000 });
    // Six hours apart: the last days of the month before and the days of this one.
    const archiveFile = path.join(vs.userDataDir, 'User', 'globalStorage', 'sora-video.sora-video', ARCHIVE_FILE);
    // Every picture in view is a saved video with a real prompt; the older tasks fill the spending page.
    await seedLibrary({ archiveFile, downloadDir: downloads, tasks: 40, videos: LIBRARY_PROMPTS.length, failedEvery: 7, spacingMs: 6 * 3_600_000, prompts: LIBRARY_PROMPTS });
    await vs.reload();
    await runCommand(page, 'Sora: Show Gallery');
    const gallery = await waitForWebview(page, 'body[data-first-screen="ready"]', 'the gallery with its pictures', 60_000);
    await (await frameOf(gallery)).evaluate(() => document.fonts.ready.then(() => undefined));
    await shoot(page, `gallery-${theme}`);
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Sora: Show Spending');
    await waitForWebview(page, '#by-model-table', 'the spending page');
    await shoot(page, `spending-${theme}`);
  } finally {
    await vs.stop();
    fs.rmSync(downloads, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  if (process.argv[2] === 'library') {
    for (const theme of ['light', 'dark'] as const) await library(theme);
    return;
  }
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
