// The gallery webview's memory while the user scrolls through all of it. Chromium may run the
// webview in its own renderer (an out-of-process iframe) or, since code-server serves webviews
// from the workbench's own site, in the workbench's renderer. The renderer is found by its CPU
// time (SystemInfo.getProcessInfo): the one that worked most while only the gallery scrolled. Its
// memory is read from Linux (/proc/<pid>/smaps_rollup: private memory, what the process alone
// holds) and its JS heap from CDP (Runtime.getHeapUsage on the webview's target). When the webview
// shares the workbench's renderer, the webview's share is the growth over that process's memory
// before the gallery opened; the whole process is reported beside it.
import * as fs from 'node:fs';
import type { Browser, CDPSession, Frame, FrameLocator, Page } from 'playwright-core';
import { sleep } from '../../test/fixtures/codeServer/wait';

export interface GalleryMemory {
  /** The figure the goal is checked on, in MB. */
  peakMB: number;
  peakJsHeapMB: number;
  /** The same process before the gallery was opened (reload), in MB. */
  baselineMB: number;
  /** The renderer's private memory at its peak, in MB (all of it, also when shared). */
  processPeakMB: number;
  what: string;
  /** The webview is in the workbench's renderer (code-server): its memory cannot be told apart from the workbench's. */
  shared?: boolean;
  samples: number;
  /**
   * The same figure once the scroll is over and the webview's garbage was collected (CDP
   * HeapProfiler.collectGarbage, then 2 s): what the page still holds rather than what waited for
   * the collector (media players and canvases of elements no longer referenced).
   */
  afterGcMB?: number;
}

const MB = 2 ** 20;

/** Private memory of a process (Private_Clean + Private_Dirty), in bytes; NaN when unreadable. */
export function privateBytes(pid: number): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    let kb = 0;
    for (const m of text.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) kb += Number(m[1]);
    return kb * 1024;
  } catch {
    return NaN;
  }
}

async function renderers(browser: Browser): Promise<Map<number, number>> {
  const session = await browser.newBrowserCDPSession();
  try {
    const info = await session.send('SystemInfo.getProcessInfo');
    return new Map(info.processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Scrolls the gallery's #scroller from top to bottom a screen at a time, letting each screen draw. */
export async function scrollThrough(gallery: FrameLocator, onStep?: () => Promise<void>): Promise<number> {
  const scroller = gallery.locator('#scroller');
  let steps = 0;
  for (;;) {
    const at = await scroller.evaluate((el) => {
      el.scrollTop += Math.max(100, Math.floor(el.clientHeight * 0.9));
      return { top: el.scrollTop, end: el.scrollHeight - el.clientHeight };
    });
    steps++;
    // Until the pictures in view are shown (made from the video when not cached), at most 5 s.
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      const waiting = await scroller.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return [...el.querySelectorAll<HTMLElement>('.item.video')].filter((c) => {
          const r = c.getBoundingClientRect();
          if (r.bottom < box.top || r.top > box.bottom) return false;
          // A saved video whose picture is not made yet shows an empty status; one not saved says so.
          const status = c.querySelector('.status');
          if (status) return status.textContent === '';
          const img = c.querySelector('img');
          return !img || !img.complete;
        }).length;
      });
      if (waiting === 0) break;
      await sleep(50);
    }
    await onStep?.();
    if (at.top >= at.end - 1) return steps;
  }
}

export async function galleryMemory(browser: Browser, page: Page, open: () => Promise<Frame>, scroll: (onStep: () => Promise<void>) => Promise<number>): Promise<GalleryMemory> {
  const baseline = await rendererMemory(browser);
  const pageSession = await page.context().newCDPSession(page);
  const heap = async (s: CDPSession) => ((await s.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  const pageHeap0 = await heap(pageSession);
  const frame = await open();
  // The webview's own target when Chromium runs it out of process; else the workbench page's.
  let session = pageSession;
  let own = false;
  try {
    session = await page.context().newCDPSession(frame);
    own = true;
  } catch {
    // In the workbench's renderer: one isolate for both, so its heap is measured against before.
  }
  const heap0 = own ? 0 : pageHeap0;
  const cpu0 = await renderers(browser);
  let peakHeap = 0;
  const byPid = new Map<number, number>();
  let samples = 0;
  const sample = async () => {
    for (const pid of cpu0.keys()) byPid.set(pid, Math.max(byPid.get(pid) ?? 0, privateBytes(pid)));
    peakHeap = Math.max(peakHeap, (await heap(session)) - heap0);
    samples++;
  };
  await sample();
  await scroll(sample);
  await sample();
  const cpu1 = await renderers(browser);
  await session.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await sleep(2_000);
  const afterGc = new Map([...cpu1.keys()].map((p) => [p, privateBytes(p)]));
  await session.detach().catch(() => undefined);
  if (session !== pageSession) await pageSession.detach().catch(() => undefined);
  let pid = 0;
  let most = -1;
  for (const [p, t] of cpu1) {
    const used = t - (cpu0.get(p) ?? 0);
    if (used > most) [pid, most] = [p, used];
  }
  const processPeak = (byPid.get(pid) ?? NaN) / MB;
  const before = (baseline.get(pid) ?? NaN) / MB;
  // A renderer that existed before the gallery opened is shared with what was open then.
  const shared = !own || Number.isFinite(before);
  return {
    peakMB: shared ? processPeak - before : processPeak,
    peakJsHeapMB: peakHeap / MB,
    baselineMB: before,
    processPeakMB: processPeak,
    what: shared ? `growth of the renderer it shares with the workbench, ${processPeak.toFixed(1)} MB in all` : 'the webview’s own renderer, private memory',
    shared,
    samples,
    afterGcMB: (afterGc.get(pid) ?? NaN) / MB - (shared ? before : 0),
  };
}

/** Every renderer's private memory now, by pid: the baseline before the gallery opens. */
export async function rendererMemory(browser: Browser): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const pid of (await renderers(browser)).keys()) out.set(pid, privateBytes(pid));
  return out;
}
