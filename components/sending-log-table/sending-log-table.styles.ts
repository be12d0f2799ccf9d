import { css } from 'lit';

export const sendingLogTableStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --sending-log-table-height: 22rem;
    --sending-log-table-header-background: var(--_raised);
    --sending-log-table-stripe: light-dark(rgb(0 0 0 / 3%), rgb(255 255 255 / 4%));
    --sending-log-table-failed-color: var(--_danger);
    --sending-log-table-sent-color: var(--_success);
    --_gap: 0.5rem;
  }
  [part='base'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.5rem var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    flex: 1 1 auto;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: transparent;
  }
  [part='progress']:empty {
    display: none;
  }
  [part='tabpanel'] > .notice {
    padding: 0 var(--_space);
  }
  [part='viewport'] {
    height: var(--sending-log-table-height);
    overflow: auto;
    position: relative;
    contain: strict;
  }
  [part='table'] {
    width: max(100%, calc(var(--_columns-min, 44.5rem) + 4 * var(--_gap) + 2 * var(--_space)));
  }
  .row {
    display: grid;
    grid-template-columns: var(--_columns, repeat(5, minmax(8rem, 1fr)));
    align-items: center;
    padding: 0 var(--_space);
    gap: var(--_gap);
    font-size: 0.88rem;
    white-space: nowrap;
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 1;
  }
  [part='header-row'] {
    background: var(--sending-log-table-header-background);
    font-weight: 600;
    font-size: 0.8rem;
    min-height: 2.2rem;
    border-bottom: 1px solid var(--_border);
  }
  .spacer {
    position: relative;
  }
  .window {
    position: absolute;
    inset-inline: 0;
    top: 0;
  }
  [part~='row']:nth-child(even) {
    background: var(--sending-log-table-stripe);
  }
  .status-failed {
    color: var(--sending-log-table-failed-color);
  }
  .status-sent {
    color: var(--sending-log-table-sent-color);
  }
  [part='address'] {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
  }
  [part='address']:focus-visible {
    outline: 2px solid var(--_accent);
  }
  [part='empty'] {
    padding: var(--_space);
    color: var(--_muted);
    white-space: normal;
  }
  dialog {
    width: min(40rem, calc(100vw - 2rem));
  }
  dialog ul {
    padding-inline-start: 1.2rem;
    overflow-wrap: anywhere;
  }
`;
