/**
 * The "Connect to a relay" control of the showcase and the sidebar: the relay's address and the
 * user's credential (or the relay's reader token), connect and disconnect, and the connection's
 * state as it goes. Connected, this store is a replica of the relay's shared deliveries (they
 * appear in its list, and their actions go to the relay with the credential) and follows its
 * provider feedback. The address and credential are kept for this tab (sessionStorage), and a
 * connection that was on is resumed after a reload.
 */
import { html, nothing } from 'lit';
import type { FeedStatus } from '../src/feedback/index.js';
import type { DeliveryStore } from '../src/index.js';
import { connectRelay, type RelayConnection } from '../src/replication/index.js';

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

/** A signed credential (header.payload.signature) rather than the relay's reader token. */
const isCredential = (text: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(text);

export class RelayControl {
  private connection: RelayConnection | null = null;
  private status: FeedStatus | null = null;
  private problem = '';
  /** Who acts, said in words, when the page's backend gives the credentials. */
  private actingAs = '';
  private settings = saved();

  constructor(
    private readonly store: DeliveryStore,
    private readonly changed: () => void,
    /** Asked first, from the user's gesture (the sidebar asks for the relay's host permission). */
    private readonly mayConnect: (url: string) => Promise<boolean> = async () => true,
  ) {}

  /** Connects again if the feed was on before the page reloaded. */
  resume(): void {
    if (this.settings.on) this.connect(this.settings.url, this.settings.token);
  }

  /** Connected to a relay: deliveries are shared by default. */
  get connected(): boolean {
    return this.connection !== null;
  }

  /** The relay runs a simulated MTA: shared deliveries may be created with its rates. */
  simulates = false;

  /** What createDelivery is given for a new delivery with these simulation rates. */
  creation<R>(rates: R): { simulation?: R } {
    return this.connected && this.simulates ? { simulation: rates } : {};
  }

  /**
   * Connects with a credential or the reader token, kept for the tab; or with a function giving
   * credentials (a page whose backend signs them), which nothing keeps.
   */
  connect(url: string, token: string | (() => Promise<string>), actingAs = ''): void {
    void this.disconnect(false);
    this.actingAs = actingAs;
    if (typeof token === 'string') {
      this.settings = { url, token, on: true };
      sessionStorage.setItem(KEY, JSON.stringify(this.settings));
    }
    try {
      const connection = connectRelay(
        this.store,
        url,
        typeof token === 'function' || isCredential(token) ? { credential: token } : { token },
      );
      connection.addEventListener('feed-status', () => {
        this.status = connection.status;
        this.changed();
      });
      this.connection = connection;
      this.status = connection.status;
      this.problem = '';
      void this.readHealth(url);
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
    this.changed();
  }

  private async readHealth(url: string): Promise<void> {
    const health = await fetch(`${url.replace(/\/+$/, '')}/health`)
      .then((response) => response.json() as Promise<{ simulates?: unknown }>)
      .catch(() => null);
    this.simulates = health?.simulates === true;
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
      const url = String(form.get('url') ?? '');
      // Asked before anything else awaits: a permission prompt needs the user's gesture.
      void this.mayConnect(url).then((allowed) => {
        if (allowed) this.connect(url, String(form.get('token') ?? ''));
        else {
          this.problem = `No permission to reach ${url}.`;
          this.changed();
        }
      });
    };
    return html`<section class="card" aria-labelledby="relay-title">
      <h2 id="relay-title">Connect to a relay</h2>
      <p class="muted">
        A sendkit relay (<code>npm run relay</code>) shares deliveries between browsers and brings
        your providers' webhooks. With your credential (signed by your portal's backend) you act on
        shared deliveries; with the reader token you watch them. Start the relay with this page's
        origin in <code>--origins</code>.
      </p>
      <form class="row" @submit=${submit}>
        <label
          >Relay URL
          <input id="relay-url" name="url" type="url" required .value=${this.settings.url}
        /></label>
        <label
          >Credential or reader token
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
      ${this.actingAs && this.connection ? html`<p class="muted" id="relay-acting">${this.actingAs}</p>` : nothing}
    </section>`;
  }
}
