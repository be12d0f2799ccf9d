/**
 * The base of the sendkit elements: where the store, the delivery and the user come from
 * (properties first, a provideSendkit() context second), a ReadController that keeps the element's
 * data fresh and its read status, the locale and heading level, and the shared states in words
 * (no store, no delivery, loading, not found, read error, no user, read-only).
 */
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import {
  fillTemplate,
  isSendkitStore,
  type DeliveryAlert,
  type SendkitStore,
  type User,
} from '../../src/index.js';
import { readUser } from '../../src/rules/index.js';
import { labelSetOf, type ElementTag, type KitLabels } from '../locales/kit-labels.js';
import {
  deliveryIdContext,
  ensureContextRoot,
  labelsContext,
  localeContext,
  storeContext,
  userContext,
} from './context.js';
import { ActionErrorEvent, type DeliveryAction } from './events.js';
import { localeOf, validLocale } from './format.js';
import { withDefaults, type CommonLabels, type LabelOverrides } from './labels.js';
import { unwatchPageLang, watchPageLang } from './lang-watch.js';
import { ReadController, type ReadSource } from './read-controller.js';

/** Who may act: a valid user, or why there is none (in the element's words). */
export type Actor = { readonly user: User } | { readonly problem: string };

export abstract class SendkitElement<T = unknown> extends LitElement {
  // Reactive properties are declared here rather than with decorators: the same contract in
  // less code, which keeps the kit inside its size budget.
  static override properties: PropertyDeclarations = {
    store: { attribute: false },
    deliveryId: { attribute: 'delivery-id' },
    user: { attribute: false },
    locale: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    busy: { state: true },
    actionError: { state: true },
  };

  /** The delivery store. Falls back to the one a `provideSendkit()` ancestor provides. */
  store: SendkitStore | undefined;

  /** Id of the delivery shown. Falls back to the provided one. */
  deliveryId: string | undefined;

  /** The current user and roles. Falls back to the provided one. */
  user: User | undefined;

  /**
   * Locale for texts (English, French and German are shipped), numbers and dates. Default: the
   * scope's (provideSendkit), then the closest `lang` attribute (the element's, up to the
   * document's, whose changes re-render), then the browser's. An invalid value falls back.
   */
  locale: string | undefined;

  /** Level (1–6) of the element's own heading, so it fits the host page's outline. Default 2. */
  headingLevel = 2;

  private readonly provided = {
    store: new ContextConsumer(this, { context: storeContext, subscribe: true }),
    deliveryId: new ContextConsumer(this, { context: deliveryIdContext, subscribe: true }),
    user: new ContextConsumer(this, { context: userContext, subscribe: true }),
    locale: new ContextConsumer(this, { context: localeContext, subscribe: true }),
    labels: new ContextConsumer(this, { context: labelsContext, subscribe: true }),
  };

  protected readonly reader = new ReadController<T>(
    this,
    () => ({ store: this.activeStore, deliveryId: this.activeDeliveryId }),
    (source) => this.read(source),
    (error) => this.dispatchEvent(new ActionErrorEvent('read', error)),
    (alert) => this.alerted(alert),
  );

  /** An alert of this element's delivery: elements that announce alerts fire an event here. */
  protected alerted(_alert: DeliveryAlert): void {}

  /** What the last successful read gave, while it is current; undefined otherwise. */
  protected get data(): T | undefined {
    return this.reader.status === 'ready' ? this.reader.value : undefined;
  }

