// The gallery webview's entry: a toolbar (Show failed, the Tasks view's filter) over the virtual
// grid of grid.ts, fed by the host's messages (src/shared/galleryProtocol.ts). Thumbnails missing
// from the cache are made here from the saved video (thumbs.ts) for the items in view only, shown at
// once and sent to the host, which keeps them. The first time every item on screen shows its
// picture, `document.body.dataset.firstScreen` becomes 'ready' (the benchmark waits for it).
import './zod-jitless'; // must stay the first import: zod reads its config when schemas are built
import './gallery.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';

import { fromGallerySchema, toGallerySchema, type FromGallery, type GalleryWireItem, type ToGallery } from '../../src/shared/galleryProtocol';
import type { GalleryStrings } from '../../src/shared/galleryStrings';
import { format } from '../../src/util/l10n';
import { setPicture, tickElapsed } from './cell';
import { VirtualGrid } from './grid';
import { ThumbnailQueue, type Made } from './thumbs';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// Where an open's time goes (the benchmark reads these): the script ran, the first items came.
performance.mark('gallery-script');

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as { showFailed?: unknown };

function post(message: FromGallery): void {
  // The same schema the host applies: a bug here shows in the page's console, not as a silent drop.
  const checked = fromGallerySchema.safeParse(message);
  if (checked.success) vscode.postMessage(checked.data);
  else console.error('gallery: not sent', checked.error);
}

const items = new Map<string, GalleryWireItem>();
/** Thumbnails drawn in this page life, shown until the host's cached file replaces them. */
const drawn = new Map<string, string>();
/** The first screen's cached thumbnails, sent in the first message: kept for the page's life (a few dozen). */
const inlined = new Map<string, string>();
const failed = new Set<string>();
let strings: GalleryStrings | undefined;
let grid: VirtualGrid | undefined;
let showFailed = saved.showFailed === true;
/** The items in the viewport now (no margin): the screen the first-screen mark is about. */
let onScreen: string[] | undefined;

const queue = new ThumbnailQueue(
  (id: string, made: Made) => {
    const url = URL.createObjectURL(made.blob);
    drawn.set(id, url);
    const cell = grid?.cell(id);
    if (cell) setPicture(cell, url, checkFirstScreen);
    post({ type: 'thumbnail', id, jpeg: made.base64 });
  },
  (id: string) => {
    failed.add(id);
    checkFirstScreen();
  },
);

function picture(item: GalleryWireItem): string | undefined {
  return drawn.get(item.id) ?? (item.thumb ? inlined.get(item.id) : undefined) ?? item.thumb;
}

