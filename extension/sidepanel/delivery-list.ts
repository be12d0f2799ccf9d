/** The deliveries of a store, newest first, with their state and Delivered %: pick one to show. */
import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { Delivery, Indicators } from '../../src/index.js';
import { stateLabel } from '../../src/rules/index.js';

export interface ListedDelivery {
  readonly delivery: Delivery;
  readonly indicators: Indicators | null;
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export function deliveryList(
  listed: readonly ListedDelivery[],
  selected: string | null,
  onSelect: (id: string) => void,
  empty: string,
) {
  if (listed.length === 0) return html`<p class="muted" id="no-deliveries">${empty}</p>`;
  return html`<ul class="deliveries" aria-label="Deliveries">
    ${listed.map(
      ({ delivery, indicators }) =>
        html`<li>
          <button
            type="button"
            class=${classMap({ delivery: true, selected: delivery.id === selected })}
            aria-pressed=${delivery.id === selected ? 'true' : 'false'}
            data-id=${delivery.id}
            @click=${() => onSelect(delivery.id)}
          >
            <span class="label">${delivery.label}</span>
            <span class="state">${stateLabel(delivery.state, indicators?.retrying ?? 0)}</span>
            ${
              indicators
                ? html`<span class="delivered"
                    >${percent.format(indicators.deliveredPercent / 100)} delivered</span
                  >`
                : nothing
            }
          </button>
        </li>`,
    )}
  </ul>`;
}
