// A large library in code-server (issue 14): 2,000 tasks, the newest 500 with saved videos
// (seedLibrary.ts), in the packaged extension (the .vsix at the repository root, as the e2e tests
// install it). Measures Find Task's answer to each keystroke, the gallery's first screen cold (no
// thumbnail cache) and warm (cache made), the gallery webview's memory while scrolling through all
// of it, and the thumbnail cache's size per video.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ARCHIVE_FILE } from '../../src/domain/ids';
import { startSession, stopSession, type Session } from '../../test/fixtures/codeServer/session';
import { frameOf, waitForWebview } from '../../test/fixtures/codeServer/webview';
import { sleep, waitFor } from '../../test/fixtures/codeServer/wait';
import { openPalette, runCommand } from '../../test/fixtures/codeServer/workbench';
import { galleryMemory, scrollThrough, type GalleryMemory } from './galleryScroll';
import { percentile, type LibraryResult } from './libraryReport';
import { seedLibrary } from './seedLibrary';
import { log, median } from './util';
import { buildReference, REF_TITLE } from './vscode';

export const LIBRARY_TASKS = 2000;
export const LIBRARY_VIDEOS = 500;
const EXTENSION_ID = 'sora-video.sora-video';
const FIND_TASK = 'Sora: Find Task…';
const SHOW_GALLERY = 'Sora: Show Gallery';
/**
 * Typed one key at a time: words of the prompts, and the newest task's id (matched in the detail).
 * No spaces: the quick pick trims the value, so a space changes no row and has nothing to time.
 */
export const FIND_QUERIES = ['lighthouse', 'sora_lib_000007cf', 'reflections'];

/**
 * Each keystroke's time from the key event (its timestamp, on the workbench's clock) to the first
 * frame after the quick pick's list last changed its rows for that key (a MutationObserver, then an
 * animation frame). The last change, not the first: the extension feeds the pick the matches of each
 * value (createQuickPick), so a key first re-filters the rows it had and then gets the extension's;
 * the list has answered the key when the extension's rows are drawn. A key's changes are over when
 * the list stays still for SETTLE_MS.
 */
const SETTLE_MS = 300;

async function timeFindTask(page: Page, query: string): Promise<{ samples: number[]; rows: number; unchanged: number }> {
  await runCommand(page, FIND_TASK);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
  await sleep(500);
  await page.evaluate(() => {
    const w = window as unknown as { __ft: { key: number; last?: number; changes: number } };
    w.__ft = { key: 0, changes: 0 };
    const list = document.querySelector('.quick-input-widget .quick-input-list');
    if (!list) throw new Error('no quick pick list');
    addEventListener(
      'keydown',
      (e) => {
        w.__ft.key = e.timeStamp;
        w.__ft.last = undefined;
      },
      true,
    );
    new MutationObserver(() => {
      const key = w.__ft.key;
      if (key === 0) return;
      const n = ++w.__ft.changes;
      requestAnimationFrame(() => {
        // Only the frame after the key's latest change counts (a later key has its own).
        if (n === w.__ft.changes && key === w.__ft.key) w.__ft.last = performance.now() - key;
      });
    }).observe(list, { subtree: true, childList: true, characterData: true });
  });
  const state = () => page.evaluate(() => {
    const ft = (window as unknown as { __ft: { last?: number; changes: number } }).__ft;
    return { last: ft.last, changes: ft.changes };
  });
  const samples: number[] = [];
  let unchanged = 0;
  for (const ch of query) {
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    // Settled: a frame after a change was seen, and nothing changed for SETTLE_MS after it.
    const ms = await waitFor(
      async () => {
        const a = await state();
        if (a.last === undefined) return undefined;
        await sleep(SETTLE_MS);
        const b = await state();
        return b.changes === a.changes && b.last !== undefined ? b.last : undefined;
      },
      3_000,
      `the list to answer "${ch}"`,
      20,
    ).catch(() => undefined);
    // A key that changed no row (nothing new matched or unmatched, no highlight moved) is not timed.
    if (ms === undefined) unchanged++;
    else samples.push(ms);
  }
  const rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').count();
  if ((await input.inputValue()) !== query) throw new Error(`typed "${await input.inputValue()}", not "${query}"`);
  await page.keyboard.press('Escape');
  return { samples, rows, unchanged };
}

