/**
 * The pace function (rules/pace.ts) as properties: the allowance never decreases, never exceeds
 * the rate over any stretch, grows only while sending and inside the window, and the window's
 * boundaries are local times in their zone across daylight-saving changes. Plus the pace as input.
 */
import { expect } from '@open-wc/testing';
import { InputError, type Delivery, type JournalEntry, type Pace } from '../src/index.js';
import {
  dueAt,
  dueBy,
  nextWindowOpening,
  paceProgress,
  readPace,
  sendingPeriods,
  spreadOverSending,
  windowSpans,
} from '../src/rules/index.js';
import { seeded } from './random.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 23, 6); // Monday 23 March 2026, 06:00 UTC

function entry(at: number, from: Delivery['state'] | null, to: Delivery['state']): JournalEntry {
  return { at, user: 'ana', action: to === 'paused' ? 'pause' : 'start', from, to, message: '' };
}

function delivery(pace: Pace | null, journal: JournalEntry[], recipientCount = 1_000_000) {
  return { pace, startedAt: journal[0]?.at ?? null, journal, recipientCount };
}

const sending = (pace: Pace | null, count?: number) =>
  delivery(pace, [entry(START, 'start-pending', 'in-progress')], count);

describe('pace: how many messages may have been handed over', () => {
  it('a delivery without a pace may hand everything over once started, nothing before', () => {
    const plain = sending(null, 500);
    expect(dueBy(plain, START - 1)).to.equal(0);
    expect(dueBy(plain, START)).to.equal(500);
    expect(dueBy(delivery(null, []), START + HOUR)).to.equal(0);
  });

  it('a steady pace allows its rate per hour, in whole messages', () => {
    const paced = sending(readPace({ perHour: 1_000 }));
    expect(dueBy(paced, START)).to.equal(0);
    expect(dueBy(paced, START + HOUR)).to.equal(1_000);
    expect(dueBy(paced, START + HOUR / 2)).to.equal(500);
    expect(dueBy(paced, START + 3_599)).to.equal(0);
    expect(dueBy(paced, START + 3_600)).to.equal(1);
    expect(dueBy(sending(readPace({ perHour: 1_000 }), 300), START + HOUR)).to.equal(300);
  });

  it('is monotonic and never over the rate, with warm-ups and windows (property)', () => {
    const random = seeded(20);
    for (let trial = 0; trial < 40; trial++) {
      const perHour = 1 + Math.floor(random() * 50_000);
      const pace = readPace({
        perHour,
        warmUp:
          random() < 0.5
            ? {
                startPerHour: 1 + Math.floor(random() * perHour),
                doublingHours: 0.5 + random() * 12,
              }
            : null,
        window:
          random() < 0.5
            ? {
                days: ['mon', 'wed', 'fri', 'sat'],
                from: '08:00',
                to: '19:30',
                timeZone: 'Europe/Paris',
              }
            : null,
      })!;
      const paced = sending(pace);
      let before = 0;
      let at = START;
      for (let step = 0; step < 60; step++) {
        const later = at + Math.floor(random() * 4 * HOUR);
        const now = dueBy(paced, later);
        expect(now, `trial ${trial} step ${step}`).to.be.at.least(before);
        expect(now - before).to.be.at.most(Math.ceil((perHour * (later - at)) / HOUR) + 1);
        before = now;
        at = later;
      }
    }
  });

  it('a warm-up starts at its rate and doubles every doublingHours up to the pace', () => {
    const paced = sending(
      readPace({ perHour: 4_000, warmUp: { startPerHour: 1_000, doublingHours: 1 } }),
    );
    // ∫ 1000·2^t dt over the first hour = 1000/ln 2 ≈ 1442.
    expect(dueBy(paced, START + HOUR)).to.equal(Math.floor(1_000 / Math.LN2));
    // Capped at 4,000 after two hours: 3000/ln 2 ≈ 4328, then 4,000 an hour.
    expect(dueBy(paced, START + 3 * HOUR)).to.equal(Math.floor(3_000 / Math.LN2 + 4_000));
    const progress = paceProgress(
      { ...paced, state: 'in-progress', endsAt: null },
      { relayed: 0, toDeliver: 10 },
      START + HOUR,
    );
    expect(progress!.currentPerHour).to.be.closeTo(2_000, 1e-6);
    expect(progress!.plannedPerHour).to.equal(4_000);
  });

  it('a pause stops the allowance and a resume continues from where it was', () => {
    const pace = readPace({ perHour: 1_000 });
    const paused = delivery(pace, [
      entry(START, 'start-pending', 'in-progress'),
      entry(START + HOUR, 'in-progress', 'paused'),
    ]);
    expect(dueBy(paused, START + 5 * HOUR)).to.equal(1_000);
    expect(dueAt(paused, 1_001, START + 5 * HOUR)).to.equal(null);
    const resumed = delivery(pace, [
      ...paused.journal,
      entry(START + 5 * HOUR, 'paused', 'in-progress'),
    ]);
    expect(dueBy(resumed, START + 5 * HOUR)).to.equal(1_000);
    expect(dueBy(resumed, START + 6 * HOUR)).to.equal(2_000);
    expect(sendingPeriods(resumed.journal)).to.deep.equal([
      { start: START, end: START + HOUR },
      { start: START + 5 * HOUR, end: Infinity },
    ]);
  });

  it('dueAt is the first whole ms at which the count is allowed', () => {
    const random = seeded(21);
    for (let trial = 0; trial < 30; trial++) {
      const pace = readPace({
        perHour: 100 + Math.floor(random() * 5_000),
        warmUp: random() < 0.5 ? { startPerHour: 50, doublingHours: 2 } : null,
        window:
          random() < 0.5
            ? { days: ['tue', 'thu'], from: '22:00', to: '04:00', timeZone: 'America/New_York' }
            : null,
      })!;
      const paced = sending(pace);
      const count = 1 + Math.floor(random() * 20_000);
      const at = dueAt(paced, count, START)!;
      expect(dueBy(paced, at), `trial ${trial}`).to.be.at.least(count);
      expect(dueBy(paced, at - 1), `trial ${trial}`).to.be.below(count);
    }
  });
});

