/**
 * The "Connect to a relay" control of the showcase and the sidebar: the relay's address and reader
 * token, connect and disconnect, and the feed's state as it goes. The address and token are kept
 * for this tab (sessionStorage), and a feed that was on is resumed after a reload.
 */
import { html, nothing } from 'lit';
import {
  connectFeedback,
  type FeedbackConnection,
  type FeedStatus,
} from '../src/feedback/index.js';
import type { DeliveryStore } from '../src/index.js';

const KEY = 'sendkit-showcase-relay';

interface Saved {
  url: string;
  token: string;
  on: boolean;
}

function saved(): Saved {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Saved> | null;
    return {
      url: typeof value?.url === 'string' ? value.url : 'http://127.0.0.1:8787',
      token: typeof value?.token === 'string' ? value.token : '',
      on: value?.on === true,
    };
  } catch {
    return { url: 'http://127.0.0.1:8787', token: '', on: false };
  }
}

export class RelayControl {
  private connection: FeedbackConnection | null = null;
  private status: FeedStatus | null = null;
  private problem = '';
  private settings = saved();

  constructor(
    private readonly store: DeliveryStore,
    private readonly changed: () => void,
  ) {}

  /** Connects again if the feed was on before the page reloaded. */
  resume(): void {
    if (this.settings.on) this.connect(this.settings.url, this.settings.token);
  }

  connect(url: string, token: string): void {
    void this.disconnect(false);
    this.settings = { url, token, on: true };
    sessionStorage.setItem(KEY, JSON.stringify(this.settings));
    try {
      const connection = connectFeedback(this.store, url, { token });
      connection.addEventListener('feed-status', () => {
        this.status = connection.status;
        this.changed();
      });
      this.connection = connection;
      this.status = connection.status;
      this.problem = '';
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
    this.changed();
  }

  async disconnect(forget = true): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (forget) {
      this.settings = { ...this.settings, on: false };
      sessionStorage.setItem(KEY, JSON.stringify(this.settings));
    }
    await connection?.close();
    this.status = null;
    this.changed();
  }

  render() {
    const { status } = this;
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const form = new FormData(event.target as HTMLFormElement);
      this.connect(String(form.get('url') ?? ''), String(form.get('token') ?? ''));
    };
    return html`<section class="card" aria-labelledby="relay-title">
      <h2 id="relay-title">Connect to a relay</h2>
      <p class="muted">
        Live feedback from a sendkit relay (<code>npm run relay</code>) that receives your
        providers' webhooks. Start it with this page's origin in <code>--origins</code>.
      </p>
      <form class="row" @submit=${submit}>
        <label
          >Relay URL
          <input id="relay-url" name="url" type="url" required .value=${this.settings.url}
        /></label>
        <label
          >Reader token
          <input
            id="relay-token"
            name="token"
            type="password"
            required
            autocomplete="off"
            .value=${this.settings.token}
        /></label>
        <button id="relay-connect" type="submit">
          ${this.connection ? 'Reconnect' : 'Connect'}
        </button>
        <button
          id="relay-disconnect"
          type="button"
          ?disabled=${!this.connection}
          @click=${() => this.disconnect()}
        >
          Disconnect
        </button>
      </form>
      ${this.problem ? html`<p class="message" role="alert">${this.problem}</p>` : nothing}
      <p id="relay-status" role="status">
        ${
          status
            ? html`${status.state}${status.behind > 0 ? ` (behind by ${status.behind.toLocaleString()})` : ''}
              · position ${status.seq.toLocaleString()} · ${status.applied.toLocaleString()}
              applied, ${status.duplicates.toLocaleString()} duplicates,
              ${status.unmatched.toLocaleString()} unmatched
              ${status.error ? html`<br />${status.error}` : nothing}`
            : 'Not connected.'
        }
      </p>
    </section>`;
  }
}