/** Runs a command from the palette with Enter, noting the key's own timestamp (workbench clock) as window.__enterAt. */
async function runFromPalette(page: Session['page'], title: string): Promise<void> {
  await openPalette(page);
  await page.locator('.quick-input-widget .quick-input-box input').fill(`>${title}`);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor({ state: 'visible' });
  await sleep(300);
  await page.evaluate(() => {
    const w = window as unknown as { __enterAt?: number };
    w.__enterAt = undefined;
    addEventListener('keydown', (e) => (e.key === 'Enter' ? (w.__enterAt ??= performance.timeOrigin + e.timeStamp) : undefined), { capture: true, once: true });
  });
  await page.keyboard.press('Enter');
}

/** Command → every first-screen picture loaded: the palette's Enter (workbench clock) to the page's mark (its clock). */
async function timeGalleryOpen(s: Session): Promise<{ ms: number; images: number; phases: Phases }> {
  const page = s.page;
  await runFromPalette(page, SHOW_GALLERY);
  const gallery = await waitForWebview(page, 'body[data-first-screen="ready"]', 'the gallery first screen', 60_000);
  const frame = await frameOf(gallery);
  const shown = await frame.evaluate(() => ({
    at: performance.timeOrigin + Number(document.body.dataset.firstScreenMs),
    // Where the time went: the page's document started, its script arrived, the last picture arrived.
    docAt: performance.timeOrigin,
    // The frame's own document arrived (VS Code writes the page into it after that).
    docEndAt: performance.timeOrigin + ((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.responseEnd ?? NaN),
    // The page's own marks (its script inlined); a page that loads gallery.js as a file has only the resource timing.
    scriptAt:
      performance.timeOrigin +
      (performance.getEntriesByName('gallery-script')[0]?.startTime ??
        Math.max(0, ...performance.getEntriesByType('resource').filter((e) => e.name.includes('gallery.js')).map((e) => (e as PerformanceResourceTiming).responseEnd))),
    initAt: performance.timeOrigin + (performance.getEntriesByName('gallery-init')[0]?.startTime ?? NaN),
    // Pictures fetched as files (the first screen's come inside the first message, as blobs, untimed here).
    picturesAt:
      performance.timeOrigin +
      Math.max(...performance.getEntriesByType('resource').filter((e) => /\.jpg|blob:/.test(e.name)).map((e) => (e as PerformanceResourceTiming).responseEnd), -Infinity),
    images: [...document.querySelectorAll<HTMLImageElement>('[data-task-id] img')].filter((i) => {
      const r = i.getBoundingClientRect();
      return i.complete && i.naturalWidth > 0 && r.bottom > 0 && r.top < innerHeight;
    }).length,
  }));
  const enterAt = await page.evaluate(() => (window as unknown as { __enterAt?: number }).__enterAt);
  if (enterAt === undefined) throw new Error('the Enter key was not seen');
  const phases = { documentMs: shown.docAt - enterAt, documentEndMs: shown.docEndAt - enterAt, scriptMs: shown.scriptAt - enterAt, initMs: shown.initAt - enterAt, picturesMs: shown.picturesAt - enterAt };
  log(
    `  gallery open: page document at ${phases.documentMs.toFixed(0)} ms (arrived at ${phases.documentEndMs.toFixed(0)} ms), its script at ${phases.scriptMs.toFixed(0)} ms, its first items at ${phases.initMs.toFixed(0)} ms, last picture fetched as a file at ${phases.picturesMs.toFixed(0)} ms, first screen at ${(shown.at - enterAt).toFixed(0)} ms`,
  );
  return { ms: shown.at - enterAt, images: shown.images, phases };
}

/** The reference: the no-op extension's minimal panel, opened the same way; Enter to the page's load event. */
async function timeMinimalOpen(s: Session): Promise<number> {
  const page = s.page;
  await runFromPalette(page, REF_TITLE);
  const frame = await frameOf(await waitForWebview(page, 'textarea#prompt', 'the minimal panel', 60_000));
  const loadedAt = await waitFor(
    () =>
      frame.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return nav && nav.loadEventEnd > 0 ? performance.timeOrigin + nav.loadEventEnd : undefined;
      }),
    30_000,
    'the minimal panel to load',
    20,
  );
  const enterAt = await page.evaluate(() => (window as unknown as { __enterAt?: number }).__enterAt);
  if (enterAt === undefined) throw new Error('the Enter key was not seen');
  return loadedAt - enterAt;
}

