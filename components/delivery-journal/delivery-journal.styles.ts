import { css } from 'lit';

export const deliveryJournalStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --delivery-journal-header-background: var(--_raised);
    --delivery-journal-guard: var(--_danger);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    font-size: 0.85rem;
  }
  .tools label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .scroll {
    overflow-x: auto;
    margin-top: 0.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.85rem;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.3rem 0.5rem;
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  thead th {
    background: var(--delivery-journal-header-background);
  }
  tbody th {
    font-weight: 600;
  }
  tr[data-action^='guard-'] th {
    border-inline-start: 4px solid var(--delivery-journal-guard);
  }
  .empty {
    color: var(--_muted);
  }
  @container (max-width: 30rem) {
    table,
    thead,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    tr {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-bottom: 0.5rem;
      padding: 0.25rem 0;
    }
    th,
    td {
      border: 0;
      padding: 0.15rem 0.5rem;
    }
    tbody tr {
      display: flex;
      flex-direction: column;
    }
    tbody th {
      order: -1;
    }
    td::before {
      content: attr(data-label);
      display: block;
      font-size: 0.75rem;
      color: var(--_muted);
    }
    td.details:empty {
      display: none;
    }
  }
`;
