/**
 * The complaint rate's health bands, as data: complaints / delivered, in percent, judged as the
 * large mailbox providers publish it. Gmail's and Yahoo's sender requirements (February 2024) ask
 * bulk senders to keep the spam rate (Gmail Postmaster Tools) below 0.1 % and never reach 0.3 %;
 * at 0.3 % and above, mail is filtered or refused. DEFAULT_GUARD pauses a send at 0.3 %.
 */
export const COMPLAINT_BANDS = [
  { band: 'healthy', below: 0.1 },
  { band: 'at-risk', below: 0.3 },
  { band: 'harmful', below: Infinity },
] as const;

export type ComplaintBand = (typeof COMPLAINT_BANDS)[number]['band'];

/** The band a complaint rate (percent) is in. */
export function complaintBand(rate: number): ComplaintBand {
  return COMPLAINT_BANDS.find((entry) => rate < entry.below)?.band ?? 'harmful';
}
