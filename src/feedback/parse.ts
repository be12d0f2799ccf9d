/** parseFeedback: any supported input → normalised provider events, and what was rejected. */
import { adaptEntries, type Adaptation } from './adapt.js';
import { readEntries } from './sources.js';
import { PROVIDERS, type FeedbackInput, type ParseOptions, type ParseResult } from './types.js';

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
  const given = options?.provider;
  const result: Adaptation = { events: [], rejected: [], provider: null };
  if (given !== undefined && !PROVIDERS.includes(given)) {
    return {
      ...result,
      rejected: [{ position: 0, reason: `unknown provider '${String(given)}'` }],
    };
  }
  for await (const entries of readEntries(input)) await adaptEntries(entries, given, result);
  return { provider: result.provider, events: result.events, rejected: result.rejected };
}
