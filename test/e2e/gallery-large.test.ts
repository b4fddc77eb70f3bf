// End to end, in code-server: the gallery over a long history. 2,000 finished tasks (500 with a
// saved video, a copy of the simulator's sample; 150 failed) are written to the archive log the way
// another window would, beside one task still processing at the simulator. The page keeps a few rows
// in the DOM whatever the length, makes thumbnails only for what is in view, never holds more than
// a few <video> elements, counts the running task's time, hides failed tasks until asked, and the
// keyboard reaches the last item; Shift+F10 opens the task actions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { Simulator } from '../fixtures/simulator/server';
import { createOnSim } from '../helpers/sim';
import { ARCHIVE_FILE } from '../../src/domain/ids';
import type { Task } from '../../src/domain/task';
import { FileArchiveLog } from '../../src/persistence/archiveLog';
import { TaskStore } from '../../src/persistence/repository';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { T } from '../fixtures/codeServer/env';
import type { VSCode } from '../fixtures/codeServer/instance';
import { dismissNotifications, menuLabels } from '../fixtures/codeServer/overlays';
import { startSession, stopSession } from '../fixtures/codeServer/session';
import { step } from '../fixtures/codeServer/steps';
import { waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { frameOf, waitForWebview } from '../fixtures/codeServer/webview';
import { sleep, waitFor } from '../fixtures/codeServer/wait';
import { inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-gallery-large';
const RUNNING = 'sora_gallery_still_running';
const HISTORY = 2000;
const SAVED = 500;
const FAILED = 150;

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;

/** Finished tasks, oldest first: every fourth has a saved file, 150 failed. */
async function seed(archive: string): Promise<void> {
  const sample = path.join(__dirname, '..', 'fixtures', 'simulator', 'sample.mp4');
  const store = new TaskStore(new MemoryMemento(), new MemoryLog(), { archive: new FileArchiveLog(archive), autoDownload: () => true, syncMs: 0 });
  const now = Date.now();
  let saved = 0;
  let failed = 0;
  for (let i = 0; i < HISTORY; i++) {
    const createdAt = now - (HISTORY - i) * 60_000;
    const base: Task = {
      localId: `history-${i}`,
      remoteId: `sora_history_${i}`,
      phase: 'completed',
      status: 'completed',
      settings: { prompt: `History ${i}: a harbour at dawn, gulls over fishing boats`, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 },
      createdAt,
      updatedAt: createdAt,
      completedAt: createdAt,
      actualDuration: 2,
      poll: { errors: 0 },
    };
    if (i % 4 === 2 && failed < FAILED) {
      failed++;
      await store.put({ ...base, phase: 'failed', status: 'failed', error: 'content policy', completedAt: undefined, actualDuration: undefined });
    } else if (i % 4 === 0) {
      saved++;
      const file = path.join(downloadDir, `sora_history_${i}.mp4`);
      fs.copyFileSync(sample, file);
      await store.put({ ...base, download: { state: 'done', attempts: 1, path: file } });
    } else {
      await store.put({ ...base, download: { state: 'expired', attempts: 1 } });
    }
  }
  store.dispose();
  assert.equal(saved, SAVED);
  assert.equal(failed, FAILED);
}

before(async () => {
  // The tracked task stays processing for the whole file.
  ({ sim, vs, page, downloadDir } = await startSession({ name: 'gallery-large', simulator: { apiKey: KEY, queuedMs: 200, processingMs: 3_600_000 } }));
  await step(page, 'large-0-history', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
    assert.equal(await createOnSim(sim, `[id:${RUNNING}] made elsewhere`), RUNNING);
    await runCommand(page, 'Sora: Track Existing Task');
    await inputBox(page, RUNNING);
    await waitForTaskRow(page, [RUNNING, 'processing'], 60_000);
    await seed(path.join(vs.userDataDir, 'User', 'globalStorage', 'sora-video.sora-video', ARCHIVE_FILE));
    // This window reads another window's writes within seconds: the newest seeded task shows in the tree.
    await waitForTaskRow(page, ['History 1999'], 60_000);
    await dismissNotifications(page);
  });
});

after(() => stopSession({ sim, vs, downloadDir }));

interface Dom {
  items: number;
  videos: number;
  rowcount: number;
  failed: number;
  firstScreen: string;
}

async function dom(gallery: FrameLocator): Promise<Dom> {
  return (await frameOf(gallery)).evaluate(() => ({
    items: document.querySelectorAll('[data-task-id]').length,
    videos: document.querySelectorAll('video').length,
    rowcount: Number(document.getElementById('grid')?.getAttribute('aria-rowcount') ?? 0),
    failed: document.querySelectorAll('.item.failed').length,
    firstScreen: document.body.dataset.firstScreen ?? '',
  }));
}

test('2,000 tasks: a few rows in the DOM, thumbnails for the first screen, few <video>s, the keyboard reaches the end', { timeout: 300_000 }, async (t) => {
  await runCommand(page, 'Sora: Show Gallery');
  const gallery = await waitForWebview(page, '#grid', 'the gallery webview', T.ui * 2);
  const frame = await frameOf(gallery);
  // Another window's writes arrive within a few seconds: every task but the failed ones, and the running one.
  const shown = HISTORY - FAILED + 1;
  const columns = async () => Number(await frame.evaluate(() => document.getElementById('grid')?.getAttribute('aria-colcount')));
  await waitFor(async () => (await dom(gallery)).rowcount === Math.ceil(shown / (await columns())), 30_000, `${shown} items in the grid`, 250);
  await step(page, 'large-1-first-screen', async () => {
    await waitFor(async () => (await dom(gallery)).firstScreen === 'ready', 60_000, 'the first screen of thumbnails', 250);
    t.diagnostic(`first screen ready at ${await frame.evaluate(() => document.body.dataset.firstScreenMs)} ms after the page started`);
    // Every saved video on screen shows its decoded thumbnail (a quarter of the items have one).
    const onScreen = await frame.evaluate(() => {
      const view = document.getElementById('scroller')!.getBoundingClientRect();
      const cells = [...document.querySelectorAll<HTMLElement>('.item.video')].filter((c) => {
        const r = c.getBoundingClientRect();
        return r.bottom > view.top && r.top < view.bottom;
      });
      const withPicture = cells.filter((c) => (c.querySelector('img')?.naturalWidth ?? 0) > 0).length;
      const unsaved = cells.filter((c) => c.querySelector('.status')?.textContent === 'not saved').length;
      return { cells: cells.length, withPicture, unsaved };
    });
    assert.ok(onScreen.withPicture > 0, JSON.stringify(onScreen));
    assert.equal(onScreen.withPicture + onScreen.unsaved, onScreen.cells, JSON.stringify(onScreen));
    const d = await dom(gallery);
    assert.ok(d.items > 0 && d.items <= 60, `only the rows near the viewport are in the DOM: ${d.items}`);
    assert.ok(d.videos <= 3, `<video> elements: ${d.videos}`);
  });

  await step(page, 'large-2-running', async () => {
    // The newest task is the running one: a placeholder with its status, counting its time.
    const running = gallery.locator(`[data-task-id="${RUNNING}"]`);
    await running.waitFor({ state: 'visible', timeout: T.ui });
    assert.match(await running.locator('.status').innerText(), /processing/);
    const first = await running.locator('.elapsed').innerText();
    await waitFor(async () => (await running.locator('.elapsed').innerText()) !== first, 5_000, 'the elapsed time to count', 250);
    assert.equal(await running.locator('img').count(), 0);
  });

  await step(page, 'large-3-keyboard', async () => {
    const firstCell = gallery.locator('[data-task-id]').first();
    await firstCell.focus();
    let maxVideos = 0;
    // Page Down through a stretch of the grid, then End: the focus follows, the DOM stays small.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('PageDown');
      await sleep(150);
      maxVideos = Math.max(maxVideos, (await dom(gallery)).videos);
    }
    await page.keyboard.press('End');
    const lastId = 'sora_history_0';
    await waitFor(async () => (await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.taskId)) === lastId, T.ui, 'End to focus the oldest task', 100);
    const d = await dom(gallery);
    assert.ok(d.items <= 60, `items in the DOM at the end: ${d.items}`);
    assert.ok(maxVideos <= 3, `at most 3 <video>s while scrolling: ${maxVideos}`);
    // The oldest task was saved (index 0): its thumbnail is made now that it is in view.
    await waitFor(async () => frame.evaluate((id) => (document.querySelector<HTMLImageElement>(`[data-task-id="${id}"] img`)?.naturalWidth ?? 0) > 0, lastId), 30_000, 'the thumbnail of the last item', 250);
    // The keyboard's context-menu gesture opens the tree's actions for the focused item.
    await page.keyboard.press('Shift+F10');
    const labels = await menuLabels(page);
    assert.ok(labels.includes('Copy Task ID') && labels.includes('Open Video'), JSON.stringify(labels));
    await page.keyboard.press('Escape');
  });

  await step(page, 'large-4-failed', async () => {
    assert.equal((await dom(gallery)).failed, 0);
    const before = (await dom(gallery)).rowcount;
    await gallery.locator('#show-failed').click();
    await waitFor(async () => (await dom(gallery)).rowcount === Math.ceil((shown + FAILED) / (await columns())), T.ui, 'the failed tasks to join the grid', 250);
    await waitFor(async () => (await dom(gallery)).failed > 0, T.ui, 'a failed item in view', 250);
    assert.ok((await dom(gallery)).rowcount >= before);
    await gallery.locator('#show-failed').click();
    await waitFor(async () => (await dom(gallery)).failed === 0, T.ui, 'the failed tasks hidden again', 250);
  });

  // Only the items that came into view got a thumbnail: far fewer than the 500 saved videos.
  const made = fs.readdirSync(path.join(vs.userDataDir, 'User', 'globalStorage', 'sora-video.sora-video', 'thumbnails')).length;
  t.diagnostic(`thumbnails made: ${made}`);
  assert.ok(made > 0 && made < 100, `thumbnails made: ${made}`);
  await runCommand(page, 'View: Close All Editors');
});
