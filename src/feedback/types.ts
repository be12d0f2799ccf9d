/** The shapes of real feedback: provider events, parse results and import reports. */
import type { FailureReason, FeedbackEventType } from '../types.js';

export const PROVIDERS = ['ses', 'sendgrid', 'mailgun', 'postmark', 'dsn'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** What a provider's event means for the kit: a feedback event, or a denylist entry. */
export type ProviderEventKind = FeedbackEventType | 'denylist';

/** One provider event, normalised: what it means, for which message, when. */
export interface ProviderEvent {
  readonly provider: ProviderName;
  /** The provider's own id of the event (dedupe across imports and replays), or null. */
  readonly id: string | null;
  readonly kind: ProviderEventKind;
  readonly reason?: FailureReason;
  /** ms since the epoch. */
  readonly at: number;
  readonly address: string | null;
  /** The correlation tags the message carried (correlationTags), where it had them. */
  readonly deliveryId: string | null;
  readonly recipient: number | null;
  /** The provider's message id, for reference. */
  readonly messageId: string | null;
  /** Where it came from: index in a JSON array (from 0), line in NDJSON (from 1), 0 for a file. */
  readonly position: number;
  readonly file?: string;
}

/** An input entry that could not be read, or an event that could not be placed. */
export interface InputProblem {
  readonly file?: string;
  readonly position: number;
  readonly reason: string;
}

export interface ParseResult {
  /** The provider of the first payload recognised; null when none was. */
  readonly provider: ProviderName | null;
  readonly events: ProviderEvent[];
  readonly rejected: InputProblem[];
}

export interface ImportReport {
  readonly provider: ProviderName | null;
  /** Feedback events that changed a message. */
  readonly applied: number;
  /** Events already known: the same provider event id, or the same event, applied before. */
  readonly duplicates: number;
  /** Events weaker than one the message already had. */
  readonly superseded: number;
  /** Addresses put on the denylist (complaints, unsubscribes). */
  readonly denylisted: number;
  /** Read, but not resolvable to exactly one recipient of a delivery that is sending. */
  readonly unmatched: InputProblem[];
  /** Could not be read: parse errors, unknown shapes, missing fields, bad times. */
  readonly rejected: InputProblem[];
}

/** What a parse or an import accepts. */
export type FeedbackInput = string | ArrayBuffer | Blob | readonly Blob[] | unknown;

export interface ParseOptions {
  /** The provider, when known; detected from each payload's shape otherwise. */
  readonly provider?: ProviderName;
}
