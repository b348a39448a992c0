/**
 * Remembers values the readers had to normalise (defined-list labels matched only after case/dash
 * normalisation, dates written DD/MM/YYYY) and reports each distinct case once, at its first
 * location, with the number of occurrences, so a file written consistently in a variant spelling
 * gives a handful of information issues rather than one per row. Dates are never put in params.
 * @module
 */
import type { IssueInput } from '../issues/collector.js';
import type { FeedLocation } from './feed-check.js';
import { issueAt } from './feed-check.js';

/** Distinct notes kept at most; later new spellings are still normalised, just not reported. */
const maxNotes = 1000;

interface Note {
  readonly code: string;
  readonly params: Record<string, string>;
  readonly location: FeedLocation;
  count: number;
}

/** Collects normalisation notes during one validation. */
export class NormalisationNotes {
  readonly #notes = new Map<string, Note>();

  /** A defined-list value that matched `canonical` only after normalisation. */
  value(field: string, value: string, canonical: string, location: () => FeedLocation): void {
    this.#add(
      `v\u0000${field}\u0000${value}`,
      'feed.value-normalised',
      { field, value, canonical },
      location,
    );
  }

  /** A date written DD/MM/YYYY. */
  dmy(field: string, location: () => FeedLocation): void {
    this.#add(`d\u0000${field}`, 'feed.date-format-dmy', { field }, location);
  }

  #add(
    key: string,
    code: string,
    params: Record<string, string>,
    location: () => FeedLocation,
  ): void {
    const note = this.#notes.get(key);
    if (note) {
      note.count++;
      return;
    }
    if (this.#notes.size >= maxNotes) return;
    this.#notes.set(key, { code, params, location: location(), count: 1 });
  }

  /** Reports every note. */
  flush(add: (input: IssueInput) => void): void {
    for (const n of this.#notes.values()) {
      add(issueAt(n.location, { code: n.code, params: { ...n.params, occurrences: n.count } }));
    }
  }
}