describe('pace: the sending window', () => {
  const paris = {
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    from: '08:00',
    to: '20:00',
    timeZone: 'Europe/Paris',
  } as const;

  it('opens and closes at local times in its zone, before and after a change to summer time', () => {
    // Europe/Paris is UTC+1 until Sunday 29 March 2026, UTC+2 after.
    const before = [
      ...windowSpans(
        readPace({ perHour: 1, window: paris })!.window,
        Date.UTC(2026, 2, 27),
        Date.UTC(2026, 2, 28),
      ),
    ];
    expect(before).to.deep.equal([
      { start: Date.UTC(2026, 2, 27, 7), end: Date.UTC(2026, 2, 27, 19) },
    ]);
    const after = [
      ...windowSpans(
        readPace({ perHour: 1, window: paris })!.window,
        Date.UTC(2026, 2, 28),
        Date.UTC(2026, 2, 31),
      ),
    ];
    expect(after).to.deep.equal([
      { start: Date.UTC(2026, 2, 30, 6), end: Date.UTC(2026, 2, 30, 18) },
    ]);
  });

  it('allows nothing outside the window, and counts a window past midnight by its opening day', () => {
    const night = readPace({
      perHour: 600,
      window: { days: ['fri'], from: '22:00', to: '02:00', timeZone: 'UTC' },
    });
    const friday = Date.UTC(2026, 2, 27);
    const paced = delivery(night, [entry(friday, 'start-pending', 'in-progress')]);
    expect(dueBy(paced, friday + 22 * HOUR)).to.equal(0);
    expect(dueBy(paced, friday + 23 * HOUR)).to.equal(600);
    expect(dueBy(paced, friday + 26 * HOUR)).to.equal(2_400);
    expect(dueBy(paced, friday + 7 * 24 * HOUR)).to.equal(2_400);
    expect(nextWindowOpening(night!.window, friday + 27 * HOUR)).to.equal(
      friday + 7 * 24 * HOUR + 22 * HOUR,
    );
    expect(nextWindowOpening(night!.window, friday + 23 * HOUR)).to.equal(null);
  });

  it('tells the operator when it waits, and when the send ends after its validity', () => {
    const pace = readPace({ perHour: 1_000, window: paris })!;
    const saturday = Date.UTC(2026, 2, 28, 12);
    const paced = {
      ...delivery(pace, [entry(saturday, 'start-pending', 'in-progress')]),
      state: 'in-progress' as const,
      endsAt: saturday + 84 * HOUR,
    };
    const progress = paceProgress(paced, { relayed: 0, toDeliver: 30_000 }, saturday + HOUR)!;
    expect(progress.waitingUntil).to.equal(Date.UTC(2026, 2, 30, 6));
    expect(progress.actualPerHour).to.equal(0);
    // 12 hours a weekday: 30,000 at 1,000/h take Monday, Tuesday and half of Wednesday.
    expect(progress.expectedEndAt).to.equal(Date.UTC(2026, 3, 1, 12));
    expect(progress.endsAfterValidity).to.equal(true);
  });

  it('spreads relays over the sending time only', () => {
    const pace = readPace({
      perHour: 10,
      window: { days: ['mon'], from: '10:00', to: '11:00', timeZone: 'UTC' },
    })!;
    const monday = Date.UTC(2026, 2, 23);
    const paced = delivery(pace, [entry(monday, 'start-pending', 'in-progress')]);
    const times = spreadOverSending(paced, monday, monday + 24 * HOUR, 4);
    expect(times).to.deep.equal(
      [15, 30, 45, 60].map(
        (minutes) => monday + 10 * HOUR + minutes * 60_000 - (minutes === 60 ? 1 : 0),
      ),
    );
  });
});

