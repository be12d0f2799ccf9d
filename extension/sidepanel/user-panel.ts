/** The current user of the extension (name and roles): a setting, shown and changed here. */
import { html } from 'lit';
import type { Role, User } from '../../src/index.js';
import { ROLES } from '../../src/rules/index.js';

const ROLE_LABELS: Record<Role, string> = {
  'start-deliveries': 'Start deliveries',
  'prepare-deliveries': 'Prepare deliveries',
  workflow: 'Workflow',
};

export function userPanel(user: User | null, onChange: (user: User) => void) {
  const changed = (event: Event) => {
    const form = (event.target as HTMLElement).closest('form')!;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (name === '') return;
    onChange({ name, roles: ROLES.filter((role) => data.get(role) === 'on') });
  };
  return html`<details class="card" id="user-settings">
    <summary>
      User: <strong id="user-name">${user?.name ?? 'none'}</strong>
      <span class="muted"
        >(${user?.roles.map((role) => ROLE_LABELS[role]).join(', ') || 'no roles'})</span
      >
    </summary>
    <form @change=${changed} @submit=${(event: Event) => event.preventDefault()}>
      <label
        >Name <input name="name" autocomplete="off" required .value=${user?.name ?? ''}
      /></label>
      <fieldset>
        <legend>Roles</legend>
        ${ROLES.map(
          (role) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name=${role}
                .checked=${user?.roles.includes(role) ?? false}
              />
              ${ROLE_LABELS[role]}</label
            >`,
        )}
      </fieldset>
    </form>
  </details>`;
}
