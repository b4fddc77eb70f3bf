// End to end, in code-server: two finished videos from the simulator (tracked by their ids, saved to
// the download folder) show in Sora: Show Gallery as two items whose thumbnails were drawn from the
// real files; the thumbnails are kept in global storage and a second open shows them without making
// them again. The arrow keys move the focus through the grid and Enter opens the preview panel; a
// right-click opens the tree's task actions for the item.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { Simulator } from '../fixtures/simulator/server';
import { createOnSim } from '../helpers/sim';
import { T } from '../fixtures/codeServer/env';
import { runAxe, seriousOrCritical } from '../fixtures/codeServer/a11y';
import { measureTexts, parseColor } from '../fixtures/codeServer/contrast';
import { withUserSettings, type VSCode } from '../fixtures/codeServer/instance';
import { dismissNotifications, menuLabels, clickMenuItem } from '../fixtures/codeServer/overlays';
import { startSession, stopSession } from '../fixtures/codeServer/session';
import { screenshot, step } from '../fixtures/codeServer/steps';
import { waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { frameOf, waitForVideoPreview, waitForWebview } from '../fixtures/codeServer/webview';
import { waitFor } from '../fixtures/codeServer/wait';
import { activeTab, inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-gallery-e2e';
const IDS = ['sora_gallery_lighthouse', 'sora_gallery_orchard'];

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;

const thumbsDir = () => path.join(vs.userDataDir, 'User', 'globalStorage', 'sora-video.sora-video', 'thumbnails');
const thumbFile = (id: string) => path.join(thumbsDir(), `${id}.jpg`);

before(async () => {
  ({ sim, vs, page, downloadDir } = await startSession({ name: 'gallery', simulator: { apiKey: KEY, queuedMs: 300, processingMs: 600 } }));
  await step(page, 'gallery-0-videos', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
    for (const id of IDS) {
      assert.equal(await createOnSim(sim, `[id:${id}] made elsewhere`), id);
      await runCommand(page, 'Sora: Track Existing Task');
      await inputBox(page, id);
    }
    for (const id of IDS) await waitForTaskRow(page, [id, 'completed'], 90_000);
    await waitFor(() => IDS.every((id) => fs.existsSync(path.join(downloadDir, `${id}.mp4`))), 60_000, 'both videos to be saved');
    await dismissNotifications(page);
  });
});

after(() => stopSession({ sim, vs, downloadDir }));

interface Shown {
  id: string;
  natural: number;
  src: string;
}

/** The gallery's items, each with its picture's natural width and source. */
async function shownItems(gallery: FrameLocator): Promise<Shown[]> {
  const frame = await frameOf(gallery);
  return frame.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-task-id]')].map((e) => {
      const img = e.querySelector('img');
      return { id: e.dataset.taskId ?? '', natural: img?.complete ? img.naturalWidth : 0, src: img?.getAttribute('src') ?? '' };
    }),
  );
}

async function openGallery(): Promise<FrameLocator> {
  await runCommand(page, 'Sora: Show Gallery');
  const gallery = await waitForWebview(page, '#grid', 'the gallery webview', T.ui * 2);
  // Each item shows a decoded picture: the thumbnail the page drew from the saved file, or the cached one.
  await waitFor(
    async () => {
      const items = await shownItems(gallery);
      return items.length === 2 && items.every((i) => i.natural > 0) ? items : undefined;
    },
    60_000,
    'two items with a decoded thumbnail',
    250,
  );
  return gallery;
}

async function closeEditors(): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await waitFor(async () => (await page.locator('iframe.webview.ready:visible').count()) === 0, T.ui, 'the editors to close', 250);
}

test('the gallery shows two finished videos with thumbnails made once from the files, and keeps them', { timeout: 240_000 }, async () => {
  const first = await step(page, 'gallery-1-open', async () => {
    const gallery = await openGallery();
    const items = await shownItems(gallery);
    assert.deepEqual(items.map((i) => i.id).sort(), [...IDS].sort());
    // 320 px wide from a 320x180 file.
    for (const i of items) assert.equal(i.natural, 320, `${i.id}: ${i.natural}`);
    await waitFor(async () => (await (await frameOf(gallery)).evaluate(() => document.body.dataset.firstScreen)) === 'ready', T.ui, 'the first screen to be ready');
    await waitFor(() => IDS.every((id) => fs.existsSync(thumbFile(id))), T.ui, 'the thumbnails to be written to global storage', 250);
    const stats = IDS.map((id) => fs.statSync(thumbFile(id)));
    for (const [n, s] of stats.entries()) {
      assert.ok(s.size > 500 && s.size <= 30 * 1024, `${IDS[n]}: ${s.size} bytes`);
      const head = Buffer.alloc(3);
      const fd = fs.openSync(thumbFile(IDS[n]), 'r');
      fs.readSync(fd, head, 0, 3, 0);
      fs.closeSync(fd);
      assert.deepEqual([...head], [0xff, 0xd8, 0xff], 'a JPEG');
    }
    return stats.map((s) => s.mtimeMs);
  });

  await step(page, 'gallery-2-reopen', async () => {
    await closeEditors();
    const gallery = await openGallery();
    const items = await shownItems(gallery);
    // The cached files are shown as they are, not drawn again: the first screen's come inside the
    // host's first message (blobs of the kept files' bytes), the others as webview resource URIs.
    for (const i of items) {
      assert.match(decodeURIComponent(i.src), /^blob:|\/thumbnails\/sora_gallery_\w+\.jpg/, i.src);
      assert.equal(i.natural, 320, `${i.id}: a decoded 320 px picture`);
    }
    assert.deepEqual(
      IDS.map((id) => fs.statSync(thumbFile(id)).mtimeMs),
      first,
      'the thumbnails were not made again',
    );
    assert.deepEqual(fs.readdirSync(thumbsDir()).sort(), IDS.map((id) => `${id}.jpg`).sort());
  });
});

