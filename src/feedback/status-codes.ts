/**
 * Failure reasons from RFC 3463 enhanced status codes (`class.subject.detail`), as a table: the
 * first code found in a provider's text (comments stripped) decides the reason.
 */
import type { FailureReason } from '../types.js';

/** subject.detail → reason; a subject alone (`7`) covers every detail of it. */
export const STATUS_CODE_REASONS: readonly {
  readonly codes: readonly string[];
  readonly reason: FailureReason;
}[] = [
  { codes: ['1.0', '1.1', '1.3', '1.6'], reason: 'User unknown' },
  { codes: ['1.2', '4.4'], reason: 'Invalid domain' },
  { codes: ['2.1'], reason: 'Account disabled' },
  { codes: ['2.2', '3.1'], reason: 'Mailbox full' },
  { codes: ['7', '6', '3.4'], reason: 'Refused' },
  { codes: ['4.0', '4.1', '4.2', '4.3', '4.5', '4.7'], reason: 'Unreachable' },
];

const REASON_OF: ReadonlyMap<string, FailureReason> = new Map(
  STATUS_CODE_REASONS.flatMap(({ codes, reason }) => codes.map((code) => [code, reason] as const)),
);

const CODE = /(?:^|[^\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])/;

/** The enhanced status code in a text (`smtp; 550 5.1.1 user unknown`), or null. */
export function statusCodeOf(text: unknown): { class: 2 | 4 | 5; code: string } | null {
  if (typeof text !== 'string') return null;
  const found = CODE.exec(text.replace(/\([^)]*\)/g, ' ').slice(0, 2000));
  if (!found) return null;
  return { class: Number(found[1]) as 2 | 4 | 5, code: `${Number(found[2])}.${Number(found[3])}` };
}

/** The reason the code in `text` gives; 'Not defined' for an unknown code; null without one. */
export function reasonOfStatus(text: unknown): FailureReason | null {
  const status = statusCodeOf(text);
  if (!status) return null;
  const [subject] = status.code.split('.');
  return REASON_OF.get(status.code) ?? REASON_OF.get(subject!) ?? 'Not defined';
}
