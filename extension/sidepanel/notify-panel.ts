/** Which alerts become browser notifications: a setting of the extension, changed here. */
import { html } from 'lit';
import type { AlertKind } from '../../src/index.js';
import { ALERT_KINDS } from '../../src/rules/index.js';

const KIND_LABELS: Record<AlertKind, string> = {
  finished: 'A delivery finished',
  failed: 'A delivery failed',
  'guard-paused': 'The reputation guard paused a delivery',
  'awaiting-confirmation': 'An occurrence waits for confirmation',
  'validity-ending': 'A validity period ends with messages still retried',
};

export function notifyPanel(kinds: readonly AlertKind[], onChange: (kinds: AlertKind[]) => void) {
  const changed = (event: Event) => {
    const data = new FormData((event.target as HTMLElement).closest('form')!);
    onChange(ALERT_KINDS.filter((kind) => data.get(kind) === 'on'));
  };
  return html`<details class="card" id="notify-settings">
    <summary>Notifications</summary>
    <form @change=${changed} @submit=${(event: Event) => event.preventDefault()}>
      <fieldset>
        <legend>Notify me when</legend>
        ${ALERT_KINDS.map(
          (kind) =>
            html`<label class="check"
              ><input type="checkbox" name=${kind} .checked=${kinds.includes(kind)} />
              ${KIND_LABELS[kind]}</label
            >`,
        )}
      </fieldset>
    </form>
  </details>`;
}
