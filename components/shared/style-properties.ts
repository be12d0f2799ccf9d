/**
 * Sets CSS properties of an element through the CSS object model, never through a `style`
 * attribute, so a page with a strict Content-Security-Policy (no 'unsafe-inline' styles) allows
 * them. Lit's own `styleMap` writes a `style` attribute on its first render, which such a policy
 * refuses. Use it on the element: `<div ${styleProperties({ width: '40%' })}>`.
 */
import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

type Properties = Readonly<Record<string, string>>;

class StyleProperties extends Directive {
  private applied: readonly string[] = [];

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('styleProperties() belongs on an element');
  }

  render(_properties: Properties): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Properties]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.applied) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.applied = Object.keys(properties);
    return noChange;
  }
}

export const styleProperties = directive(StyleProperties);
