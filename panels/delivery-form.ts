/**
 * The "new delivery" form of the showcase and the sidebar: what to send, and how the simulated MTA
 * behaves.
 */
import { html } from 'lit';
import {
  HOUR_MS,
  type Aggregation,
  type DeliveryInput,
  type PaceInput,
  type RecurrencePeriod,
  type Weekday,
} from '../src/index.js';
import {
  AGGREGATIONS,
  CHANNELS,
  DEFAULT_GUARD,
  RECURRENCE_PERIODS,
  WEEKDAYS,
} from '../src/rules/index.js';
import type { StoryRates } from '../src/simulator/index.js';

export interface FormResult {
  readonly input: DeliveryInput;
  readonly rates: Partial<StoryRates>;
}

const percent = (data: FormData, name: string) => Number(data.get(name)) / 100;

export function readDeliveryForm(form: HTMLFormElement, now: number): FormResult {
  const data = new FormData(form);
  const sendIn = Number(data.get('sendIn'));
  const every = String(data.get('every'));
  const aggregation = String(data.get('aggregation')) as Aggregation;
  return {
    input: {
      label: String(data.get('label')),
      channel: data.get('channel') as DeliveryInput['channel'],
      efs: data.get('efs') === 'on',
      recipients: { generated: Number(data.get('count')) },
      validityHours: Number(data.get('validity')),
      contactDate: sendIn > 0 ? now + sendIn * HOUR_MS : null,
      recurrence:
        every === 'none'
          ? null
          : {
              every: every as RecurrencePeriod,
              aggregation,
              requestConfirmation: data.get('requestConfirmation') === 'on',
            },
      pace: readPaceFields(data),
      guard:
        data.get('guard') === 'on'
          ? {
              hardBounceRate: Number(data.get('guardHard')),
              bounceRate: Number(data.get('guardBounces')),
              minRelayed: Number(data.get('guardMin')),
            }
          : null,
    },
    rates: {
      hardBounceRate: percent(data, 'hard'),
      softBounceRate: percent(data, 'soft'),
      retrySuccessRate: percent(data, 'retry'),
      openRate: percent(data, 'open'),
      clickRate: percent(data, 'click'),
    },
  };
}

/** The pace fieldset: none unchecked; a warm-up when its start rate is set; a window when days are. */
function readPaceFields(data: FormData): PaceInput | null {
  if (data.get('paced') !== 'on') return null;
  const perHour = Number(data.get('perHour'));
  const warmUpStart = Number(data.get('warmUpStart'));
  const days = data.getAll('windowDays').map(String) as Weekday[];
  return {
    perHour,
    warmUp:
      warmUpStart > 0
        ? { startPerHour: warmUpStart, doublingHours: Number(data.get('doublingHours')) }
        : null,
    window:
      days.length > 0
        ? {
            days,
            from: String(data.get('windowFrom')),
            to: String(data.get('windowTo')),
            timeZone: String(data.get('timeZone')),
          }
        : null,
  };
}

/**
 * The showcase's default pace: with one model hour per real second, a 100,000-recipient send
 * takes about 50 s of real time, so the bar visibly moves and the guard acts while most waits.
 */
export const DEFAULT_FORM_PACE = 2_000;

const number = (label: string, name: string, value: number, min: number, max: number) =>
  html`<label
    >${label}
    <input name=${name} type="number" min=${min} max=${max} step="any" value=${value} required
  /></label>`;

export function deliveryForm(onSubmit: (form: HTMLFormElement) => void) {
  return html`<form
    class="builder"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      onSubmit(event.target as HTMLFormElement);
    }}
  >
    <fieldset>
      <legend>Message</legend>
      <label>Label <input name="label" value="Spring sale" required maxlength="256" /></label>
      ${number('Recipients (generated test profiles)', 'count', 100_000, 1, 1_000_000)}
      <label
        >Channel
        <select name="channel">
          ${CHANNELS.map((channel) => html`<option>${channel}</option>`)}
        </select></label
      >
      <label class="inline"><input name="efs" type="checkbox" /> Email Feedback Service</label>
      ${number('Validity (model hours, ≤ 84)', 'validity', 84, 1, 84)}
      ${number('Send in (model hours, 0 = on confirmation)', 'sendIn', 0, 0, 10_000)}
    </fieldset>
    <fieldset>
      <legend>Recurrence</legend>
      <label
        >Repeat
        <select name="every">
          <option value="none">Never</option>
          ${RECURRENCE_PERIODS.map((period) => html`<option value=${period}>Every ${period}</option>`)}
        </select></label
      >
      <label
        >Aggregation period
        <select name="aggregation">
          ${AGGREGATIONS.map((aggregation) => html`<option value=${aggregation}>${aggregation}</option>`)}
        </select></label
      >
      <label class="inline"
        ><input name="requestConfirmation" type="checkbox" /> Request confirmation before sending
        messages</label
      >
    </fieldset>
    <fieldset>
      <legend>Pace</legend>
      <label class="inline"
        ><input name="paced" type="checkbox" checked /> Send at a pace (messages per hour)</label
      >
      ${number('Messages per hour', 'perHour', DEFAULT_FORM_PACE, 1, 1_000_000_000)}
      ${number('Warm-up: start at (per hour, 0 = none)', 'warmUpStart', 0, 0, 1_000_000_000)}
      ${number('Warm-up: doubles every (hours)', 'doublingHours', 6, 0.02, 8_760)}
      <fieldset class="days">
        <legend>Sending window: days (none = any time)</legend>
        ${WEEKDAYS.map(
          (day) =>
            html`<label class="inline"
              ><input name="windowDays" type="checkbox" value=${day} /> ${day}</label
            >`,
        )}
      </fieldset>
      <label>Window opens <input name="windowFrom" type="time" value="08:00" required /></label>
      <label>Window closes <input name="windowTo" type="time" value="20:00" required /></label>
      <label
        >Time zone
        <input name="timeZone" value=${Intl.DateTimeFormat().resolvedOptions().timeZone} required
      /></label>
    </fieldset>
    <fieldset>
      <legend>Reputation guard</legend>
      <label class="inline"
        ><input name="guard" type="checkbox" checked /> Pause the delivery when it bounces</label
      >
      ${number('Hard bounces (%)', 'guardHard', DEFAULT_GUARD.hardBounceRate, 0.1, 100)}
      ${number('Bounces + errors (%)', 'guardBounces', DEFAULT_GUARD.bounceRate, 0.1, 100)}
      ${number('After messages relayed', 'guardMin', DEFAULT_GUARD.minRelayed, 1, 1_000_000)}
    </fieldset>
    <fieldset>
      <legend>Simulated MTA (%)</legend>
      ${number('Hard bounces', 'hard', 12, 0, 100)} ${number('Soft bounces', 'soft', 5, 0, 100)}
      ${number('Retry success', 'retry', 50, 0, 100)} ${number('Opens', 'open', 30, 0, 100)}
      ${number('Clicks', 'click', 8, 0, 100)}
    </fieldset>
    <button class="primary">Create delivery</button>
  </form>`;
}