describe('pace: valid input', () => {
  it('reads a pace, filling its defaults, and refuses what is not one with a typed error', () => {
    expect(readPace({ perHour: 5_000 })).to.deep.equal({
      perHour: 5_000,
      warmUp: null,
      window: null,
    });
    expect(
      readPace({ perHour: 5, window: { days: ['sun', 'mon'], from: '08:00', to: '24:00' } })!
        .window,
    ).to.deep.equal({
      days: ['mon', 'sun'],
      from: '08:00',
      to: '24:00',
      timeZone: 'UTC',
    });
    const bad: unknown[] = [
      'fast',
      { perHour: 0 },
      { perHour: Number.NaN },
      { perHour: '100' },
      { perHour: 100, burst: 3 },
      { perHour: 100, warmUp: { startPerHour: 200, doublingHours: 1 } },
      { perHour: 100, warmUp: { startPerHour: 10, doublingHours: 0 } },
      { perHour: 100, window: { days: [], from: '08:00', to: '20:00' } },
      { perHour: 100, window: { days: 'mon', from: '08:00', to: '20:00' } },
      { perHour: 100, window: { days: ['mon', 'mon'], from: '08:00', to: '20:00' } },
      { perHour: 100, window: { days: ['mon'], from: '8:00', to: '20:00' } },
      { perHour: 100, window: { days: ['mon'], from: '24:00', to: '20:00' } },
      { perHour: 100, window: { days: ['mon'], from: '08:00', to: '08:00' } },
      {
        perHour: 100,
        window: { days: ['mon'], from: '08:00', to: '20:00', timeZone: 'Mars/Olympus' },
      },
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('no');
          },
        },
      ),
    ];
    bad.forEach((value, index) =>
      expect(() => readPace(value), `case ${index}`).to.throw(InputError),
    );
  });
});
