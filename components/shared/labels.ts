/**
 * Localisation: an element's texts are its defaults (the product's strings) overridden by its
 * `labels` property; nested groups (state texts, statuses) merge one level deep, so a page can
 * override one state's text without restating the others; a key no element text has (`delivred`)
 * is reported once on the console, naming the element. Texts every element shares (its empty,
 * loading and error states) are defined once here.
 */
export type LabelOverrides<T> = {
  [K in keyof T]?: T[K] extends string
    ? T[K]
    : T[K] extends PluralText
      ? string | Partial<PluralText>
      : Partial<T[K]>;
};

/**
 * A text with a count in it: one form per plural category of the locale (`Intl.PluralRules`:
 * English has `one` and `other`, French `one`, `many` and `other`…), `other` always. A page may
 * give one text for every count (a string) or the forms its language needs.
 */
export type PluralText = { readonly [C in Intl.LDMLPluralRule]?: string } & {
  readonly other: string;
};

const PLURAL_CATEGORIES: readonly string[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

function isPlural(value: object): value is PluralText {
  const keys = Object.keys(value);
  return keys.includes('other') && keys.every((key) => PLURAL_CATEGORIES.includes(key));
}

/** The form of `text` for `count` in `locale` (an unknown locale: the browser's rules). */
export function pluralOf(text: PluralText, count: number, locale: string | undefined): string {
  let category: Intl.LDMLPluralRule = 'other';
  try {
    category = new Intl.PluralRules(locale).select(count);
  } catch {
    category = new Intl.PluralRules().select(count);
  }
  return text[category] ?? text.other;
}

/** Unknown keys already reported, by element and key: each is said once, not on every render. */
const reported = new Set<string>();

/** Says once on the console that `owner` has no label `key` (a misspelling is otherwise silent). */
function reportUnknown(owner: string, key: string): void {
  const id = `${owner} ${key}`;
  if (reported.has(id)) return;
  reported.add(id);
  console.warn(`sendkit: <${owner}> has no label '${key}'; it is ignored (a misspelt key?)`);
}

export function withDefaults<T extends object>(
  defaults: T,
  overrides: LabelOverrides<T>,
  owner: string,
): T {
  // Overrides come from the page: only texts replace texts, and an override that cannot be read
  // (a getter or a Proxy that throws) leaves the defaults.
  try {
    if (typeof overrides !== 'object' || overrides === null) return defaults;
    for (const key of Object.keys(overrides)) {
      if (!Object.hasOwn(defaults, key)) reportUnknown(owner, key);
    }
    const merged = { ...defaults } as Record<string, unknown>;
    for (const [key, base] of Object.entries(defaults)) {
      const value: unknown = (overrides as Record<string, unknown>)[key];
      const plural = typeof base === 'object' && base !== null && isPlural(base);
      if (typeof base === 'string') {
        if (typeof value === 'string') merged[key] = value;
      } else if (plural && typeof value === 'string') {
        // One text for every count.
        merged[key] = { other: value };
      } else if (typeof value === 'object' && value !== null) {
        // A group (state texts, statuses, step names, plural forms): entries merge one level
        // deep; a plural text takes any of the plural categories.
        const group: Record<string, unknown> = { ...(base as object) };
        for (const [name, text] of Object.entries(value)) {
          const known = plural ? PLURAL_CATEGORIES.includes(name) : Object.hasOwn(base, name);
          if (!known) reportUnknown(owner, `${key}.${name}`);
          else if (typeof text === 'string') group[name] = text;
        }
        merged[key] = group;
      }
    }
    return merged as T;
  } catch {
    return defaults;
  }
}

/** The states every element can be in before it has something to show, in words. */
export interface CommonLabels {
  noStore: string;
  /** The store given is not a sendkit store. */
  invalidStore: string;
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
  /** What joins a name and its value ("Delivered: 89 %"): French puts a space before the colon. */
  colon: string;
}

export const COMMON_LABELS: CommonLabels = {
  noStore: 'No delivery store is connected: give the element a store, or provide one.',
  invalidStore: 'The store given is not a sendkit store (see openStore).',
  noDelivery: 'No delivery is chosen.',
  loading: 'Loading…',
  notFound: "The delivery '{id}' does not exist (it may have been deleted).",
  readError: 'The delivery could not be read. {message}',
  noUser: 'No user is signed in: actions need a user with their roles.',
  invalidUser: 'The user given is not valid ({message}).',
  readOnly: 'This delivery belongs to the page: it is read-only here.',
  colon: ': ',
};
