/**
 * Address lists as the relay reads them: a JSON array of 1 to 5,000,000 strings of at most 320
 * characters (what createDelivery takes), named by the SHA-256 of their bytes.
 */
import type { ListStore } from './list-store.js';

const MAX_ADDRESSES = 5_000_000;
const MAX_ADDRESS_LENGTH = 320;

/** The addresses of a list's bytes, or why they are not a list. */
export function parseList(bytes: Buffer): { addresses: string[] } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { problem: 'the list is not JSON' };
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ADDRESSES)
    return { problem: `a list is an array of 1 to ${MAX_ADDRESSES} addresses` };
  for (let index = 0; index < value.length; index++) {
    const address: unknown = value[index];
    if (typeof address !== 'string' || address.length > MAX_ADDRESS_LENGTH)
      return {
        problem: `address ${index} is not a text of at most ${MAX_ADDRESS_LENGTH} characters`,
      };
  }
  return { addresses: value as string[] };
}

/** A kept list's addresses; an error when none of that hash is kept (it was checked when kept). */
export async function readList(store: ListStore, hash: string): Promise<string[]> {
  const bytes = await store.get(hash);
  if (!bytes) throw new Error(`the address list ${hash} is not kept`);
  const parsed = parseList(bytes);
  if ('problem' in parsed) throw new Error(`the address list ${hash}: ${parsed.problem}`);
  return parsed.addresses;
}