type Phases = NonNullable<LibraryResult['gallery']>['warmPhases'];

function thumbnailFiles(dir: string): { files: number; bytes: number } {
  if (!fs.existsSync(dir)) return { files: 0, bytes: 0 };
  const jpgs = fs.readdirSync(dir).filter((n) => n.endsWith('.jpg'));
  return { files: jpgs.length, bytes: jpgs.reduce((a, n) => a + fs.statSync(path.join(dir, n)).size, 0) };
}

async function closeEditorsAndReload(s: Session): Promise<void> {
  await runCommand(s.page, 'View: Close All Editors').catch(() => undefined);
  await s.vs.reload();
  await sleep(1_500);
}

async function measureGallery(s: Session, rounds: number): Promise<NonNullable<LibraryResult['gallery']>> {
  const thumbs = path.join(s.vs.userDataDir, 'User', 'globalStorage', EXTENSION_ID, 'thumbnails');
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  const minimalMs: number[] = [];
  let images = 0;
  let warmPhases: Phases = { documentMs: NaN, documentEndMs: NaN, scriptMs: NaN, initMs: NaN, picturesMs: NaN };
  for (let i = 0; i < rounds; i++) {
    // Cold: no thumbnail cache; the page makes the first screen's pictures from the videos.
    fs.rmSync(thumbs, { recursive: true, force: true });
    await closeEditorsAndReload(s);
    const cold = await timeGalleryOpen(s);
    coldMs.push(cold.ms);
    await waitFor(() => thumbnailFiles(thumbs).files >= cold.images || undefined, 30_000, 'the first screen thumbnails to be kept', 200);
    // Warm: the next window opens the gallery with the cache made.
    await closeEditorsAndReload(s);
    const warm = await timeGalleryOpen(s);
    warmMs.push(warm.ms);
    images = warm.images;
    warmPhases = warm.phases;
    // The reference, in a window reloaded the same way.
    await closeEditorsAndReload(s);
    minimalMs.push(await timeMinimalOpen(s));
    log(`gallery round ${i + 1}/${rounds}: cold ${cold.ms.toFixed(0)} ms (${cold.images} pictures), warm ${warm.ms.toFixed(0)} ms (${warm.images} pictures), minimal webview ${minimalMs[i].toFixed(0)} ms`);
  }
  // Scrolling through all of it in a warm gallery of a fresh window: pictures are made for every video on the way.
  await closeEditorsAndReload(s);
  const memory: GalleryMemory = await galleryMemory(
    s.vs.browser,
    s.page,
    async () => {
      await runCommand(s.page, SHOW_GALLERY);
      return frameOf(await waitForWebview(s.page, 'body[data-first-screen="ready"]', 'the gallery', 60_000));
    },
    async (onStep) => scrollThrough(await waitForWebview(s.page, '#scroller', 'the gallery'), onStep),
  ).catch((e: Error) => {
    // The timings and the cache size are still worth reporting.
    log(`gallery memory not measured: ${e.message}`);
    return { peakMB: NaN, peakJsHeapMB: NaN, baselineMB: NaN, processPeakMB: NaN, what: `not measured: ${e.message.split('\n')[0]}`, samples: 0 };
  });
  const t = await waitFor(
    () => {
      const x = thumbnailFiles(thumbs);
      return x.files >= LIBRARY_VIDEOS ? x : undefined;
    },
    60_000,
    'a thumbnail for every video',
    500,
  ).catch(() => thumbnailFiles(thumbs));
  await runCommand(s.page, 'View: Close All Editors').catch(() => undefined);
  return {
    coldMs,
    warmMs,
    coldMedianMs: median(coldMs),
    warmMedianMs: median(warmMs),
    minimalMs,
    minimalMedianMs: median(minimalMs),
    firstScreenImages: images,
    warmPhases,
    memory,
    thumbnails: { ...t, perVideoKB: t.bytes / 1024 / LIBRARY_VIDEOS },
  };
}

