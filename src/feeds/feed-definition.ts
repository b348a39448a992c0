/**
 * What the feed engine needs to know about one kind of feed: its record type, precompiled schema
 * validator, fields (for CSV columns and defined lists), requirement mapping and checks.
 * @module
 */
import type { FeedField } from './cld-fields.js';
import type { DataQualityView } from '../validation-result.js';
import type { FeedCheck, RecordReporter } from './feed-check.js';

/** The feeds MDSS knows. */
export type FeedKind = 'cld' | 'cin';

/** A precompiled (ajv standalone) validator: after a call, `errors` holds ajv's errors or null. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?:
    | readonly {
        keyword: string;
        instancePath: string;
        schemaPath: string;
        params: Record<string, unknown>;
      }[]
    | null;
}

/** Options that change which checks a feed runs. */
export interface FeedCheckOptions {
  readonly allowTestNumbers?: boolean;
  /** Today's date (ISO `YYYY-MM-DD`) from the injected clock; enables not-in-the-future checks. */
  readonly today?: string;
  /** Fields whose whole CSV column is missing (filled by the reader once the header is read). */
  readonly missingColumns?: ReadonlySet<string>;
  /** How the specification release was chosen (given, or detected from values, header or period). */
  readonly releaseBasis?: DataQualityView['releaseBasis'];
}

/** Builds the national data-quality view of a return, row by row. */
export interface DataQualityAccumulator {
  /** One row after list normalisation; `release1` names the fields that held a superseded-release value. */
  row(
    record: Readonly<Record<string, unknown>>,
    release1: ReadonlySet<string>,
    at: RecordReporter,
  ): void;
  result(): DataQualityView;
}

/** One kind of feed. */
export interface FeedDefinition {
  readonly feed: FeedKind;
  /** Record type in `ValidationResult.records`. */
  readonly recordType: 'cld-event' | 'cin-child';
  /** The field that identifies a record across submissions (`RecordRef.key`), unique in a feed. */
  readonly recordKey: string;
  /** Schema file name, recorded in `rule.schemaPath`. */
  readonly schemaFile: string;
  /** The schema's `$id`, listed in `ValidationResult.profiles`. */
  readonly schemaId: string;
  readonly validate: SchemaValidator;
  /** Text values that mean "blank" (CLD Release 2: `NULL`, as DHSC reads it); such fields are treated as absent. */
  readonly blankValues?: readonly string[];
  /** Top-level fields; for CSV feeds, the columns. */
  readonly fields: readonly FeedField[];
  /** True when the feed can be read from CSV (flat records). */
  readonly csv: boolean;
  /** Requirement ids an issue at `relPointer` (relative to the record) bears on. */
  requirementsFor(relPointer: string, code: string, schemaPath?: string): readonly string[];
  /** Fresh checks for one validation (they may keep cross-record state). */
  createChecks(options: FeedCheckOptions): FeedCheck[];
  /** A fresh data-quality view for one validation, for feeds that have one (CLD). */
  createDataQuality?(options: FeedCheckOptions): DataQualityAccumulator;
}

/** The first token of a relative pointer (`/Event_End_Date` → `Event_End_Date`). */
export function firstToken(relPointer: string): string {
  const t = relPointer.split('/')[1] ?? '';
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}
