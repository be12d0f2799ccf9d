import { css } from 'lit';

export const deliveryBreakdownStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --delivery-breakdown-header-background: var(--_raised);
    --delivery-breakdown-healthy: var(--_success);
    --delivery-breakdown-at-risk: light-dark(#8a5300, #ffb454);
    --delivery-breakdown-harmful: var(--_danger);
  }
  .table-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
    margin-top: var(--_space);
  }
  .scroll {
    overflow-x: auto;
    margin-top: 0.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.85rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.3rem 0.5rem;
    text-align: start;
  }
  tbody th {
    overflow-wrap: anywhere;
  }
  td.count,
  td.percent,
  th.count,
  th.percent {
    text-align: end;
  }
  thead th {
    background: var(--delivery-breakdown-header-background);
    padding: 0;
    vertical-align: bottom;
  }
  thead button {
    width: 100%;
    border: 0;
    border-radius: 0;
    background: transparent;
    padding: 0.3rem 0.5rem;
    font-weight: 600;
    text-align: inherit;
  }
  .arrow {
    display: inline-block;
    min-width: 1em;
    font-size: 0.7em;
  }
  .band {
    display: inline-block;
    margin-inline-start: 0.25rem;
    padding: 0 0.35rem;
    border-radius: 999px;
    font-size: 0.75rem;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .band[data-band='healthy'] {
    color: var(--delivery-breakdown-healthy);
  }
  .band[data-band='at-risk'] {
    color: var(--delivery-breakdown-at-risk);
  }
  .band[data-band='harmful'] {
    color: var(--delivery-breakdown-harmful);
    font-weight: 600;
  }
  .empty {
    color: var(--_muted);
  }
  .legend {
    margin-top: var(--_space);
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .legend ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.2rem;
  }
  /* A narrow container (a sidebar, a phone): one card per row, each figure labelled. */
  @container (max-width: 40rem) {
    table,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    thead tr {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-bottom: 0.5rem;
    }
    thead th {
      display: block;
      border-radius: var(--_radius);
    }
    thead button {
      padding: 0.2rem 0.5rem;
      font-weight: 400;
      font-size: 0.8rem;
    }
    tbody tr {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-bottom: 0.5rem;
    }
    th,
    td,
    td.count,
    td.percent {
      border: 0;
      text-align: start;
    }
    tbody th {
      grid-column: 1 / -1;
      background: var(--delivery-breakdown-header-background);
    }
    td::before {
      content: attr(data-label);
      display: block;
      font-size: 0.75rem;
      color: var(--_muted);
    }
  }
`;
