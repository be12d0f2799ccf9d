/**
 * The kit's look for a page of its own (the extension's side panel): the same tokens as the
 * elements (themeTokens) on :root, and the same buttons, selects and text fields (controlStyles),
 * adopted as a constructed stylesheet (allowed under `style-src 'self'`). A page that
 * themes the kit with --sendkit-* themes these controls too.
 */
import { css } from 'lit';
import { controlStyles, themeTokens } from '../components/shared/theme.styles.js';

const pageTheme = css`
  ${themeTokens}
  :root {
    color-scheme: light dark;
    font-family: var(--_font);
    color: var(--_text);
    background: var(--_surface);
    accent-color: var(--_accent);
  }
  ${controlStyles}
`;

export function adoptPageTheme(document: Document): void {
  document.adoptedStyleSheets = [pageTheme.styleSheet!, ...document.adoptedStyleSheets];
}