  override connectedCallback(): void {
    // Before the context requests go out: a provider made later still answers them.
    ensureContextRoot();
    super.connectedCallback();
    watchPageLang(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchPageLang(this);
  }

  /**
   * The element's texts: the set of its locale's language (English, French, German), then the
   * scope's `labels` for its tag, then its own `labels`, each overriding key by key.
   */
  protected texts<Tag extends ElementTag>(
    tag: Tag,
    own: LabelOverrides<KitLabels[Tag]>,
  ): KitLabels[Tag] {
    const base = labelSetOf(this.resolvedLocale)[tag];
    const scoped = this.provided.labels.value?.[tag] as LabelOverrides<KitLabels[Tag]> | undefined;
    const page = scoped ? withDefaults(base, scoped, this.localName) : base;
    return withDefaults(page, own, this.localName);
  }

  /** The store given (property, then context), if it is one: anything else counts as none. */
  protected get activeStore(): SendkitStore | undefined {
    const given: unknown = this.store ?? this.provided.store.value;
    return isSendkitStore(given) ? given : undefined;
  }

  protected get activeDeliveryId(): string | undefined {
    return this.deliveryId || this.provided.deliveryId.value || undefined;
  }

  /** The user who acts, checked by the model's own rule (readUser), or why there is none. */
  protected actor(text: CommonLabels): Actor {
    const given = this.user ?? this.provided.user.value;
    if (given === undefined || given === null) return { problem: text.noUser };
    try {
      return { user: readUser(given) };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { problem: fillTemplate(text.invalidUser, { message: detail }) };
    }
  }

  /** The element's `locale`, else the scope's, else the closest `lang`, else the browser's. */
  protected get resolvedLocale(): string | undefined {
    return localeOf(this, validLocale(this.locale) ?? this.provided.locale.value);
  }

  /** The heading level for a heading `depth` levels below the element's own (1–6). */
  protected level(depth = 0): number {
    const base = Number.isInteger(this.headingLevel) ? this.headingLevel : 2;
    return Math.min(6, Math.max(1, base + depth));
  }

  /** A heading at the element's level (role heading: the host page decides the outline). */
  protected heading(text: string, id: string, depth = 0): TemplateResult {
    return html`<div role="heading" aria-level=${this.level(depth)} id=${id} class="heading">
      ${text}
    </div>`;
  }

  /**
   * What to show instead of the data while there is none: no store, no delivery, loading, a
   * delivery that does not exist, a read that failed. `nothing` once the data is there.
   */
  protected readState(text: CommonLabels): TemplateResult | typeof nothing {
    const { status, error } = this.reader;
    if (status === 'ready') return nothing;
    if (!this.activeStore) {
      const given: unknown = this.store ?? this.provided.store.value;
      const words = given === undefined || given === null ? text.noStore : text.invalidStore;
      return html`<p part="notice" class="notice">${words}</p>`;
    }
    if (!this.activeDeliveryId) return html`<p part="notice" class="notice">${text.noDelivery}</p>`;
    if (status === 'loading' || status === 'idle')
      return html`<p part="notice" class="notice" aria-busy="true">${text.loading}</p>`;
    const notFound = (error as { code?: unknown } | null)?.code === 'not-found';
    const message = notFound
      ? fillTemplate(text.notFound, { id: this.activeDeliveryId })
      : fillTemplate(text.readError, { message: error?.message ?? '' });
    return html`<p part="notice" class="notice error" role="alert">${message}</p>`;
  }

  /**
   * Resolves when the element's action, if one runs, is done, and the element has read and
   * rendered the store's latest committed state (the store announces changes one task after
   * they commit, hence the task's wait). A shared delivery's action waits for its relay.
   */
  async settled(): Promise<void> {
    await this.acting;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.reader.idle;
    await this.updateComplete;
  }

  /** An action of the element is running: its controls are disabled meanwhile. */
  protected busy = false;

  /** The last action's error message, shown (and announced) by the element. */
  protected actionError = '';

  /**
   * Runs one user action: busy while it runs, its error shown and fired as `sendkit-error`,
   * and a fresh read afterwards whatever happened.
   */
  protected runAction(action: DeliveryAction, work: () => Promise<void>): Promise<void> {
    this.acting = this.running(action, work);
    return this.acting;
  }

  /** The action running, if any (settled waits for it). */
  private acting: Promise<void> = Promise.resolve();

  private async running(action: DeliveryAction, work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.actionError = '';
    try {
      await work();
    } catch (error) {
      const event = new ActionErrorEvent(action, error);
      this.actionError = event.error.message;
      this.dispatchEvent(event);
    } finally {
      this.busy = false;
      this.reader.schedule();
    }
  }

  /** Reads what the element shows (at most once per frame); throws when the read fails. */
  protected abstract read(source: ReadSource): Promise<T>;
}
