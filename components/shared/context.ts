/**
 * One provider for a page or the sidebar: the store, the delivery shown and the current user,
 * handed to every sendkit element below it. Properties set on an element win over context.
 *
 * Context keys are strings, shared by name, so a provider made by one copy of the kit reaches
 * elements defined by another copy on the same page. One ContextRoot per document (also shared
 * by name) answers elements that asked before their provider existed.
 */
import { ContextProvider, ContextRoot, createContext } from '@lit/context';
import type { SendkitStore, User } from '../../src/index.js';

export const storeContext = createContext<SendkitStore | undefined>('sendkit-store');
export const deliveryIdContext = createContext<string | undefined>('sendkit-delivery-id');
export const userContext = createContext<User | undefined>('sendkit-user');

export interface SendkitScope {
  store?: SendkitStore;
  deliveryId?: string;
  user?: User;
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
  ensureContextRoot();
  const known = providersOf().get(host);
  if (known) {
    known.set(scope);
    return known;
  }
  const store = new ContextProvider(host, { context: storeContext, initialValue: scope.store });
  const deliveryId = new ContextProvider(host, {
    context: deliveryIdContext,
    initialValue: scope.deliveryId,
  });
  const user = new ContextProvider(host, { context: userContext, initialValue: scope.user });
  // On a plain element a provider is not a controller: announce it by hand, so the ContextRoot
  // replays the requests of elements that asked before it existed.
  for (const provider of [store, deliveryId, user]) provider.hostConnected();
  const provider: SendkitProvider = {
    set(next) {
      if ('store' in next) store.setValue(next.store);
      if ('deliveryId' in next) deliveryId.setValue(next.deliveryId);
      if ('user' in next) user.setValue(next.user);
    },
  };
  providersOf().set(host, provider);
  return provider;
}
