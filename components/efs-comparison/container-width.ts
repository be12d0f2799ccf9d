/**
 * Whether the element's own box is narrower than a width (in rem of its font): the comparison
 * lays its tables out per mode when it is. A table's columns cannot be restacked by a container
 * query without losing table semantics, so the switch is made here, from the container's width
 * (never the viewport's); the rest of the layout uses container queries.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ContainerWidth implements ReactiveController {
  narrow = false;
  private observer: ResizeObserver | null = null;
  private frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly narrowerThanRem: number,
  ) {
    host.addController(this);
  }

  private measured = false;

  /** The first render already has the right layout: the host's width needs no content. */
  hostUpdate(): void {
    if (this.measured) return;
    this.measured = true;
    this.narrow = this.isNarrow(this.host.getBoundingClientRect().width) ?? this.narrow;
  }

  private isNarrow(width: number): boolean | null {
    if (width === 0) return null;
    const rem = parseFloat(getComputedStyle(this.host).fontSize) || 16;
    return width < this.narrowerThanRem * rem;
  }

  hostConnected(): void {
    this.measured = false;
    this.observer = new ResizeObserver(([entry]) => {
      const narrow = this.isNarrow(entry?.contentRect.width ?? 0);
      if (narrow === null || narrow === this.narrow) return;
      this.narrow = narrow;
      // The new layout changes the host's height: render it in the next frame, not inside this
      // observation (which would loop).
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.host.requestUpdate());
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = null;
  }
}
