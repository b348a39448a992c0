/**
 * Maps the header of a CSV feed to the feed's fields. Names match exactly, or after normalising case,
 * spaces and punctuation (`Request: Route of Access`, `request_route_of_access` → field
 * `Request_Route_of_Access`), with a `feed.column-name-normalised` note. Unknown columns are reported
 * once and not read; a required field without a column is reported once (not once per row).
 * @module
 */
import type { IssueInput } from '../issues/collector.js';
import type { FeedField } from './cld-fields.js';

/** The outcome of header mapping: the field read from each column, and header issues. */
export interface CsvHeaderMap {
  readonly columns: readonly (FeedField | undefined)[];
  /** 1-based column of each mapped field. */
  readonly columnOf: ReadonlyMap<string, number>;
  readonly issues: readonly IssueInput[];
  /** Always-required fields with no column. */
  readonly missing: readonly string[];
}

/** The comparison key of a column name: lower case letters and digits only. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function headerIssue(code: string, column: number, params: Record<string, string>): IssueInput {
  return {
    code,
    pointer: '',
    expression: `Header[${column - 1}]`,
    params,
    position: { line: 1, column },
  };
}

/** Maps `names` (the header cells) to `fields`; `feed` names the feed in messages. */
export function mapCsvHeader(
  names: readonly string[],
  fields: readonly FeedField[],
  feed: string,
): CsvHeaderMap {
  const byKey = new Map(fields.map((f) => [columnKey(f.name), f] as const));
  const columns: (FeedField | undefined)[] = [];
  const columnOf = new Map<string, number>();
  const issues: IssueInput[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    const column = i + 1;
    const field = byKey.get(columnKey(name));
    if (!field) {
      columns.push(undefined);
      if (name !== '')
        issues.push(headerIssue('feed.csv-unknown-column', column, { column: name, feed }));
      return;
    }
    if (field.ignored) {
      columns.push(undefined);
      issues.push(headerIssue('cld.column-not-read', column, { column: field.name }));
      return;
    }
    if (columnOf.has(field.name)) {
      columns.push(undefined);
      issues.push(headerIssue('feed.csv-duplicate-column', column, { field: field.name }));
      return;
    }
    columns.push(field);
    columnOf.set(field.name, column);
    if (name !== field.name)
      issues.push(
        headerIssue('feed.column-name-normalised', column, { column: name, field: field.name }),
      );
  });
  const missing = fields
    .filter((f) => f.alwaysRequired && !columnOf.has(f.name))
    .map((f) => f.name);
  for (const field of missing) {
    issues.push({
      code: 'feed.csv-missing-column',
      pointer: '',
      expression: 'Header',
      params: { field },
      position: { line: 1, column: 1 },
      requirements: fieldRequirements(fields, field),
    });
  }
  return { columns, columnOf, issues, missing };
}

function fieldRequirements(fields: readonly FeedField[], name: string): readonly string[] {
  return fields.find((f) => f.name === name)?.requirements ?? [];
}
