/**
 * Localisation: an element's texts are its defaults (the product's strings) overridden by its
 * `labels` property; nested groups (state texts, statuses) merge one level deep, so a page can
 * override one state's text without restating the others.
 */
export type LabelOverrides<T> = { [K in keyof T]?: T[K] extends string ? T[K] : Partial<T[K]> };

export function withDefaults<T extends object>(defaults: T, overrides: LabelOverrides<T>): T {
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const base = merged[key];
    merged[key] =
      typeof base === 'object' && base !== null ? { ...base, ...(value as object) } : value;
  }
  return merged as T;
}
