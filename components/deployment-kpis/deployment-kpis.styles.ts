import { css } from 'lit';

export const deploymentKpisStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --deployment-kpis-background: var(--_surface);
    --deployment-kpis-tile-background: var(--_raised);
    --deployment-kpis-bar-color: var(--_accent);
    --deployment-kpis-bar-track: var(--_border);
  }
  [part='base'] {
    background: var(--deployment-kpis-background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  [part='state'] {
    margin: 0.5rem 0;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  [part='guard'] {
    margin: 0.5rem 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_danger);
    background: var(--_raised);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  [part='guard'] p {
    margin: 0.25rem 0;
  }
  [part='progress'] {
    height: 0.5rem;
    border-radius: 999px;
    background: var(--deployment-kpis-bar-track);
  }
  [part='progress-bar'] {
    height: 100%;
    max-width: 100%;
    border-radius: inherit;
    background: var(--deployment-kpis-bar-color);
    transition: width 0.2s;
  }
  @media (prefers-reduced-motion: reduce) {
    [part='progress-bar'] {
      transition: none;
    }
  }
  [part='pace'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0.5rem 0 0;
    font-size: 0.85rem;
  }
  [part='pace'] dd {
    font-size: inherit;
    font-weight: 600;
  }
  [part='pace-notice'] {
    margin: 0.5rem 0 0;
    font-size: 0.85rem;
    overflow-wrap: anywhere;
  }
  [part='pace-notice'].warning {
    padding-inline-start: 0.5rem;
    border-inline-start: 3px solid var(--_danger);
  }
  [part='tiles'] {
    display: grid;
    /* auto-fit: at a wide width the six tiles share it all, with no empty tracks after them. */
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    gap: 0.5rem;
    margin: var(--_space) 0 0;
  }
  [part='tile'] {
    background: var(--deployment-kpis-tile-background);
    border-radius: var(--_radius);
    padding: 0.6rem 0.75rem;
    margin: 0;
    min-width: 0;
    /* Label and value on the rows of the tiles' grid: a label on two lines (Bounces + errors in a
       narrow tile) moves every value in its row alike, so the values stay in line. */
    display: grid;
    grid-row: span 2;
    grid-template-rows: subgrid;
    row-gap: 0;
    align-content: start;
  }
  [data-band='at-risk'] .band {
    color: var(--_danger);
  }
  [data-band='harmful'] {
    box-shadow: inset 3px 0 0 var(--_danger);
  }
  [data-band='harmful'] .band {
    color: var(--_danger);
    font-weight: 600;
  }
  dt {
    font-size: 0.8rem;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  dd {
    margin: 0.2rem 0 0;
    font-size: 1.35rem;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .count {
    display: block;
    font-size: 0.8rem;
    font-weight: 400;
    color: var(--_muted);
  }
  footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-top: var(--_space);
    font-size: 0.85rem;
    color: var(--_muted);
  }
  footer [part='refreshed'] {
    flex: 1 1 12rem;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part='message'] {
    flex-basis: 100%;
    margin: 0;
  }
  [part='error']:empty {
    display: none;
  }
  @container (max-width: 30rem) {
    [part='tiles'] {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    dd {
      font-size: 1.15rem;
    }
  }
`;
