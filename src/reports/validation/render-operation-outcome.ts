/**
 * FHIR rendering of validation results, through the one issue mapping in
 * `issues/to-operation-outcome.ts`.
 *
 * - One file: one `OperationOutcome` (what `$validate` answers).
 * - Several files: a `Bundle` of type `collection`, one entry per file (sorted by path), each an
 *   `OperationOutcome`.
 *
 * Where the file name goes (a decision): an extension on the OperationOutcome resource,
 * {@link validatedFileExtension} (`valueString` = the path), plus {@link validatedFeedExtension}
 * for the feed. Not `OperationOutcome.issue.location`: that element is deprecated in R4, holds
 * XPath-like element locations inside one resource, and would have to be repeated on every issue
 * (and an "All OK" outcome has no real issue to carry it).
 *
 * Per issue, the one mapping adds the JSON pointer, the requirement ids and, for waived issues
 * (which keep their severity: the OperationOutcome says what was found), the waiver (see
 * docs/operation-outcome.md for the extensions).
 * @module
 */
import type { Bundle, Extension, OperationOutcome } from '@medplum/fhirtypes';
import { toOperationOutcome } from '../../issues/to-operation-outcome.js';
import type { FileResult, RunInfo } from './file-result.js';
import { toFhirXml } from './operation-outcome-xml.js';
import { sortFiles } from './summarise-files.js';

const base = 'https://mdss.example.org/fhir/StructureDefinition/';

/** Extension on an OperationOutcome: the validated file's path (`valueString`). */
export const validatedFileExtension = `${base}validated-file`;
/** Extension on an OperationOutcome: the feed the file was validated as (`valueCode`). */
export const validatedFeedExtension = `${base}validated-feed`;
export { waivedExtension } from '../../issues/to-operation-outcome.js';

/** Options of the OperationOutcome renderers. */
export interface OperationOutcomeOptions {
  /** CodeSystem for requirement ids in `issue.details.coding`; omitted when not given. */
  readonly requirementSystem?: string;
}

/** The OperationOutcome of one file, with the file and feed extensions. */
export function toFileOperationOutcome(
  fileResult: FileResult,
  options: OperationOutcomeOptions = {},
): OperationOutcome {
  const { file, feed, result } = fileResult;
  const outcome = toOperationOutcome(result.issues, options.requirementSystem);
  const extension: Extension[] = [];
  if (file) extension.push({ url: validatedFileExtension, valueString: file });
  if (feed) extension.push({ url: validatedFeedExtension, valueCode: feed });
  return {
    resourceType: 'OperationOutcome',
    ...(extension.length ? { extension } : {}),
    issue: outcome.issue,
  };
}

/** A `collection` Bundle with one OperationOutcome per file, sorted by path. */
export function toOperationOutcomeBundle(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: OperationOutcomeOptions = {},
): Bundle<OperationOutcome> {
  // a collection's entries need a fullUrl: a fixed urn:uuid per position keeps the output stable
  const entry = sortFiles(files).map((f, i) => ({
    fullUrl: `urn:uuid:00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    resource: toFileOperationOutcome(f, options),
  }));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    ...(runInfo.startedAt ? { timestamp: runInfo.startedAt } : {}),
    ...(entry.length ? { entry } : {}), // FHIR JSON forbids empty arrays
  };
}

/**
 * Renders one OperationOutcome when given exactly one file, otherwise a Bundle of them (an empty
 * run gives an empty collection). Two-space indented JSON ending with a newline.
 */
export function renderOperationOutcome(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: OperationOutcomeOptions = {},
): string {
  const doc =
    files.length === 1
      ? toFileOperationOutcome(files[0]!, options)
      : toOperationOutcomeBundle(files, runInfo, options);
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** {@link renderOperationOutcome} as FHIR R4 XML (`--format operationoutcome-xml`). */
export function renderOperationOutcomeXml(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: OperationOutcomeOptions = {},
): string {
  const doc =
    files.length === 1
      ? toFileOperationOutcome(files[0]!, options)
      : toOperationOutcomeBundle(files, runInfo, options);
  return toFhirXml(doc as unknown as Record<string, unknown>);
}
