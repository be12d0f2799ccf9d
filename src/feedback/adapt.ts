/** One entry of an input → provider events (or why not), by its provider's adapter. */
import { detectProvider } from './detect.js';
import { adaptDsn } from './providers/dsn.js';
import { adaptMailgunEvent, adaptMailgunWebhook } from './providers/mailgun.js';
import { adaptPostmark } from './providers/postmark.js';
import { adaptSendgrid } from './providers/sendgrid.js';
import { adaptSes } from './providers/ses.js';
import type { Entry } from './sources.js';
import type { InputProblem, ProviderEvent, ProviderName } from './types.js';
import { fields, list, type AdapterResult } from './values.js';

export interface Adaptation {
  readonly events: ProviderEvent[];
  readonly rejected: InputProblem[];
  /** The provider of the first payload recognised. */
  provider: ProviderName | null;
}

function adaptJson(payload: unknown, provider: ProviderName): AdapterResult[] {
  switch (provider) {
    case 'sendgrid':
      // A webhook body is an array of events; an NDJSON line may hold one event or a body.
      return Array.isArray(payload) ? payload.map(adaptSendgrid) : [adaptSendgrid(payload)];
    case 'mailgun': {
      const page = fields(payload);
      if (page && Array.isArray(page['items']))
        return list(page['items']).map((item) => {
          const data = fields(item);
          return data
            ? adaptMailgunEvent(data, null)
            : { error: 'a Mailgun item must be an object' };
        });
      return [adaptMailgunWebhook(payload)];
    }
    case 'postmark':
      return [adaptPostmark(payload)];
    case 'ses':
      return [adaptSes(payload)];
    case 'dsn':
      return [{ error: 'a delivery status notification is a mail message, not JSON' }];
  }
}

/** Records what an adapter made of one payload at one place. */
function record(
  into: Adaptation,
  provider: ProviderName | null,
  results: readonly AdapterResult[],
  file: string | undefined,
  position: number,
): void {
  into.provider ??= provider;
  for (const result of results) {
    if ('error' in result) {
      into.rejected.push(
        file === undefined
          ? { position, reason: result.error }
          : { file, position, reason: result.error },
      );
      continue;
    }
    for (const event of result.events) {
      const full = event as { -readonly [K in keyof ProviderEvent]: ProviderEvent[K] };
      full.provider = provider!;
      full.position = position;
      if (file !== undefined) full.file = file;
      into.events.push(full);
    }
  }
}

/** One JSON payload, synchronously: the hot path of a large NDJSON file. */
function adaptPayload(
  payload: unknown,
  given: ProviderName | undefined,
  into: Adaptation,
  file: string | undefined,
  position: number,
): void {
  let provider: ProviderName | null = null;
  let results: AdapterResult[];
  try {
    provider = given ?? detectProvider(payload);
    results = provider
      ? adaptJson(payload, provider)
      : [{ error: 'not the payload of a known provider (SES, SendGrid, Mailgun, Postmark)' }];
  } catch {
    provider = null;
    results = [{ error: 'the payload could not be read' }];
  }
  record(into, provider, results, file, position);
}

/** Adapts a batch of entries into `into`; never throws (a payload that throws is rejected). */
export async function adaptEntries(
  entries: readonly Entry[],
  given: ProviderName | undefined,
  into: Adaptation,
): Promise<void> {
  for (const entry of entries) {
    const { file, position } = entry;
    if ('payloads' in entry) {
      const { payloads } = entry;
      for (let index = 0; index < payloads.length; index++)
        adaptPayload(payloads[index], given, into, file, position + index);
    } else if ('payload' in entry) {
      adaptPayload(entry.payload, given, into, file, position);
    } else if ('error' in entry) {
      record(into, null, [{ error: entry.error }], file, position);
    } else {
      let result: AdapterResult;
      try {
        result =
          given === undefined || given === 'dsn'
            ? await adaptDsn(entry.mail)
            : { error: `a mail message is not a ${given} payload` };
      } catch {
        result = { error: 'the message could not be read' };
      }
      record(into, 'dsn', [result], file, position);
    }
  }
}
