/**
 * The pace of a paced send in the Deployment block: planned and actual rates, the expected end,
 * the wait for its sending window, and a warning when the pace ends the send after its validity.
 * Computed from the same rule the sender follows (rules/pace.ts paceProgress).
 */
import { html, nothing } from 'lit';
import { fillTemplate, type Delivery, type Indicators } from '../../src/index.js';
import { paceProgress } from '../../src/rules/index.js';
import { formatCount, formatDate, formatWeekdayTime } from '../shared/format.js';
import type { DeploymentLabels } from './deployment-kpis.labels.js';

export function paceSummary(
  delivery: Delivery,
  indicators: Indicators,
  now: number,
  text: DeploymentLabels,
  locale: string | undefined,
) {
  const progress = paceProgress(delivery, indicators, now);
  if (!progress) return nothing;
  const rate = (value: number) =>
    fillTemplate(text.perHour, { rate: formatCount(Math.round(value), locale) });
  const warming = progress.currentPerHour < progress.plannedPerHour;
  const zone = delivery.pace?.window?.timeZone ?? 'UTC';
  return html`<dl part="pace">
      <div>
        <dt>${text.pacePlanned}</dt>
        <dd>
          ${rate(progress.plannedPerHour)}${
            warming
              ? html` (${fillTemplate(text.paceWarmingUp, {
                  rate: formatCount(Math.round(progress.currentPerHour), locale),
                })})`
              : nothing
          }
        </dd>
      </div>
      <div>
        <dt>${text.paceActual}</dt>
        <dd>${rate(progress.actualPerHour)}</dd>
      </div>
      ${
        progress.expectedEndAt === null
          ? nothing
          : html`<div>
              <dt>${text.expectedEnd}</dt>
              <dd>${formatDate(progress.expectedEndAt, locale)}</dd>
            </div>`
      }
    </dl>
    ${
      progress.waitingUntil === null
        ? nothing
        : html`<p part="pace-notice">
            ${fillTemplate(text.paceWaiting, {
              time: formatWeekdayTime(progress.waitingUntil, zone, locale),
            })}
          </p>`
    }
    ${
      progress.endsAfterValidity
        ? html`<p part="pace-notice" class="warning">
            ${fillTemplate(text.paceAfterValidity, { time: formatDate(delivery.endsAt, locale) })}
          </p>`
        : nothing
    }`;
}
