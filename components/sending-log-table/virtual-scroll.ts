/**
 * Virtual scrolling for the log table, as a reactive controller over the pure virtual-window.ts:
 * it measures the scrolling viewport (and the sticky header inside it), follows scrolling and
 * resizing, moves with the keyboard (arrows, Page Up/Down, Home, End) and says which rows are in
 * view. The host reads rows for that window; the controller tells it when the window moved.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  scrollTopFor,
  visibleWindow,
  type VisibleWindow,
  type WindowGeometry,
} from './virtual-window.js';

export interface VirtualScrollOptions {
  readonly rowHeight: () => number;
  readonly total: () => number;
  /** The scrolling element, and the sticky header inside it (both once rendered). */
  readonly viewport: () => HTMLElement | null;
  readonly header: () => HTMLElement | null;
  /** The rows in view changed (scroll, resize, jump): read them if they are not loaded. */
  readonly onMove: () => void;
}

export class VirtualScroll implements ReactiveController {
  private scrollTop = 0;
  /** Height of the rows' part of the viewport (below the sticky header). */
  private rowsHeight = 400;
  private resizeObserver: ResizeObserver | null = null;
  private observed: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VirtualScrollOptions,
  ) {
    host.addController(this);
  }

  get window(): VisibleWindow {
    return visibleWindow(this.geometry, this.scrollTop);
  }

  hostConnected(): void {
    this.resizeObserver = new ResizeObserver(() => {
      if (this.measure()) this.options.onMove();
    });
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.observed = null;
  }

  hostUpdated(): void {
    const viewport = this.options.viewport();
    if (viewport && viewport !== this.observed) {
      this.resizeObserver?.observe(viewport);
      this.observed = viewport;
    }
  }

  /** Reads the viewport's size; true if the window changed. Cheap enough for every read. */
  measure(): boolean {
    const viewport = this.options.viewport();
    if (!viewport || viewport.clientHeight === 0) return false;
    const height = viewport.clientHeight - (this.options.header()?.offsetHeight ?? 0);
    if (height <= 0 || height === this.rowsHeight) return false;
    this.rowsHeight = height;
    this.host.requestUpdate();
    return true;
  }

  /** Back to the first row (a new view or filter). */
  reset(): void {
    this.scrollTop = 0;
    const viewport = this.options.viewport();
    if (viewport) viewport.scrollTop = 0;
  }

  /** Scrolls so that the row at `index` is the first one shown. */
  scrollToRow(index: number): void {
    const last = Math.max(0, this.options.total() - 1);
    const viewport = this.options.viewport();
    if (!viewport) return;
    viewport.scrollTop = scrollTopFor(this.geometry, Math.max(0, Math.min(index, last)));
    this.onScroll();
  }

  readonly onScroll = (): void => {
    const top = this.options.viewport()?.scrollTop ?? 0;
    if (top === this.scrollTop) return;
    this.scrollTop = top;
    this.host.requestUpdate();
    this.options.onMove();
  };

  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.target !== this.options.viewport()) return;
    const rowHeight = this.options.rowHeight();
    const page = Math.max(1, Math.floor(this.rowsHeight / rowHeight) - 1);
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
    };
    const { first } = this.window;
    let target: number | null = null;
    if (event.key in steps) target = first + steps[event.key]!;
    else if (event.key === 'Home' && !event.shiftKey) target = 0;
    else if (event.key === 'End' && !event.shiftKey) target = this.options.total() - 1;
    if (target === null) return;
    event.preventDefault();
    this.scrollToRow(target);
  };

  private get geometry(): WindowGeometry {
    return {
      total: this.options.total(),
      rowHeight: this.options.rowHeight(),
      viewportHeight: this.rowsHeight,
    };
  }
}
