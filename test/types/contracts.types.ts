/**
 * Type-level tests of the typed contracts: the database schema, the element tag map and the
 * event map. Checked by `npm run typecheck` (a wrong contract fails to compile); nothing runs.
 */
import type {
  ConfirmedEvent,
  ConfirmRequestEvent,
  DeploymentKpis,
  SendingLogTable,
} from '../../components/index.js';
import type {
  AddressChunk,
  DeliveryRecord,
  SendkitDB,
  StateChunk,
} from '../../src/store/schema.js';

type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type Contracts = [
  Assert<Equals<SendkitDB['deliveries']['key'], string>>,
  Assert<Equals<SendkitDB['deliveries']['value'], DeliveryRecord>>,
  Assert<Equals<SendkitDB['deliveries']['indexes']['byParent'], string>>,
  Assert<Equals<SendkitDB['stateChunks']['key'], [string, number]>>,
  Assert<Equals<SendkitDB['stateChunks']['value'], StateChunk>>,
  Assert<Equals<SendkitDB['addressChunks']['value'], AddressChunk>>,
  Assert<Equals<StateChunk['mask'], Uint8Array>>,
  Assert<Equals<HTMLElementTagNameMap['deployment-kpis'], DeploymentKpis>>,
  Assert<Equals<HTMLElementTagNameMap['sending-log-table'], SendingLogTable>>,
  Assert<Equals<GlobalEventHandlersEventMap['sendkit-confirm-request'], ConfirmRequestEvent>>,
  Assert<Equals<GlobalEventHandlersEventMap['sendkit-confirmed'], ConfirmedEvent>>,
];

// A listener gets the typed event, with its fields.
export function typedListener(element: HTMLElementTagNameMap['confirm-send-button']): void {
  element.addEventListener('sendkit-confirmed', (event) => {
    const state: string = event.delivery.state;
    void state;
  });
  // @ts-expect-error the request event has no `delivery`
  element.addEventListener('sendkit-confirm-request', (event) => event.delivery);
}
