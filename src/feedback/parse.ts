/** parseFeedback: any supported input → normalised provider events, and what was rejected. */
import { readOptions } from '../rules/valid-input.js';
import { adaptEntries, type Adaptation } from './adapt.js';
import { readEntries } from './sources.js';
import {
  PROVIDERS,
  type FeedbackInput,
  type ParseOptions,
  type ParseResult,
  type ProviderName,
} from './types.js';

/**
 * Reads feedback from a string, an ArrayBuffer, a Blob or File (JSON, NDJSON, `.eml`), several
 * Files, or parsed JSON, and returns the provider events it holds (provider detected from each
 * payload's shape unless given). Never throws for bad input: what cannot be read is `rejected`,
 * with its position.
 */
export async function parseFeedback(
  input: FeedbackInput,
  options: ParseOptions = {},
): Promise<ParseResult> {
  const { provider: given } = readOptions('options', options, ['provider']);
  const result: Adaptation = { events: [], rejected: [], provider: null };
  if (given !== undefined && !PROVIDERS.includes(given as ProviderName)) {
    return {
      ...result,
      rejected: [{ position: 0, reason: `unknown provider '${String(given)}'` }],
    };
  }
  try {
    for await (const entries of readEntries(input)) {
      await adaptEntries(entries, given as ProviderName | undefined, result);
    }
  } catch (error) {
    // An input that cannot be read (a getter or a Proxy that throws) is rejected, as in import.
    result.rejected.push({
      position: 0,
      reason: `the input could not be read (${(error as Error)?.name ?? 'error'})`,
    });
  }
  return { provider: result.provider, events: result.events, rejected: result.rejected };
}
