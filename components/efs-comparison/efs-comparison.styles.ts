import { css } from 'lit';

export const efsComparisonStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --efs-comparison-header-background: var(--_raised);
    --efs-comparison-highlight: light-dark(#fff4cc, #4a3f10);
  }
  [part='base'] {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  section {
    min-width: 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.88rem;
    overflow-wrap: break-word;
    hyphens: auto;
  }
  table + table {
    margin-top: var(--_space);
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.4rem 0.6rem;
    text-align: start;
    vertical-align: top;
  }
  thead th {
    background: var(--efs-comparison-header-background);
  }
  ul {
    margin: 0;
    padding-inline-start: 1rem;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-bottom: 0.5rem;
  }
  .controls label {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    flex: 1 1 14rem;
    min-width: 0;
  }
  .controls select {
    flex: 1 1 10rem;
    min-width: 0;
  }
  tr.current td {
    background: var(--efs-comparison-highlight);
  }
  [part='live'] dl {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.5rem;
    margin: 0;
  }
  [part='live'] dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  /* A narrow container (a sidebar): each row stacked, cell by cell, each cell labelled. */
  @container (max-width: 40rem) {
    table,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    thead {
      display: none;
    }
    tbody tr {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-bottom: 0.5rem;
    }
    .walk tbody tr {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    th,
    td {
      border: 0;
    }
    tbody th {
      grid-column: 1 / -1;
      background: var(--efs-comparison-header-background);
    }
    td::before {
      content: attr(data-label);
      display: block;
      font-size: 0.75rem;
      color: var(--_muted);
    }
    [part='live'] dl {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
