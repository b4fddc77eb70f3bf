// The gallery's virtual grid in numbers: how many columns fit, which rows are near enough to the
// viewport to be in the DOM, and where the arrow keys move the focus. Pure, so the webview and the
// unit tests share it; only the rows this returns are ever built, whatever the list's length.

export interface GridLayout {
  columns: number;
  /** A cell's width in CSS pixels. */
  cellWidth: number;
  /** A row's height, the gap below it included. */
  rowHeight: number;
  rows: number;
}

export interface GridSpec {
  /** The scroller's inner width. */
  width: number;
  count: number;
  minCellWidth: number;
  gap: number;
  /** The picture's height over its width (16:9 gives 0.5625). */
  aspect: number;
  /** The caption under the picture. */
  captionHeight: number;
}

export function gridLayout(s: GridSpec): GridLayout {
  const width = Math.max(0, s.width);
  const columns = Math.max(1, Math.floor((width + s.gap) / (s.minCellWidth + s.gap)));
  const cellWidth = Math.max(1, (width - s.gap * (columns - 1)) / columns);
  const rowHeight = Math.ceil(cellWidth * s.aspect + s.captionHeight + s.gap);
  return { columns, cellWidth, rowHeight, rows: Math.ceil(Math.max(0, s.count) / columns) };
}

export interface RowRange {
  /** The first row in the DOM. */
  first: number;
  /** One past the last. */
  end: number;
}

/** The rows that touch the viewport, plus `margin` rows above and below (clamped to the grid). */
export function rowsInView(layout: GridLayout, scrollTop: number, viewportHeight: number, margin: number): RowRange {
  if (layout.rows === 0 || layout.rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const firstVisible = Math.min(layout.rows - 1, Math.floor(top / layout.rowHeight));
  const endVisible = Math.min(layout.rows, Math.ceil((top + Math.max(0, viewportHeight)) / layout.rowHeight));
  return { first: Math.max(0, firstVisible - margin), end: Math.min(layout.rows, Math.max(endVisible, firstVisible + 1) + margin) };
}

/** The item indexes in a range of rows. */
export function itemsInRows(range: RowRange, columns: number, count: number): { start: number; end: number } {
  return { start: Math.min(count, range.first * columns), end: Math.min(count, range.end * columns) };
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

/**
 * Where a key moves the focus from `index`. Left and right run on across rows; up and down keep the
 * column (down from the last full row lands on the last item); Home and End go to the ends.
 */
export function moveFocus(index: number, key: GridKey, columns: number, count: number, pageRows: number): number {
  if (count <= 0) return -1;
  const i = Math.min(Math.max(0, index), count - 1);
  const cols = Math.max(1, columns);
  const page = Math.max(1, pageRows) * cols;
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, i - 1);
    case 'ArrowRight':
      return Math.min(count - 1, i + 1);
    case 'ArrowUp':
      return i - cols >= 0 ? i - cols : i;
    case 'ArrowDown':
      return i + cols < count ? i + cols : Math.floor(i / cols) < Math.floor((count - 1) / cols) ? count - 1 : i;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageUp':
      return i - page >= 0 ? i - page : i % cols;
    case 'PageDown':
      return i + page < count ? i + page : count - 1;
  }
}

/** The scrollTop that brings a row fully into view, or undefined when it is already. */
export function scrollToRow(layout: GridLayout, row: number, scrollTop: number, viewportHeight: number): number | undefined {
  const top = row * layout.rowHeight;
  const bottom = top + layout.rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return undefined;
}
