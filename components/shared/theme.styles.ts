/**
 * Global tokens, shared by every element. Each has a light and a dark value that follow the
 * page's color-scheme; a page themes the whole kit with --sendkit-* and one element with its
 * own --<tag>-* properties. Also the controls every element shares (buttons, selects, dialogs,
 * headings, notices), so each looks the same in every element.
 */
import { css } from 'lit';

/**
 * The tokens, one rule for both places they are set: an element's :host, and :root of a page of
 * the kit's own (page-theme.ts). Each selector matches nothing in the other place.
 */
export const themeTokens = css`
  :host,
  :root {
    --_text: var(--sendkit-color-text, light-dark(#2c2c2c, #eaeaea));
    --_muted: var(--sendkit-color-muted, light-dark(#5d5d5d, #b4b4b4));
    --_surface: var(--sendkit-color-surface, light-dark(#ffffff, #1e1e1e));
    --_raised: var(--sendkit-color-raised, light-dark(#f5f5f5, #2a2a2a));
    --_border: var(--sendkit-color-border, light-dark(#d3d3d3, #4a4a4a));
    --_accent: var(--sendkit-color-accent, light-dark(#1359c2, #6ea8ff));
    --_on-accent: var(--sendkit-color-on-accent, light-dark(#ffffff, #0b1a33));
    --_success: var(--sendkit-color-success, light-dark(#1b7a3d, #5fd38d));
    --_danger: var(--sendkit-color-danger, light-dark(#b42318, #ff8a80));
    --_on-danger: var(--sendkit-color-on-danger, light-dark(#ffffff, #2b0906));
    --_radius: var(--sendkit-radius, 6px);
    --_space: var(--sendkit-space, 0.75rem);
    --_font: var(--sendkit-font, system-ui, sans-serif);
  }
`;

/** Buttons, selects and fields as every element draws them (and a page on the kit's tokens). */
export const controlStyles = css`
  button {
    font: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_raised);
    color: var(--_text);
    padding: 0.4rem 0.9rem;
    cursor: pointer;
    max-width: 100%;
  }
  button.danger {
    background: var(--_danger);
    color: var(--_on-danger);
    border-color: transparent;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: transparent;
  }
  /* Danger is for Stop only: a control that cannot act is dimmed, whatever its kind. */
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  [tabindex]:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /* Text fields only a page of the kit's own has (page-theme.ts) look like its selects. */
  select,
  input:not([type='checkbox'], [type='radio'], [type='file']) {
    font: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: 0.3rem;
    max-width: 100%;
  }
`;

export const themeStyles = css`
  ${themeTokens}
  :host {
    font-family: var(--_font);
    color: var(--_text);
    min-width: 0;
    max-width: 100%;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  ${controlStyles}
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    padding: calc(var(--_space) * 1.5);
    width: min(28rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 40%);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: calc(var(--_space) * 1.5);
  }
  /* The frame of an element that stands as a block of its own (a dashboard's panel). */
  .block {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--_surface);
    min-width: 0;
  }
  .heading {
    margin: 0 0 0.5rem;
    font-size: 1.1rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .notice {
    margin: 0.5rem 0;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .error {
    color: var(--_danger);
  }
`;
