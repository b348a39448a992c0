/**
 * Defined-list values of a record, trimmed and matched as the specification does (case- and
 * dash-insensitive); a value found only after normalisation is replaced by its canonical label and
 * noted. Values outside the list are left as they are for the schema's `enum` to report.
 * @module
 */
import type { FeedField } from './cld-fields.js';
import type { RecordReporter } from './feed-check.js';
import type { NormalisationNotes } from './normalisation-notes.js';
import type { ListMatcher } from './normalise-label.js';
import { createListMatcher } from './normalise-label.js';

/** Matchers for the list fields of a feed (with the field's requirement ids), built once per validation. */
export type ListMatchers = ReadonlyMap<
  string,
  { readonly match: ListMatcher; readonly requirements: readonly string[] }
>;

/** Builds a matcher for every field that has a defined list. */
export function createListMatchers(fields: readonly FeedField[]): ListMatchers {
  const out = new Map<string, { match: ListMatcher; requirements: readonly string[] }>();
  for (const f of fields)
    if (f.list)
      out.set(f.name, {
        match: createListMatcher(f.list, f.release1),
        requirements: f.requirements ?? [],
      });
  return out;
}

/**
 * Returns a copy of `record` with list values normalised (the input is never changed). A label of the
 * superseded release is reported (`cld.release-1-value`, naming the current label it maps to), added
 * to `release1` and replaced by that label, or removed when it has none.
 */
export function normaliseListValues(
  record: Readonly<Record<string, unknown>>,
  matchers: ListMatchers,
  notes: NormalisationNotes,
  at: RecordReporter,
  release1?: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  for (const [field, { match, requirements }] of matchers) {
    const value = out[field];
    if (typeof value !== 'string') continue;
    const found = match(value.trim());
    if (!found) continue;
    if (found.release1 !== undefined) {
      release1?.add(field);
      at.report(
        'cld.release-1-value',
        `/${field}`,
        { field, value: found.release1, expected: found.canonical ?? '' },
        requirements,
      );
      if (found.canonical === undefined) delete out[field];
      else out[field] = found.canonical;
      continue;
    }
    if (found.canonical === undefined) continue;
    out[field] = found.canonical;
    if (found.normalised || value !== value.trim())
      notes.value(field, value, found.canonical, () => at.locate(`/${field}`));
  }
  return out;
}
