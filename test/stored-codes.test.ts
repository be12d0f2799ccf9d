/**
 * The numbers written into IndexedDB never change meaning (append-only): a test that fails when
 * one does, because existing databases would then be read wrongly.
 */
import { expect } from '@open-wc/testing';
import {
  ENGAGEMENT_BITS,
  EXCLUDED_BIT,
  EXCLUSION_CODES,
  OUTCOME_EVENT_CODES,
  REASON_CODES,
} from '../src/rules/event-codes.js';
import {
  CLASS_COUNT,
  EXCLUDED_CLASS,
  UNRELAYED_CLASS,
  classOfEvent,
} from '../src/rules/message-classes.js';
import { OUTCOME_EVENT_TYPES } from '../src/rules/index.js';

describe('stored codes are append-only', () => {
  it('outcome event codes (mask bit = 1 << code)', () => {
    expect(OUTCOME_EVENT_CODES).to.deep.equal({
      relayed: 0,
      'soft-bounce': 1,
      'retries-failed': 2,
      delivered: 3,
      'retry-succeeded': 4,
      'hard-bounce': 5,
    });
    expect(EXCLUDED_BIT).to.equal(0x80);
  });

  it('engagement bits', () => {
    expect(ENGAGEMENT_BITS).to.deep.equal({ open: 1, click: 2, complaint: 4 });
  });

  it('failure reason codes', () => {
    expect(REASON_CODES).to.deep.equal({
      'User unknown': 1,
      'Invalid domain': 2,
      Unreachable: 3,
      'Account disabled': 4,
      'Mailbox full': 5,
      Refused: 6,
      'Address on denylist': 7,
      'Quarantined address': 8,
      'Not defined': 9,
    });
  });

  it('exclusion cause codes', () => {
    expect(EXCLUSION_CODES).to.deep.equal({
      'no-address': 1,
      duplicate: 2,
      denylisted: 3,
      quarantined: 4,
    });
  });

  it('class numbers (per-chunk counts and tallies)', () => {
    expect([CLASS_COUNT, UNRELAYED_CLASS, EXCLUDED_CLASS]).to.deep.equal([8, 0, 7]);
    expect(OUTCOME_EVENT_TYPES.map((type) => [type, classOfEvent(type)])).to.deep.equal([
      ['relayed', 1],
      ['soft-bounce', 2],
      ['retries-failed', 3],
      ['delivered', 4],
      ['retry-succeeded', 5],
      ['hard-bounce', 6],
    ]);
  });
});
