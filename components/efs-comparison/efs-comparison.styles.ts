import { css } from 'lit';

export const efsComparisonStyles = css`
  :host {
    display: block;
    --efs-comparison-header-background: var(--_raised);
    --efs-comparison-highlight: light-dark(#fff4cc, #4a3f10);
  }
  [part='base'] {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  h2,
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1.05rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.88rem;
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
  tr.current td {
    background: var(--efs-comparison-highlight);
  }
  [part='live'] dl {
    display: grid;
    grid-template-columns: repeat(2, minmax(10rem, 1fr));
    gap: 0.5rem;
    margin: 0;
  }
  [part='live'] dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
`;