test('arrow keys move the focus through the grid, Enter opens the preview, right-click has the task actions', { timeout: 180_000 }, async () => {
  try {
    const gallery = await openGallery();
    const frame = await frameOf(gallery);
    const focused = () => frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.taskId ?? '');
    const cells = gallery.locator('[data-task-id]');
    const [a, b] = [await cells.nth(0).getAttribute('data-task-id'), await cells.nth(1).getAttribute('data-task-id')];
    await step(page, 'gallery-3-hover', async () => {
      // Hovering plays the video muted in place; leaving removes it (one <video> at a time).
      await cells.nth(0).hover();
      await waitFor(async () => (await frame.evaluate(() => document.querySelectorAll('video').length)) === 1, T.short, 'a hover preview', 100);
      const v = await frame.evaluate(() => {
        const video = document.querySelector('video');
        return { muted: video?.muted, inFirst: !!document.querySelector('[data-task-id]')?.contains(video) };
      });
      assert.deepEqual(v, { muted: true, inFirst: true });
      await cells.nth(1).hover();
      await waitFor(async () => (await frame.evaluate(() => (document.querySelectorAll('video').length === 1 ? document.querySelectorAll('[data-task-id]')[1].contains(document.querySelector('video')) : false))), T.short, 'the preview to move to the second item', 100);
      await page.mouse.move(5, 5);
      await waitFor(async () => (await frame.evaluate(() => document.querySelectorAll('video').length)) === 0, T.short, 'the preview removed on leave', 100);
    });
    await step(page, 'gallery-3-keys', async () => {
      // One tab stop: the first item holds tabindex 0, the other -1.
      assert.deepEqual(await frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-task-id]')].map((e) => e.tabIndex)), [0, -1]);
      await cells.nth(0).focus();
      assert.equal(await focused(), a);
      await cells.nth(0).press('ArrowRight');
      await waitFor(async () => (await focused()) === b, T.short, 'ArrowRight to move the focus to the second item', 100);
      assert.deepEqual(await frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-task-id]')].map((e) => e.tabIndex)), [-1, 0]);
      await cells.nth(1).press('ArrowLeft');
      await waitFor(async () => (await focused()) === a, T.short, 'ArrowLeft to move it back', 100);
      await cells.nth(0).press('End');
      await waitFor(async () => (await focused()) === b, T.short, 'End to move it to the last item', 100);
    });
    await step(page, 'gallery-4-menu', async () => {
      await cells.nth(1).click({ button: 'right' });
      const labels = await menuLabels(page);
      for (const label of ['Open Video', 'Save Video As…', 'Copy Task ID', 'Copy Prompt', 'Create Again…', 'Remove from List']) {
        assert.ok(labels.some((l) => l.startsWith(label.replace('…', ''))), `${label} in ${JSON.stringify(labels)}`);
      }
      assert.ok(!labels.includes('Show Details'), 'no failed-task action on a finished video');
      await clickMenuItem(page, 'Copy Task ID');
      await waitFor(async () => (await page.locator('.statusbar').innerText()).includes('Copied the task id'), T.ui, 'the status bar to say the task id was copied', 250);
    });
    await step(page, 'gallery-5-enter', async () => {
      await cells.nth(1).focus();
      await cells.nth(1).press('Enter');
      await activeTab(page, `${b}.mp4`, T.ui);
      const preview = await waitForVideoPreview(page);
      assert.equal(await preview.locator('video#video').count(), 1);
    });
  } finally {
    await closeEditors().catch(() => undefined);
  }
});

// The page uses the theme's variables only: in each kind of theme axe finds nothing serious, every
// text reads (4.5:1), and the focused item's outline is drawn in the theme's focus colour.
for (const theme of ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast']) {
  test(`in ${theme} the gallery reads and shows its focus`, { timeout: 240_000 }, (t) =>
    withUserSettings(vs, { 'workbench.colorTheme': theme }, () =>
      step(page, `gallery-6-${theme.replace(/\W+/g, '-')}`, async () => {
        try {
          const gallery = await openGallery();
          const cell = gallery.locator('[data-task-id]').first();
          await cell.focus();
          const look = await cell.evaluate((el: HTMLElement) => {
            const s = getComputedStyle(el);
            const probe = document.createElement('div');
            document.body.append(probe);
            probe.style.color = 'var(--vscode-focusBorder)';
            const focus = getComputedStyle(probe).color;
            probe.remove();
            return { outline: `${s.outlineStyle} ${s.outlineWidth}`, color: s.outlineColor, focus, background: getComputedStyle(document.body).backgroundColor };
          });
          t.diagnostic(JSON.stringify(look));
          assert.equal(look.outline, 'solid 2px');
          assert.equal(look.color, look.focus, 'the outline is the theme focus colour');
          assert.notDeepEqual(parseColor(look.color), parseColor(look.background));
          const low = (await measureTexts(gallery)).filter((m) => m.ratio < 4.5).map((m) => `"${m.text}" ${m.ratio.toFixed(2)}:1`);
          assert.deepEqual(low, [], 'texts under 4.5:1');
          const report = await runAxe(page, gallery);
          assert.ok(report.passed > 5, `axe saw the page (${report.passed} rules passed)`);
          assert.deepEqual(seriousOrCritical(report), []);
          await screenshot(page, `gallery-${theme.replace(/\W+/g, '-')}`);
        } finally {
          await closeEditors().catch(() => undefined);
        }
      }),
    ),
  );
}
