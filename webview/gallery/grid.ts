// The virtual grid: only the rows in view, plus a margin, are in the DOM (src/domain/galleryGrid.ts
// does the sums); a row is rebuilt only when one of its items changed. The focus is a roving
// tabindex over the cells; hovering a video plays it muted in one short-lived <video>.
import { gridLayout, itemsInRows, moveFocus, rowsInView, scrollToRow, type GridKey, type GridLayout } from '../../src/domain/galleryGrid';
import type { GalleryWireItem } from '../../src/shared/galleryProtocol';
import type { GalleryStrings } from '../../src/shared/galleryStrings';
import { buildCell } from './cell';

const MIN_CELL = 220;
const GAP = 12;
const CAPTION = 44;
const MARGIN_ROWS = 2;
const KEYS = new Set<string>(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export interface GridHost {
  item(id: string): GalleryWireItem | undefined;
  /** The picture to show for an item: the cached thumbnail or the one just drawn. */
  picture(item: GalleryWireItem): string | undefined;
  /** The rows in the viewport (no margin) were drawn: ask for their missing thumbnails. */
  visible(ids: readonly string[]): void;
  open(id: string): void;
}

export class VirtualGrid {
  readonly grid: HTMLElement;
  private order: string[] = [];
  private layout: GridLayout = { columns: 1, cellWidth: 1, rowHeight: 1, rows: 0 };
  private readonly rows = new Map<number, { el: HTMLElement; key: string }>();
  private readonly dirty = new Set<string>();
  private focusId: string | undefined;
  private hover: { cell: HTMLElement; video: HTMLVideoElement } | undefined;
  private frame = 0;

  constructor(
    readonly scroller: HTMLElement,
    private readonly strings: GalleryStrings,
    private readonly host: GridHost,
  ) {
    this.grid = document.createElement('div');
    this.grid.id = 'grid';
    this.grid.setAttribute('role', 'grid');
    this.grid.setAttribute('aria-label', strings.gridLabel);
    scroller.append(this.grid);
    scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(scroller);
    // On the document: a focused cell scrolled out of the DOM leaves the focus on the body, and the
    // keys still move through the grid from the item that had it.
    document.addEventListener('keydown', (e) => {
      if (e.target === document.body || (e.target instanceof Node && this.grid.contains(e.target))) this.key(e);
    });
    this.grid.addEventListener('click', (e) => {
      const cell = cellOf(e.target);
      if (cell?.dataset.id) {
        this.focus(cell.dataset.id);
        this.host.open(cell.dataset.id);
      }
    });
    this.grid.addEventListener('focusin', (e) => {
      const id = cellOf(e.target)?.dataset.id;
      if (id && id !== this.focusId) this.setFocusId(id);
    });
    this.grid.addEventListener('mouseover', (e) => this.hoverOn(cellOf(e.target)));
    this.grid.addEventListener('mouseleave', () => this.hoverOn(undefined));
  }

  setItems(order: string[], changed: Iterable<string>): void {
    this.order = order;
    for (const id of changed) this.dirty.add(id);
    if (this.focusId !== undefined && !order.includes(this.focusId)) this.focusId = undefined;
    this.render();
  }

  /** An item's picture changed: its row is drawn again. */
  refresh(id: string): void {
    this.dirty.add(id);
    this.schedule();
  }

  cell(id: string): HTMLElement | undefined {
    return this.grid.querySelector<HTMLElement>(`.item[data-id="${CSS.escape(id)}"]`) ?? undefined;
  }

  private schedule(): void {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render(): void {
    const count = this.order.length;
    this.layout = gridLayout({ width: this.scroller.clientWidth - 2 * GAP, count, minCellWidth: MIN_CELL, gap: GAP, aspect: 9 / 16, captionHeight: CAPTION });
    const { columns, rowHeight, rows } = this.layout;
    this.grid.style.height = `${rows * rowHeight}px`;
    this.grid.style.setProperty('--columns', String(columns));
    this.grid.setAttribute('aria-rowcount', String(rows));
    this.grid.setAttribute('aria-colcount', String(columns));
    const range = rowsInView(this.layout, this.scroller.scrollTop, this.scroller.clientHeight, MARGIN_ROWS);
    for (const [row, r] of this.rows) {
      if (row < range.first || row >= range.end) {
        if (this.hover && r.el.contains(this.hover.cell)) this.hoverOn(undefined);
        r.el.remove();
        this.rows.delete(row);
      }
    }
    const focusIndex = this.focusIndex();
    const now = Date.now();
    for (let row = range.first; row < range.end; row++) {
      const ids = this.order.slice(row * columns, (row + 1) * columns);
      const key = `${columns}|${ids.join('\n')}`;
      const have = this.rows.get(row);
      if (have && have.key === key && !ids.some((id) => this.dirty.has(id))) {
        have.el.style.top = `${row * rowHeight}px`;
        continue;
      }
      const el = have?.el ?? document.createElement('div');
      el.className = 'row';
      el.setAttribute('role', 'row');
      el.setAttribute('aria-rowindex', String(row + 1));
      el.style.top = `${row * rowHeight}px`;
      el.style.height = `${rowHeight - GAP}px`;
      if (this.hover && el.contains(this.hover.cell)) this.hoverOn(undefined);
      const cells: HTMLElement[] = [];
      ids.forEach((id, col) => {
        const item = this.host.item(id);
        if (!item) return;
        const cell = buildCell(item, this.strings, this.host.picture(item), now);
        cell.setAttribute('aria-colindex', String(col + 1));
        cell.tabIndex = row * columns + col === focusIndex ? 0 : -1;
        cells.push(cell);
      });
      const hadFocus = el.contains(document.activeElement);
      el.replaceChildren(...cells);
      if (!have) this.grid.append(el);
      this.rows.set(row, { el, key });
      if (hadFocus && this.focusId) this.cell(this.focusId)?.focus({ preventScroll: true });
    }
    this.dirty.clear();
    // No cell holds tabindex 0 while the focused item is out of the DOM: the grid itself takes Tab then.
    this.grid.tabIndex = this.cell(this.order[focusIndex] ?? '')?.tabIndex === 0 ? -1 : 0;
    const inView = rowsInView(this.layout, this.scroller.scrollTop, this.scroller.clientHeight, 0);
    const shown = itemsInRows(inView, columns, count);
    this.host.visible(this.order.slice(shown.start, shown.end));
  }

  private focusIndex(): number {
    if (this.focusId === undefined) return 0;
    return Math.max(0, this.order.indexOf(this.focusId));
  }

  private setFocusId(id: string): void {
    this.focusId = id;
    for (const c of this.grid.querySelectorAll<HTMLElement>('.item[tabindex="0"]')) c.tabIndex = -1;
    const cell = this.cell(id);
    if (cell) cell.tabIndex = 0;
    this.grid.tabIndex = cell ? -1 : 0;
  }

  /** Moves the focus to an item, scrolling its row into view (and into the DOM) first. */
  focus(id: string): void {
    const index = this.order.indexOf(id);
    if (index < 0) return;
    const top = scrollToRow(this.layout, Math.floor(index / this.layout.columns), this.scroller.scrollTop, this.scroller.clientHeight);
    if (top !== undefined) {
      this.scroller.scrollTop = top;
      this.render();
    }
    this.setFocusId(id);
    this.cell(id)?.focus({ preventScroll: true });
  }

  private key(e: KeyboardEvent): void {
    const count = this.order.length;
    if (count === 0) return;
    if (KEYS.has(e.key)) {
      e.preventDefault();
      const pageRows = Math.max(1, Math.floor(this.scroller.clientHeight / this.layout.rowHeight));
      const next = moveFocus(this.focusIndex(), e.key as GridKey, this.layout.columns, count, pageRows);
      if (next >= 0) this.focus(this.order[next]);
    } else if ((e.key === 'Enter' || e.key === ' ') && !e.repeat) {
      const id = cellOf(e.target)?.dataset.id ?? this.focusId ?? this.order[0];
      e.preventDefault();
      this.host.open(id);
    }
  }

  /** At most one hover preview lives at a time; it is removed, and its decoder freed, on leave. */
  private hoverOn(cell: HTMLElement | undefined): void {
    if (this.hover?.cell === cell) return;
    if (this.hover) {
      const v = this.hover.video;
      v.pause();
      v.removeAttribute('src');
      v.load();
      v.remove();
      this.hover = undefined;
    }
    const id = cell?.dataset.id;
    const item = id ? this.host.item(id) : undefined;
    if (!cell || !item?.video) return;
    const video = document.createElement('video');
    video.muted = true;
    video.loop = true;
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute('aria-hidden', 'true');
    video.className = 'hover';
    video.src = item.video;
    cell.querySelector('.pic')?.append(video);
    this.hover = { cell, video };
  }
}

function cellOf(target: EventTarget | null): HTMLElement | undefined {
  return target instanceof Element ? (target.closest<HTMLElement>('.item') ?? undefined) : undefined;
}
