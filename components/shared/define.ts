/** Registers an element once: a second copy of the kit on the page warns instead of throwing. */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, constructor);
  } else if (existing !== constructor) {
    console.warn(
      `sendkit: <${tag}> is already defined by another copy of the kit; keeping that one.`,
    );
  }
}
