/**
 * One provider for a page or the sidebar: the store, the delivery shown, the current user, and
 * the locale and texts, handed to every sendkit element below it. Properties set on an element win over context.
 *
 * Context keys are strings, shared by name, so a provider made by one copy of the kit reaches
 * elements defined by another copy on the same page. One ContextRoot per document (also shared
 * by name) answers elements that asked before their provider existed.
 */
import { ContextProvider, ContextRoot, createContext } from '@lit/context';
import { InputError, type SendkitStore, type User } from '../../src/index.js';
import type { PageLabels } from '../locales/kit-labels.js';

export const storeContext = createContext<SendkitStore | undefined>('sendkit-store');
export const deliveryIdContext = createContext<string | undefined>('sendkit-delivery-id');
export const userContext = createContext<User | undefined>('sendkit-user');
export const localeContext = createContext<string | undefined>('sendkit-locale');
export const labelsContext = createContext<PageLabels | undefined>('sendkit-labels');

export interface SendkitScope {
  store?: SendkitStore;
  deliveryId?: string;
  user?: User;
  /** The locale of the elements below (a BCP 47 tag); an element's own `locale` wins. */
  locale?: string;
  /** Texts for the elements below, by tag, over their language's set; an element's own win. */
  labels?: PageLabels;
}

export interface SendkitProvider {
  /** Changes what the elements below see; they re-render. */
  set(scope: SendkitScope): void;
}

const ROOT_KEY = Symbol.for('sendkit.context-root');
const PROVIDERS_KEY = Symbol.for('sendkit.providers');

type Holder = Record<symbol, unknown>;

/**
 * Attaches the document's ContextRoot once for every copy of the kit: elements call this as they
 * connect, so their requests are remembered until a provider appears.
 */
export function ensureContextRoot(): void {
  const holder = document as unknown as Holder;
  if (holder[ROOT_KEY]) return;
  const root = new ContextRoot();
  root.attach(document.documentElement);
  holder[ROOT_KEY] = root;
}

function providersOf(): WeakMap<HTMLElement, SendkitProvider> {
  const holder = document as unknown as Holder;
  holder[PROVIDERS_KEY] ??= new WeakMap<HTMLElement, SendkitProvider>();
  return holder[PROVIDERS_KEY] as WeakMap<HTMLElement, SendkitProvider>;
}

/**
 * Provides the scope to every sendkit element inside `host` (any connected element, e.g.
 * `document.body` or a React ref), including elements already in the page. Calling it again on
 * the same host updates that provider.
 */
export function provideSendkit(host: HTMLElement, scope: SendkitScope = {}): SendkitProvider {
  if (!isElement(host)) throw new InputError('host', 'an element of the page');
  const given = readScope(scope);
  ensureContextRoot();
  const known = providersOf().get(host);
  if (known) {
    known.set(given);
    return known;
  }
  const store = new ContextProvider(host, { context: storeContext, initialValue: given.store });
  const deliveryId = new ContextProvider(host, {
    context: deliveryIdContext,
    initialValue: given.deliveryId,
  });
  const user = new ContextProvider(host, { context: userContext, initialValue: given.user });
  const locale = new ContextProvider(host, { context: localeContext, initialValue: given.locale });
  const labels = new ContextProvider(host, { context: labelsContext, initialValue: given.labels });
  // On a plain element a provider is not a controller: announce it by hand, so the ContextRoot
  // replays the requests of elements that asked before it existed.
  for (const provider of [store, deliveryId, user, locale, labels]) provider.hostConnected();
  const provider: SendkitProvider = {
    set(next) {
      const changes = readScope(next);
      if ('store' in changes) store.setValue(changes.store);
      if ('deliveryId' in changes) deliveryId.setValue(changes.deliveryId);
      if ('user' in changes) user.setValue(changes.user);
      if ('locale' in changes) locale.setValue(changes.locale);
      if ('labels' in changes) labels.setValue(changes.labels);
    },
  };
  providersOf().set(host, provider);
  return provider;
}

const SCOPE_KEYS = ['store', 'deliveryId', 'user', 'locale', 'labels'] as const;

/**
 * The scope's entries, read once (a page may pass anything): a key present, even as undefined,
 * is kept, so `set({ user: undefined })` signs the user out. What each value is, the elements
 * check as they use it.
 */
function readScope(scope: unknown): SendkitScope {
  if (scope === undefined || scope === null) return {};
  const refused = new InputError('scope', 'an object with store, deliveryId, user, locale, labels');
  if (typeof scope !== 'object') throw refused;
  try {
    const copy: Record<string, unknown> = {};
    for (const key of SCOPE_KEYS) if (key in scope) copy[key] = (scope as SendkitScope)[key];
    return copy as SendkitScope;
  } catch {
    throw refused;
  }
}

function isElement(value: unknown): value is HTMLElement {
  try {
    return value instanceof Element;
  } catch {
    return false;
  }
}
