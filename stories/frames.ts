/**
 * Story decorators: the kit in a dark page, and in a 360 px column (a browser side panel).
 * Styled through the CSS object model, so a design system's Storybook needs no stylesheet.
 */
import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

const darkPage = styleMap({
  'color-scheme': 'dark',
  background: '#121212',
  color: '#eaeaea',
  padding: '1rem',
});
// At most 360 px: in a window of 360 px (the screenshot test's), Storybook's padding leaves less.
const sidePanel = styleMap({ width: 'min(360px, 100%)', outline: '1px dashed #8888' });

export const dark: Decorator = (story) => html`<div style=${darkPage}>${story()}</div>`;

export const narrow: Decorator = (story) => html`<div style=${sidePanel}>${story()}</div>`;