function keepInlined(pictures: Record<string, string> | undefined): void {
  for (const [id, base64] of Object.entries(pictures ?? {})) {
    if (inlined.has(id)) continue;
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    inlined.set(id, URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' })));
  }
}

/** An item of the first screen is done when it shows a loaded picture, or has none to show. */
function itemDone(id: string): boolean {
  const item = items.get(id);
  if (!item || item.kind !== 'video' || failed.has(id)) return true;
  if (!item.thumb && !item.video) return true;
  const img = grid?.cell(id)?.querySelector('img');
  return !!img && img.complete && img.naturalWidth > 0;
}

function checkFirstScreen(): void {
  if (!onScreen || document.body.dataset.firstScreen === 'ready') return;
  if (onScreen.every(itemDone)) {
    document.body.dataset.firstScreen = 'ready';
    document.body.dataset.firstScreenMs = String(Math.round(performance.now()));
  }
}

function visible(ids: readonly string[]): void {
  onScreen = [...ids];
  const inView = new Set(ids);
  queue.keepOnly(inView);
  for (const id of ids) {
    const item = items.get(id);
    if (item?.kind === 'video' && item.video && !item.thumb && !drawn.has(id) && !failed.has(id)) queue.want(id, item.video);
    // A cached picture still loading: the first screen is told when it has.
    const img = grid?.cell(id)?.querySelector('img');
    if (img && !img.complete) {
      img.addEventListener('load', checkFirstScreen, { once: true });
      img.addEventListener('error', checkFirstScreen, { once: true });
    }
  }
  checkFirstScreen();
}

const toolbar = {
  filterText: document.createElement('span'),
  clear: document.createElement('vscode-button'),
  empty: document.createElement('p'),
};

function build(s: GalleryStrings): void {
  const app = document.getElementById('app') as HTMLElement;
  const bar = document.createElement('div');
  bar.className = 'toolbar';
  const failedBox = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean; label: string };
  failedBox.id = 'show-failed';
  failedBox.label = s.showFailed;
  failedBox.checked = showFailed;
  failedBox.addEventListener('change', () => {
    showFailed = failedBox.checked;
    vscode.setState({ showFailed });
    post({ type: 'showFailed', on: showFailed });
  });
  const filter = document.createElement('vscode-button');
  filter.id = 'filter';
  filter.setAttribute('secondary', '');
  filter.textContent = s.filter;
  filter.addEventListener('click', () => post({ type: 'filter' }));
  toolbar.clear.id = 'clear-filter';
  toolbar.clear.setAttribute('secondary', '');
  toolbar.clear.textContent = s.clearFilter;
  toolbar.clear.addEventListener('click', () => post({ type: 'clearFilter' }));
  toolbar.filterText.id = 'filter-text';
  toolbar.filterText.setAttribute('role', 'status');
  bar.append(failedBox, filter, toolbar.filterText, toolbar.clear);
  toolbar.empty.id = 'empty';
  toolbar.empty.setAttribute('role', 'status');
  const scroller = document.createElement('div');
  scroller.id = 'scroller';
  app.replaceChildren(bar, toolbar.empty, scroller);
  grid = new VirtualGrid(scroller, s, { item: (id) => items.get(id), picture, visible, open: (id) => post({ type: 'open', id }) });
  setInterval(() => {
    if (grid && strings) tickElapsed(grid.grid, strings, Date.now());
  }, 1000);
}

function showItems(changed: GalleryWireItem[], order: string[], filter: string): void {
  const s = strings;
  if (!s || !grid) return;
  const keep = new Set(order);
  for (const id of items.keys()) if (!keep.has(id)) items.delete(id);
  for (const item of changed) {
    items.set(item.id, item);
    // The host's cached file now stands for it: the drawn one is let go.
    const url = drawn.get(item.id);
    if (url && item.thumb) {
      drawn.delete(item.id);
      setTimeout(() => URL.revokeObjectURL(url), 5000);
    }
  }
  toolbar.filterText.textContent = filter ? format(s.filteredBy, filter) : '';
  toolbar.clear.hidden = !filter;
  toolbar.empty.textContent = order.length ? '' : filter ? s.emptyFiltered : s.empty;
  toolbar.empty.hidden = order.length > 0;
  grid.setItems(order, changed.map((i) => i.id));
}

function receive(data: unknown): void {
  const parsed = toGallerySchema.safeParse(data);
  if (!parsed.success) return;
  const m: ToGallery = parsed.data;
  switch (m.type) {
    case 'init':
      performance.mark('gallery-init');
      keepInlined(m.pictures);
      if (!strings) {
        strings = m.strings;
        document.title = m.strings.title;
        build(m.strings);
      }
      showItems(m.changed, m.order, m.filter);
      return;
    case 'items':
      showItems(m.changed, m.order, m.filter);
      return;
    case 'thumbnailSaved': {
      const item = items.get(m.id);
      if (!item) return;
      items.set(m.id, { ...item, thumb: m.thumb });
      // The kept file stands for it from now on: the drawn one is let go once the cell shows the file.
      const url = drawn.get(m.id);
      drawn.delete(m.id);
      grid?.refresh(m.id);
      if (url) setTimeout(() => URL.revokeObjectURL(url), 5000);
      return;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => receive(event.data));
post({ type: 'ready', showFailed });