/**
 * findOnly: Find Task's keys alone (no gallery), its queries typed findRounds times, for a quick look
 * at a change; galleryOnly: skip Find Task (its figures are then empty), for work on the gallery.
 */
export async function measureLibrary(rounds = 3, opts: { findOnly?: boolean; findRounds?: number; galleryOnly?: boolean } = {}): Promise<LibraryResult> {
  const refDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bench-ref-'));
  const refVsix = path.join(refDir, 'ref.vsix');
  buildReference(path.join(refDir, 'ref'), path.join(refDir, 'activations.jsonl'), refVsix);
  const s = await startSession({ name: 'bench-library', simulator: { apiKey: 'sim-key-bench-library' }, extraVsix: [refVsix] }).catch((e: unknown) => {
    fs.rmSync(refDir, { recursive: true, force: true });
    throw e;
  });
  try {
    const archiveFile = path.join(s.vs.userDataDir, 'User', 'globalStorage', EXTENSION_ID, ARCHIVE_FILE);
    await seedLibrary({ archiveFile, downloadDir: s.downloadDir, tasks: LIBRARY_TASKS, videos: LIBRARY_VIDEOS, failedEvery: 10 });
    await s.vs.reload();
    await sleep(1_500);
    const samples: number[] = [];
    const rowsShown: number[] = [];
    let unchanged = 0;
    const queries = opts.galleryOnly ? [] : Array.from({ length: opts.findRounds ?? 1 }, () => FIND_QUERIES).flat();
    for (const q of queries) {
      const r = await timeFindTask(s.page, q);
      samples.push(...r.samples);
      rowsShown.push(r.rows);
      unchanged += r.unchanged;
      log(`find task "${q}": median ${median(r.samples).toFixed(1)} ms, max ${Math.max(...r.samples).toFixed(1)} ms, ${r.rows} rows shown, ${r.unchanged} keys changed no row`);
    }
    if (!opts.galleryOnly && rowsShown.some((n) => n === 0)) throw new Error(`a query found nothing (${rowsShown.join(', ')} rows): the library was not loaded`);
    const findTask = { samples, medianMs: percentile(samples, 50), p90Ms: percentile(samples, 90), maxMs: Math.max(...samples), rowsShown, unchanged };
    const result: LibraryResult = { tasks: LIBRARY_TASKS, videos: LIBRARY_VIDEOS, findTask };
    if (opts.findOnly) return result;
    try {
      result.gallery = await measureGallery(s, rounds);
    } catch (e) {
      result.galleryError = (e as Error).message.split('\n')[0];
      log(`gallery measurements failed: ${(e as Error).message}`);
    }
    return result;
  } finally {
    await stopSession(s);
    fs.rmSync(refDir, { recursive: true, force: true });
  }
}

// `node --import tsx tools/bench/library.ts [rounds] [--find-only] [--find-rounds N] [--gallery-only]`
const argOf = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
if (require.main === module)
  void measureLibrary(Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 3), {
    findOnly: process.argv.includes('--find-only'),
    findRounds: Number(argOf('--find-rounds') ?? 1),
    galleryOnly: process.argv.includes('--gallery-only'),
  }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
