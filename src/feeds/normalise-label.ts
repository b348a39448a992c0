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

/**
 * The outcome of a match: the canonical label, whether normalisation was needed to find it, and for a
 * label of the superseded release the value it maps to (`release1`: the Release 1 label matched;
 * `canonical` is then the current label, or undefined when there is none).
 */
export interface ListMatch {
  readonly canonical: string | undefined;
  readonly normalised: boolean;
  readonly release1?: string;
}

/** A matcher for one defined list. */
export type ListMatcher = (value: string) => ListMatch | undefined;

/**
 * Builds a matcher for a defined list: exact matches first, then exact labels of the superseded
 * release (`release1`: old label → current label or null), then both by {@link normaliseLabel}. So an
 * old label that differs only in case is still an old label when written exactly as it was.
 * @example createListMatcher(['Service User'])('service user') // { canonical: 'Service User', normalised: true }
 */
export function createListMatcher(
  list: readonly string[],
  release1: Readonly<Record<string, string | null>> = {},
): ListMatcher {
  const exact = new Set(list);
  const byKey = new Map(list.map((l) => [normaliseLabel(l), l] as const));
  const old = new Map(Object.entries(release1));
  const oldByKey = new Map([...old.keys()].map((l) => [normaliseLabel(l), l] as const));
  const oldMatch = (label: string): ListMatch => ({
    canonical: old.get(label) ?? undefined,
    normalised: false,
    release1: label,
  });
  return (value) => {
    if (exact.has(value)) return { canonical: value, normalised: false };
    if (old.has(value)) return oldMatch(value);
    const key = normaliseLabel(value);
    const canonical = byKey.get(key);
    if (canonical !== undefined) return { canonical, normalised: true };
    const label = oldByKey.get(key);
    return label === undefined ? undefined : oldMatch(label);
  };
}
