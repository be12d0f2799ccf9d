import { css } from 'lit';

export const deliveryTimelineStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --delivery-timeline-relayed: var(--_accent);
    --delivery-timeline-delivered: var(--_success);
    --delivery-timeline-hard: var(--_danger);
    --delivery-timeline-soft: light-dark(#a15c00, #ffb454);
    --delivery-timeline-engagement: light-dark(#6b3fa0, #c9a5ff);
    --delivery-timeline-marker: var(--_muted);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    align-items: center;
    justify-content: space-between;
    font-size: 0.85rem;
  }
  .legend ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.9rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .legend label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .swatch {
    display: inline-block;
    width: 1rem;
    height: 0;
    border-top: 3px solid currentColor;
  }
  .scale {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.25rem 1rem;
    margin-top: 0.5rem;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .scale button {
    font-size: 0.8rem;
    padding: 0.2rem 0.6rem;
  }
  .scale button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: transparent;
  }
  .axis {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    font-size: 0.75rem;
    color: var(--_muted);
    margin-top: 0.2rem;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  @container (max-width: 36rem) {
    .axis .quarter {
      display: none;
    }
  }
  .chart {
    margin-top: 0.25rem;
    border-block-end: 1px solid var(--_border);
    touch-action: none;
    cursor: crosshair;
  }
  .chart:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  svg {
    display: block;
    width: 100%;
    height: 10rem;
  }
  .line {
    fill: none;
    stroke-width: 2;
  }
  .s-relayed {
    color: var(--delivery-timeline-relayed);
    stroke: var(--delivery-timeline-relayed);
  }
  .s-delivered {
    color: var(--delivery-timeline-delivered);
    stroke: var(--delivery-timeline-delivered);
  }
  .s-hardBounces {
    color: var(--delivery-timeline-hard);
    stroke: var(--delivery-timeline-hard);
  }
  .s-softBounces {
    color: var(--delivery-timeline-soft);
    stroke: var(--delivery-timeline-soft);
  }
  .s-opens,
  .s-clicks,
  .s-complaints {
    color: var(--delivery-timeline-engagement);
    stroke: var(--delivery-timeline-engagement);
  }
  .s-clicks {
    stroke-dasharray: 6 3;
    border-top-style: dashed;
  }
  .s-complaints {
    stroke-dasharray: 2 3;
    border-top-style: dotted;
  }
  .marker,
  .pace {
    stroke: var(--delivery-timeline-marker);
    color: var(--delivery-timeline-marker);
    stroke-width: 1;
  }
  .dashed,
  .pace {
    stroke-dasharray: 4 4;
    border-top-style: dashed;
  }
  .cursor {
    stroke: var(--_text);
    stroke-width: 1;
    opacity: 0.6;
  }
  .readout {
    margin: 0.5rem 0 0;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .hint {
    margin: 0.25rem 0 0;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  details {
    margin-top: 0.5rem;
  }
  summary {
    cursor: pointer;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.85rem;
    margin-top: 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.25rem 0.5rem;
    text-align: end;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
  }
  thead th {
    background: var(--_raised);
  }
`;
