/**
 * The page's `<html lang>`, watched: a page that switches its language (a language menu sets
 * `document.documentElement.lang`) sees every connected element re-render in it. One observer
 * per copy of the kit, started by the first element and stopped with the last.
 */
import type { ReactiveElement } from 'lit';

const watching = new Set<ReactiveElement>();
let observer: MutationObserver | null = null;

export function watchPageLang(element: ReactiveElement): void {
  watching.add(element);
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const each of watching) each.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

export function unwatchPageLang(element: ReactiveElement): void {
  watching.delete(element);
  if (watching.size > 0 || !observer) return;
  observer.disconnect();
  observer = null;
}
