/**
 * Reads a report request: the period (`?from=`, `?to=`, ISO dates or instants; default the current
 * UTC calendar month, as `mdss report`: the one rule in reports/conformance/report-period.ts) and
 * the format (`?format=` or `Accept`).
 * @module
 */
import { resolveReportPeriod, type ReportPeriod } from '../reports/conformance/report-period.js';
import { httpProblem } from './http-problem.js';

/** Report formats. */
export const reportFormats = ['json', 'csv', 'markdown', 'html'] as const;
/** A report format. */
export type ReportFormat = (typeof reportFormats)[number];

/** Media types of the report formats. */
export const reportMediaTypes: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** The period from query values; 400 when a value is not a date or `from` is not before `to`. */
export function readPeriod(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): ReportPeriod {
  const r = resolveReportPeriod(from, to, now);
  if ('period' in r) return r.period;
  const reason =
    r.problem.reason === 'not-a-date'
      ? 'an ISO date or an instant with a time zone is expected'
      : 'from must be before to';
  throw httpProblem(400, 'http.invalid-parameter', { name: r.problem.name, reason });
}

/** The format from `?format=`, else from `Accept`, else JSON. */
export function readFormat(format: string | undefined, accept: string | undefined): ReportFormat {
  if (format !== undefined) {
    if (!(reportFormats as readonly string[]).includes(format))
      throw httpProblem(400, 'http.invalid-parameter', {
        name: 'format',
        reason: reportFormats.join(', '),
      });
    return format as ReportFormat;
  }
  const a = (accept ?? '').toLowerCase();
  if (a.includes('text/html')) return 'html';
  if (a.includes('text/csv')) return 'csv';
  if (a.includes('text/markdown')) return 'markdown';
  return 'json';
}
