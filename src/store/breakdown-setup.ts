/**
 * The breakdown's start, at preparation: each recipient's provider group, from the domains the
 * audience recorded at creation (nothing read back), and the counters of a send not begun.
 */
import { CLASS_COUNT, CLASS_OF_MASK } from '../rules/message-classes.js';
import {
  domainOf as domainOfAddress,
  groupDomains,
  type ProviderGroup,
} from '../rules/providers.js';
import { generatedAddress } from './audience.js';
import { PROVIDER_STRIDE, REASON_ROWS } from './counters.js';
import type { AudienceRecord, BreakdownCounters, StateChunk } from './schema.js';

export interface RecipientGroups {
  readonly groups: ProviderGroup[];
  /** Per recipient: its group. */
  readonly providers: Uint8Array;
}

export function providerGroupsOf(audience: AudienceRecord, count: number): RecipientGroups {
  if (!audience.domainOf || !audience.domains) {
    // Generated profiles share their scheme's one domain (email) or have none (SMS, push): one
    // group. Lists from before the breakdown recorded no domains: one group, Other.
    const domain = audience.generated
      ? domainOfAddress(generatedAddress(audience.generated, 0))
      : '';
    const { groups, groupOfDomain } = groupDomains([domain], [count]);
    return { groups: [...groups], providers: new Uint8Array(count).fill(groupOfDomain[0]!) };
  }
  const { domains, domainOf } = audience;
  const sizes = new Uint32Array(domains.length);
  for (let recipient = 0; recipient < count; recipient++) sizes[domainOf[recipient]!]!++;
  const { groups, groupOfDomain } = groupDomains(domains, sizes);
  const providers = new Uint8Array(count);
  for (let recipient = 0; recipient < count; recipient++)
    providers[recipient] = groupOfDomain[domainOf[recipient]!]!;
  return { groups: [...groups], providers };
}

/** The counters of freshly laid-out chunks: every message unrelayed or excluded with its cause. */
export function initialBreakdown(
  { groups }: RecipientGroups,
  chunks: readonly StateChunk[],
): BreakdownCounters {
  const byProvider = new Uint32Array(groups.length * PROVIDER_STRIDE);
  const byReason = new Uint32Array(REASON_ROWS * CLASS_COUNT);
  for (const chunk of chunks) {
    const { mask, reason, provider } = chunk;
    for (let slot = 0; slot < mask.length; slot++) {
      const cls = CLASS_OF_MASK[mask[slot]!]!;
      byProvider[provider![slot]! * PROVIDER_STRIDE + cls]!++;
      byReason[reason[slot]! * CLASS_COUNT + cls]!++;
    }
  }
  return { groups, byProvider, byReason };
}
