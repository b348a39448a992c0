/**
 * The detect/parse switch point of the pipeline for FHIR: a small registry of FHIR syntaxes. Each
 * syntax says how to recognise a payload (media type, file extension, first characters) and how
 * to read a whole text into what the engine validates, with issue positions. JSON (a resource or
 * Bundle) and NDJSON (one resource per line, read record by record) are built in; FHIR XML
 * (fhir-xml-syntax.ts) is added by `createChecker` over its registry; others can be given to
 * `createChecker({ syntaxes })`.
 * @module
 */
import type { Issue, Position } from '../issues/issue.js';

/** A whole payload read by a syntax: the value to validate and how to place its issues, or the issues that stopped the read. */
export type ParsedPayload =
  | {
      readonly ok: true;
      readonly value: unknown;
      readonly place: (issues: readonly Issue[]) => Issue[];
      /** The position of a pointer (or of its nearest ancestor) in the text, for values validated apart (a `$validate` Parameters' resource). */
      readonly position?: (pointer: string) => Position | undefined;
      /** Issues of the syntax itself found while reading (never fatal here), which `place` merges in. */
      readonly issues?: readonly Issue[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** One FHIR syntax. */
export interface FhirSyntax {
  /** The format name used by `--format`/`?format=` (`json`, `ndjson`, `xml`, …). */
  readonly format: string;
  /** Media types that mean this syntax (without parameters). */
  readonly mediaTypes: readonly string[];
  /** File extensions (lower case, with the dot) that mean this syntax. */
  readonly extensions: readonly string[];
  /** True when the start of a payload (first characters, trimmed) is in this syntax; consulted before feed detection. */
  sniff?(head: string): boolean;
  /**
   * Reads a whole text. Absent for JSON and NDJSON, which the pipeline reads itself (the engine
   * parses JSON with positions; NDJSON goes record by record).
   */
  parse?(text: string): ParsedPayload;
}

/** FHIR JSON: a resource or a Bundle. */
export const jsonSyntax: FhirSyntax = {
  format: 'json',
  mediaTypes: ['application/fhir+json'],
  extensions: ['.json'],
};

/** FHIR NDJSON (Bulk Data): one resource per line. */
export const ndjsonSyntax: FhirSyntax = {
  format: 'ndjson',
  mediaTypes: ['application/fhir+ndjson', 'application/x-ndjson', 'application/ndjson'],
  extensions: ['.ndjson', '.jsonl'],
};

/** The built-in syntaxes. */
export const builtinSyntaxes: readonly FhirSyntax[] = [jsonSyntax, ndjsonSyntax];

/** The syntax a media type names, if any. */
export function syntaxForMediaType(
  syntaxes: readonly FhirSyntax[],
  mediaType: string,
): FhirSyntax | undefined {
  return syntaxes.find((s) => s.mediaTypes.includes(mediaType));
}

/** The syntax a registered non-JSON syntax recognises in `head` or `filename`, if any. */
export function sniffSyntax(
  syntaxes: readonly FhirSyntax[],
  head: string,
  filename: string | undefined,
): FhirSyntax | undefined {
  const name = filename?.toLowerCase() ?? '';
  const trimmed = head.replace(/^\uFEFF/, '').trimStart();
  return syntaxes.find(
    (s) =>
      s.parse !== undefined &&
      (s.extensions.some((e) => name.endsWith(e)) || s.sniff?.(trimmed) === true),
  );
}
