/**
 * Mailbox providers as operators know them, as data: which domains each one receives mail for.
 * A domain no provider claims is its own group when it is among the largest of a delivery
 * (OWN_GROUP_DOMAINS of them, the largest first); the rest are "Other". Groups are fixed at
 * preparation, from the audience's domains, so every counter of a delivery uses one grouping.
 */
export interface MailboxProvider {
  readonly key: string;
  readonly label: string;
  /** Domains received by the provider, exactly. */
  readonly domains: readonly string[];
  /** Domain families (`hotmail.` matches hotmail.com, hotmail.fr, hotmail.co.uk…). */
  readonly families: readonly string[];
}

export const MAILBOX_PROVIDERS: readonly MailboxProvider[] = [
  { key: 'gmail', label: 'Gmail', domains: ['gmail.com', 'googlemail.com'], families: [] },
  {
    key: 'microsoft',
    label: 'Microsoft',
    domains: ['outlook.com', 'msn.com'],
    families: ['hotmail.', 'live.', 'outlook.'],
  },
  { key: 'yahoo', label: 'Yahoo', domains: ['aol.com', 'ymail.com'], families: ['yahoo.'] },
  { key: 'apple', label: 'Apple', domains: ['icloud.com', 'me.com', 'mac.com'], families: [] },
];

/** Unclaimed domains shown as their own group, the largest first; the rest are "Other". */
export const OWN_GROUP_DOMAINS = 5;

/** A group of recipients by where their mail goes: a provider, one domain, or the rest. */
export type ProviderGroup =
  | { readonly kind: 'provider'; readonly key: string; readonly label: string }
  | { readonly kind: 'domain'; readonly domain: string }
  | { readonly kind: 'other' };

const BY_DOMAIN = new Map(
  MAILBOX_PROVIDERS.flatMap((provider) => provider.domains.map((domain) => [domain, provider])),
);

/** The provider receiving mail for a (lower-case) domain, or null. */
export function providerOfDomain(domain: string): MailboxProvider | null {
  const exact = BY_DOMAIN.get(domain);
  if (exact) return exact;
  for (const provider of MAILBOX_PROVIDERS) {
    if (provider.families.some((family) => isOfFamily(domain, family))) return provider;
  }
  return null;
}

/** `hotmail.` is hotmail.com or hotmail.co.uk, not hotmail.example.com's parent `hotmail.example`. */
function isOfFamily(domain: string, family: string): boolean {
  if (!domain.startsWith(family)) return false;
  const suffix = domain.slice(family.length);
  // A country or generic top-level suffix: "com", "fr", "co.uk", "com.au".
  return /^[a-z]{2,3}(\.[a-z]{2})?$/.test(suffix);
}

/** The domain of a normalised address, '' when it has none (SMS numbers, push devices). */
export function domainOf(normalized: string): string {
  const at = normalized.lastIndexOf('@');
  return at < 0 ? '' : normalized.slice(at + 1);
}

export interface Grouping {
  /** The groups, in display order: providers, then domains largest first, then Other (last). */
  readonly groups: readonly ProviderGroup[];
  /** groupOfDomain[domain index] = group index. */
  readonly groupOfDomain: Uint8Array;
}

/**
 * Groups a delivery's domains (with how many recipients each has): the providers that receive
 * any of them, then the OWN_GROUP_DOMAINS largest unclaimed domains, then Other, always last.
 */
export function groupDomains(domains: readonly string[], counts: ArrayLike<number>): Grouping {
  const providerOf = domains.map((domain) => (domain === '' ? null : providerOfDomain(domain)));
  const groups: ProviderGroup[] = [];
  const providerGroup = new Map<string, number>();
  for (const provider of MAILBOX_PROVIDERS) {
    if (!providerOf.some((claimed, index) => claimed === provider && (counts[index] ?? 0) > 0))
      continue;
    providerGroup.set(provider.key, groups.length);
    groups.push({ kind: 'provider', key: provider.key, label: provider.label });
  }
  const unclaimed = domains
    .map((domain, index) => ({ domain, index, count: counts[index] ?? 0 }))
    .filter(({ domain, index, count }) => domain !== '' && providerOf[index] === null && count > 0)
    .sort((a, b) => b.count - a.count || (a.domain < b.domain ? -1 : 1))
    .slice(0, OWN_GROUP_DOMAINS);
  const domainGroup = new Map<number, number>();
  for (const { domain, index } of unclaimed) {
    domainGroup.set(index, groups.length);
    groups.push({ kind: 'domain', domain });
  }
  const other = groups.length;
  groups.push({ kind: 'other' });
  const groupOfDomain = Uint8Array.from(domains, (_, index) => {
    const provider = providerOf[index];
    if (provider) return providerGroup.get(provider.key) ?? other;
    return domainGroup.get(index) ?? other;
  });
  return { groups, groupOfDomain };
}
