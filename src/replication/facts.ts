/**
 * The facts of a shared delivery: what a relay's log records of it besides provider events, and
 * what every replica folds in log order (fold.ts). A relay writes them after checking the user's
 * verified roles and the life-cycle table; a replica reads them back field by field
 * (fact-reader.ts).
 *
 * Numbered facts (`n`: the delivery's 1st, 2nd, … life-cycle fact) change its state; a relay
 * appends one only as the number after the last it folded, so two relays deciding at once on one
 * delivery cannot both append (the second is a duplicate of the number, and decides again).
 * Feedback facts carry a relay's placing of provider events (or its simulated MTA's) and are not
 * numbered: they apply in any state that takes feedback.
 */
import type { CheckedInput } from '../store/delivery-input.js';
import { hashEventId } from '../store/event-ids.js';
import type { StoryRates } from '../simulator/stories.js';
import type { ExclusionCause, FeedbackColumns, GuardTrip } from '../types.js';

/** Facts a user's action appends (the life-cycle table's user actions, and Compute stats). */
export const USER_FACTS = {
  created: 'create',
  prepared: 'prepare',
  confirmed: 'confirm',
  paused: 'pause',
  resumed: 'resume',
  stopped: 'stop',
  rescheduled: 'reschedule',
  deleted: 'delete',
  'stats-computed': 'compute-stats',
} as const;
export type UserFactType = keyof typeof USER_FACTS;
/** What a relay's `POST /actions` takes: an action per user fact. */
export type SharedAction = (typeof USER_FACTS)[UserFactType];
export const SHARED_ACTIONS = Object.values(USER_FACTS) as readonly SharedAction[];

/** Facts the relay appends on its own, from time and counts. */
export const SYSTEM_FACTS = [
  'occurrence',
  'started',
  'guard-paused',
  'finished',
  'validity-ended',
  'refreshed',
] as const;
export type SystemFactType = (typeof SYSTEM_FACTS)[number];

export type FactType = UserFactType | SystemFactType | 'feedback';

/** A shared delivery's recipients: generated test profiles, or a list stored by its hash. */
export type SharedAudience =
  { readonly generated: number } | { readonly list: string; readonly count: number };

/** A new shared delivery, as checked (the fields of createDelivery's input) and stored. */
export interface SharedDefinition extends Omit<CheckedInput, 'addresses' | 'recipientCount'> {
  readonly audience: SharedAudience;
  /** Rates of the relay's simulated MTA for this delivery; null: a real sender sends it. */
  readonly simulation: Partial<StoryRates> | null;
}

interface FactHead {
  readonly delivery: string;
  /** Model time of the relay when it appended the fact. */
  readonly at: number;
}

interface Numbered extends FactHead {
  /** The delivery's life-cycle fact number, from 1 (its creation). */
  readonly n: number;
  /** The verified user who acted, or `system`. */
  readonly by: string;
}

export type LifecycleFact =
  | (Numbered & { readonly fact: 'created'; readonly definition: SharedDefinition })
  | (Numbered & {
      readonly fact: 'prepared';
      /** Recipients excluded by the relay's address lists, with why (the list's own aside). */
      readonly exclusions: readonly (readonly [number, ExclusionCause])[];
    })
  | (Numbered & {
      /** A recurring delivery's run: its occurrence made and prepared (or grouped into one). */
      readonly fact: 'occurrence';
      readonly exclusions: readonly (readonly [number, ExclusionCause])[];
    })
  | (Numbered & { readonly fact: 'rescheduled'; readonly contactDate: number | null })
  | (Numbered & { readonly fact: 'guard-paused'; readonly trip: GuardTrip })
  | (Numbered & {
      readonly fact: Exclude<
        UserFactType | SystemFactType,
        'created' | 'prepared' | 'occurrence' | 'rescheduled' | 'guard-paused'
      >;
    });

export interface FeedbackFact extends FactHead {
  readonly fact: 'feedback';
  /** What makes a repeat of it the same fact (a provider's event id, or a digest). */
  readonly key: string;
  /** Events as FeedbackColumns' (types and reasons by position), as plain numbers. */
  readonly recipients: readonly number[];
  readonly types: readonly number[];
  readonly times: readonly number[];
  readonly reasons: readonly number[];
  /** The provider's event ids (null where none), so a replayed id counts as a duplicate. */
  readonly ids: readonly (string | null)[] | null;
  /** Addresses a complaint or an unsubscribe put on the denylist. */
  readonly denylist: readonly string[];
}

export type Fact = LifecycleFact | FeedbackFact;

/** The dedupe key of a fact in the log: a numbered fact's is its delivery and number. */
export function factKey(fact: Fact): string {
  return fact.fact === 'feedback' ? fact.key : `fact:${fact.delivery}:${fact.n}`;
}

/** The most events one feedback fact carries (a NATS message's default limit is 1 MB). */
export const MAX_FACT_EVENTS = 20_000;
/** A SHA-256 in hex: how a list is named. */
export const LIST_HASH = /^[0-9a-f]{64}$/;

/** A feedback fact's events as the store's feedback columns, with its provider ids' hashes. */
export function columnsOfFact(fact: FeedbackFact): FeedbackColumns {
  const columns: FeedbackColumns = {
    deliveryId: fact.delivery,
    recipients: Uint32Array.from(fact.recipients),
    types: Uint8Array.from(fact.types),
    at: Float64Array.from(fact.times),
    reasons: Uint8Array.from(fact.reasons),
  };
  if (!fact.ids) return columns;
  const idHashes = new Uint32Array(fact.ids.length * 2);
  fact.ids.forEach((id, index) => {
    if (id !== null) [idHashes[index * 2], idHashes[index * 2 + 1]] = hashEventId(id);
  });
  return { ...columns, idHashes };
}
