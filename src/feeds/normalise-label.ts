/**
 * Defined-list matching as the CLD specification does it: labels are compared without regard to
 * case, the kind of dash (hyphen, en dash, em dash, minus) or spacing around dashes, slashes and
 * colons. A value that matches only after this normalisation is accepted with its canonical label
 * and reported as `feed.value-normalised` (information).
 * @module
 */

const dashes = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]/g;

/**
 * The comparison key of a label: lower case, every dash as `-`, runs of white space as one space,
 * no space around `-`, `/`, `:` or inside brackets.
 * @example normaliseLabel('White - Irish') === normaliseLabel('white – irish') // true
 */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(dashes, '-')
    .replace(/\s+/g, ' ')
    .replace(/\s*([-/:()])\s*/g, '$1')
    .trim();
}

/** The outcome of a match: the canonical label, and whether normalisation was needed to find it. */
export interface ListMatch {
  readonly canonical: string;
  readonly normalised: boolean;
}

/** A matcher for one defined list. */
export type ListMatcher = (value: string) => ListMatch | undefined;

/**
 * Builds a matcher for a defined list: exact matches first, then by {@link normaliseLabel}.
 * @example createListMatcher(['Service User'])('service user') // { canonical: 'Service User', normalised: true }
 */
export function createListMatcher(list: readonly string[]): ListMatcher {
  const exact = new Set(list);
  const byKey = new Map(list.map((l) => [normaliseLabel(l), l] as const));
  return (value) => {
    if (exact.has(value)) return { canonical: value, normalised: false };
    const canonical = byKey.get(normaliseLabel(value));
    return canonical === undefined ? undefined : { canonical, normalised: true };
  };
}
