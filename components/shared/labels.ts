/**
 * Localisation: an element's texts are its defaults (the product's strings) overridden by its
 * `labels` property; nested groups (state texts, statuses) merge one level deep, so a page can
 * override one state's text without restating the others. Texts every element shares (its empty,
 * loading and error states) are defined once here.
 */
export type LabelOverrides<T> = { [K in keyof T]?: T[K] extends string ? T[K] : Partial<T[K]> };

export function withDefaults<T extends object>(defaults: T, overrides: LabelOverrides<T>): T {
  const merged = { ...defaults } as Record<string, unknown>;
  if (typeof overrides !== 'object' || overrides === null) return defaults;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const base = merged[key];
    merged[key] =
      typeof base === 'object' && base !== null ? { ...base, ...(value as object) } : value;
  }
  return merged as T;
}

/** The states every element can be in before it has something to show, in words. */
export interface CommonLabels {
  noStore: string;
  noDelivery: string;
  loading: string;
  /** `{id}` is replaced with the delivery id. */
  notFound: string;
  /** `{message}` is replaced with the error's own words. */
  readError: string;
  noUser: string;
  /** `{message}` is replaced with what is wrong with it. */
  invalidUser: string;
  readOnly: string;
}

export const COMMON_LABELS: CommonLabels = {
  noStore: 'No delivery store is connected: give the element a store, or provide one.',
  noDelivery: 'No delivery is chosen.',
  loading: 'Loading…',
  notFound: "The delivery '{id}' does not exist (it may have been deleted).",
  readError: 'The delivery could not be read. {message}',
  noUser: 'No user is signed in: actions need a user with their roles.',
  invalidUser: 'The user given is not valid ({message}).',
  readOnly: 'This delivery belongs to the page: it is read-only here.',
};
