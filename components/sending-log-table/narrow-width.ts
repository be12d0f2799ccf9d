/**
 * Whether the host is narrow (under 30rem, the width where its container query stacks the
 * toolbar): a ResizeObserver on the host, and one update of the host when it crosses the line.
 * The log table then puts the address (the part that opens the profile) first, so a phone-width
 * page shows it without scrolling sideways.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const NARROW_REM = 30;

export class NarrowWidth implements ReactiveController {
  narrow = false;
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly changed: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(([entry]) => {
      const rem = parseFloat(getComputedStyle(this.host).fontSize) || 16;
      const narrow = entry!.contentRect.width > 0 && entry!.contentRect.width < NARROW_REM * rem;
      if (narrow === this.narrow) return;
      this.narrow = narrow;
      this.changed();
      this.host.requestUpdate();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
