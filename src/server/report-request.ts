/**
 * Reads a report request: the period (`?from=`, `?to=`, ISO dates or instants; default the 30 UTC
 * days up to and including today, compared with the 30 days before) and the format (`?format=` or `Accept`).
 * @module
 */
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

/** A reporting period and the one before it, as ISO instants (`from` inclusive, `to` exclusive). */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
  readonly previousFrom: string;
}

const dayMs = 86_400_000;

/** The period from query values; 400 when a value is not a date or `from` is not before `to`. */
export function readPeriod(from: string | undefined, to: string | undefined, now: Date): ReportPeriod {
  const end = to === undefined ? Math.floor(now.getTime() / dayMs) * dayMs + dayMs : parseInstant('to', to);
  const start = from === undefined ? end - 30 * dayMs : parseInstant('from', from);
  if (!(start < end)) throw httpProblem(400, 'http.invalid-parameter', { name: 'from', reason: 'from must be before to' });
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString(), previousFrom: new Date(start - (end - start)).toISOString() };
}

function parseInstant(name: string, value: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw httpProblem(400, 'http.invalid-parameter', { name, reason: 'an ISO date or instant is expected' });
  return ms;
}

/** The format from `?format=`, else from `Accept`, else JSON. */
export function readFormat(format: string | undefined, accept: string | undefined): ReportFormat {
  if (format !== undefined) {
    if (!(reportFormats as readonly string[]).includes(format)) throw httpProblem(400, 'http.invalid-parameter', { name: 'format', reason: reportFormats.join(', ') });
    return format as ReportFormat;
  }
  const a = (accept ?? '').toLowerCase();
  if (a.includes('text/html')) return 'html';
  if (a.includes('text/csv')) return 'csv';
  if (a.includes('text/markdown')) return 'markdown';
  return 'json';
}
