/**
 * A scroll region is a tab stop only while it scrolls. A keyboard user has to focus a region to
 * scroll it with the arrow keys, so one that overflows needs `tabindex="0"`; one whose table fits
 * would be a stop that does nothing, on every table of the page. A ResizeObserver on each region
 * and on its content sets the attribute after layout, before the frame is painted.
 */
import type { ReactiveController, ReactiveElement } from 'lit';

export class ScrollFocus implements ReactiveController {
  private observer: ResizeObserver | null = null;
  private readonly observed = new Set<Element>();

  constructor(
    private readonly host: ReactiveElement,
    private readonly selector: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.refresh());
  }

  hostUpdated(): void {
    for (const region of this.regions()) {
      for (const element of [region, region.firstElementChild]) {
        if (!element || this.observed.has(element)) continue;
        this.observed.add(element);
        this.observer?.observe(element);
      }
    }
    this.refresh();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed.clear();
  }

  private regions(): NodeListOf<HTMLElement> {
    return this.host.renderRoot.querySelectorAll<HTMLElement>(this.selector);
  }

  private refresh(): void {
    for (const region of this.regions()) {
      const scrolls =
        region.scrollWidth > region.clientWidth || region.scrollHeight > region.clientHeight;
      if (scrolls) region.setAttribute('tabindex', '0');
      else region.removeAttribute('tabindex');
    }
  }
}
