/** The showcase's first screen: what to do first, and which step comes next for the delivery. */
import { html } from 'lit';
import type { Delivery } from '../src/index.js';

const STEPS = [
  ['create', 'Create a delivery below: the embedded simulated MTA will send it.'],
  ['prepare', 'Prepare it: targeting, exclusions and the sending logs are computed.'],
  ['confirm', 'Confirm send, then OK (as a user with the Start deliveries role).'],
  ['watch', 'Watch the Deployment block, the sending logs and the comparison move.'],
] as const;

type Step = (typeof STEPS)[number][0];

function nextStep(delivery: Delivery | undefined): Step {
  if (!delivery) return 'create';
  if (delivery.state === 'editing' || delivery.state === 'preparation-error') return 'prepare';
  if (delivery.state === 'prepared') return 'confirm';
  return 'watch';
}

export function startHere(delivery: Delivery | undefined) {
  const next = nextStep(delivery);
  return html`<section class="card" aria-labelledby="start-title">
    <h2 id="start-title">Start here</h2>
    <ol class="steps">
      ${STEPS.map(
        ([step, text]) =>
          html`<li
            class=${step === next ? 'next' : ''}
            aria-current=${step === next ? 'step' : 'false'}
          >
            ${text}
          </li>`,
      )}
    </ol>
    <p class="muted">
      Model time runs one hour per second, so a whole validity period (3.5 days) passes in under a
      minute and a half.
    </p>
  </section>`;
}
