// One grid cell: the picture (the cached thumbnail, the one just made, or a placeholder with the
// status and the elapsed time) and a caption (prompt, length, model). DOM built with
// createElement/textContent only; the task's text never becomes markup.
import { format } from '../../src/util/l10n';
import type { GalleryWireItem } from '../../src/shared/galleryProtocol';
import type { GalleryStrings } from '../../src/shared/galleryStrings';

/** The key of `data-vscode-context` the task commands read (src/vscode/commands/taskArg.ts). */
const TASK_KEY = 'soraTask';

export function elapsedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function span(cls: string, text: string): HTMLSpanElement {
  const e = document.createElement('span');
  e.className = cls;
  e.textContent = text;
  return e;
}

export function metaText(item: GalleryWireItem, s: GalleryStrings): string {
  const parts: string[] = [];
  if (item.seconds !== undefined) parts.push(format(s.seconds, item.seconds));
  parts.push(item.model);
  return parts.join(' · ');
}

/** `picture`: the thumbnail to show, if any (the cached one, or one just drawn). */
export function buildCell(item: GalleryWireItem, s: GalleryStrings, picture: string | undefined, now: number): HTMLElement {
  const cell = document.createElement('div');
  cell.className = `item ${item.kind}`;
  cell.setAttribute('role', 'gridcell');
  cell.tabIndex = -1;
  cell.dataset.taskId = item.taskId;
  cell.dataset.id = item.id;
  cell.dataset.vscodeContext = JSON.stringify({ webviewSection: 'task', [TASK_KEY]: item.id, soraItem: item.menu, preventDefaultContextMenuItems: true });
  const meta = metaText(item, s);
  const pic = document.createElement('div');
  pic.className = 'pic';
  let state = '';
  if (item.kind === 'video' && picture) {
    const img = document.createElement('img');
    img.alt = '';
    img.decoding = 'async';
    img.src = picture;
    pic.append(img);
  } else if (item.kind === 'video') {
    pic.append(span('status', item.video ? '' : s.notSaved));
    if (!item.video) state = s.notSaved;
  } else if (item.kind === 'running') {
    const elapsed = span('elapsed', format(s.elapsed, elapsedText(now - item.startedAt)));
    elapsed.dataset.started = String(item.startedAt);
    pic.append(span('status', item.status), elapsed);
    state = item.status;
  } else {
    pic.append(span('status', s.failed));
    state = s.failed;
  }
  const caption = document.createElement('div');
  caption.className = 'caption';
  const title = span('title', item.title);
  title.title = item.title;
  caption.append(title, span('meta', meta));
  cell.append(pic, caption);
  cell.setAttribute('aria-label', format(s.itemLabel, item.title, [state, meta].filter(Boolean).join(', ')));
  return cell;
}

/** Puts a picture into a cell that has none yet (or replaces the one it has). */
export function setPicture(cell: HTMLElement, src: string, onLoad: () => void): void {
  const pic = cell.querySelector('.pic');
  if (!pic) return;
  let img = pic.querySelector('img');
  if (!img) {
    img = document.createElement('img');
    img.alt = '';
    pic.replaceChildren(img);
  }
  img.addEventListener('load', onLoad, { once: true });
  img.addEventListener('error', onLoad, { once: true });
  img.src = src;
}

/** The running placeholders count their time: one pass over the cells in the DOM. */
export function tickElapsed(root: HTMLElement, s: GalleryStrings, now: number): void {
  for (const e of root.querySelectorAll<HTMLElement>('.elapsed[data-started]')) {
    e.textContent = format(s.elapsed, elapsedText(now - Number(e.dataset.started)));
  }
}
