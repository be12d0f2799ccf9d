/**
 * The kit's look for a page of its own (the extension's side panel): the same tokens as the
 * elements (themeTokens) on :root, and the same buttons and selects (controlStyles), plus text
 * fields, adopted as a constructed stylesheet (allowed under `style-src 'self'`). A page that
 * themes the kit with --sendkit-* themes these controls too.
 */
import { css } from 'lit';
import { controlStyles, themeTokens } from '../components/shared/theme.styles.js';

const pageTheme = css`
  :root {
    ${themeTokens}
    color-scheme: light dark;
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_surface);
    accent-color: var(--_accent);
  }
  ${controlStyles}
  input:not([type='checkbox'], [type='radio'], [type='file']) {
    font: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: 0.3rem 0.4rem;
    max-width: 100%;
  }
  input:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;

export function adoptPageTheme(document: Document): void {
  document.adoptedStyleSheets = [pageTheme.styleSheet!, ...document.adoptedStyleSheets];
}
