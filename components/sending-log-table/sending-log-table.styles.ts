import { css } from 'lit';

export const sendingLogTableStyles = css`
  :host {
    display: block;
    --sending-log-table-height: 22rem;
    --sending-log-table-columns: minmax(9rem, 1.2fr) minmax(5rem, 0.7fr) minmax(10rem, 2fr)
      minmax(6rem, 0.8fr) minmax(8rem, 1.2fr);
    --sending-log-table-header-background: var(--_raised);
    --sending-log-table-stripe: light-dark(rgb(0 0 0 / 3%), rgb(255 255 255 / 4%));
    --sending-log-table-failed-color: var(--_danger);
    --sending-log-table-sent-color: var(--_success);
  }
  [part='base'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow: hidden;
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
    gap: 0.25rem;
    flex: 1;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: transparent;
  }
  [part='progress']:empty {
    display: none;
  }
  .row {
    display: grid;
    grid-template-columns: var(--sending-log-table-columns);
    align-items: center;
    box-sizing: border-box;
    padding: 0 var(--_space);
    gap: 0.5rem;
    font-size: 0.88rem;
  }
  .row > * {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='header-row'] {
    background: var(--sending-log-table-header-background);
    font-weight: 600;
    font-size: 0.8rem;
    min-height: 2.2rem;
    border-bottom: 1px solid var(--_border);
  }
  [part='viewport'] {
    height: var(--sending-log-table-height);
    overflow-y: auto;
    position: relative;
    contain: strict;
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
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part='address']:focus-visible {
    outline: 2px solid var(--_accent);
  }
  [part='empty'] {
    padding: var(--_space);
    color: var(--_muted);
  }
  dialog {
    min-width: 20rem;
    max-width: 40rem;
  }
  dialog ul {
    padding-inline-start: 1.2rem;
  }
`;
