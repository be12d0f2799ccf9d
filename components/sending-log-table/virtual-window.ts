/**
 * Which rows a virtualised list shows for a scroll position. Past MAX_SCROLL_PX of rows (browsers
 * cap element heights near 33 million px), the scroll range is scaled: the scroll position maps
 * to a row index, and the window stays pinned to the viewport.
 */
export const MAX_SCROLL_PX = 8_000_000;

export interface WindowGeometry {
  readonly total: number;
  readonly rowHeight: number;
  readonly viewportHeight: number;
}

export interface VisibleWindow {
  readonly first: number;
  readonly count: number;
  /** Offset of the first shown row from the top of the scrolled content. */
  readonly top: number;
  /** Height of the scrolled content. */
  readonly scrollHeight: number;
}

export function visibleWindow(geometry: WindowGeometry, scrollTop: number): VisibleWindow {
  const { total, rowHeight, viewportHeight } = geometry;
  const count = Math.min(total, Math.ceil(viewportHeight / rowHeight) + 1);
  const natural = total * rowHeight;
  const scrollHeight = Math.min(natural, MAX_SCROLL_PX);
  const maxFirst = Math.max(0, total - count);
  if (natural <= MAX_SCROLL_PX) {
    const first = Math.min(maxFirst, Math.max(0, Math.floor(scrollTop / rowHeight)));
    return { first, count, top: first * rowHeight, scrollHeight };
  }
  const range = Math.max(1, scrollHeight - viewportHeight);
  const ratio = Math.min(1, Math.max(0, scrollTop / range));
  // The window is a little taller than the viewport: slide it up as the end nears, so that at
  // the bottom the last row is fully in view.
  const overhang = Math.max(0, count * rowHeight - viewportHeight);
  return {
    first: Math.round(ratio * maxFirst),
    count,
    top: Math.min(scrollTop, range) - ratio * overhang,
    scrollHeight,
  };
}

/** The scroll position that shows row `index` first. */
export function scrollTopFor(geometry: WindowGeometry, index: number): number {
  const { total, rowHeight, viewportHeight } = geometry;
  const natural = total * rowHeight;
  if (natural <= MAX_SCROLL_PX) return index * rowHeight;
  const count = Math.min(total, Math.ceil(viewportHeight / rowHeight) + 1);
  const maxFirst = Math.max(1, total - count);
  return (index / maxFirst) * (MAX_SCROLL_PX - viewportHeight);
}
