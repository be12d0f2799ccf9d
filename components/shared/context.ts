/**
 * One provider for a page or the sidebar: the store, the delivery shown and the current user,
 * handed to every sendkit element below it. Properties set on an element win over context.
 */
import { ContextProvider, createContext } from '@lit/context';
import type { DeliveryStore, User } from '../../src/index.js';

export const storeContext = createContext<DeliveryStore | undefined>(Symbol('sendkit-store'));
export const deliveryIdContext = createContext<string | undefined>(Symbol('sendkit-delivery-id'));
export const userContext = createContext<User | undefined>(Symbol('sendkit-user'));

export interface SendkitScope {
  store?: DeliveryStore;
  deliveryId?: string;
  user?: User;
}

export interface SendkitProvider {
  /** Changes what the elements below see; they re-render. */
  set(scope: SendkitScope): void;
}

/**
 * Provides the scope to every sendkit element inside `host` (any element, e.g. `document.body`).
 * Call it before the elements are upgraded, or they ask before anyone answers.
 */
export function provideSendkit(host: HTMLElement, scope: SendkitScope): SendkitProvider {
  const store = new ContextProvider(host, { context: storeContext, initialValue: scope.store });
  const deliveryId = new ContextProvider(host, {
    context: deliveryIdContext,
    initialValue: scope.deliveryId,
  });
  const user = new ContextProvider(host, { context: userContext, initialValue: scope.user });
  return {
    set(next) {
      if ('store' in next) store.setValue(next.store);
      if ('deliveryId' in next) deliveryId.setValue(next.deliveryId);
      if ('user' in next) user.setValue(next.user);
    },
  };
}
