/**
 * The one-line description of an issue shared by the text-like renderers (text, JUnit bodies):
 * `severity code expression at pointer (line:col) message [requirement ids] [waived until …: reason]`
 * (the pointer when not the whole payload, the ids when there are some). Control characters from
 * the payload are shown escaped (see escapeControlCharacters).
 * @module
 */
import type { Issue, Severity } from '../../issues/issue.js';
import { escapeControlCharacters as safe } from './escape-control-characters.js';

/** Which part of the line is being painted, for renderers that style parts (the text renderer's colours). */
export type IssuePart = Severity | 'waived' | 'location';

/** Options of {@link describeIssue}. */
export interface DescribeOptions {
  /** Pad the severity to this width (the text renderer aligns columns). */
  readonly severityWidth?: number;
  /** Wraps a part in styling; identity by default. */
  readonly paint?: (part: IssuePart, text: string) => string;
}

/**
 * Describes one issue on one line.
 * @example describeIssue(issue) // 'error cardinality.too-few Patient.name at /name (3:5) Patient.name: minimum required = 1, … [MDS-02]'
 */
export function describeIssue(issue: Issue, options: DescribeOptions = {}): string {
  const paint = options.paint ?? ((_: IssuePart, text: string) => text);
  const severity = issue.severity.padEnd(options.severityWidth ?? 0);
  const parts = [paint(issue.waived ? 'waived' : issue.severity, severity), issue.code];
  if (issue.expression) parts.push(safe(issue.expression));
  if (issue.pointer) parts.push(paint('location', `at ${safe(issue.pointer)}`));
  if (issue.position)
    parts.push(paint('location', `(${issue.position.line}:${issue.position.column})`));
  parts.push(safe(issue.message));
  if (issue.requirements?.length) parts.push(`[${issue.requirements.map(safe).join(', ')}]`);
  if (issue.waived) {
    const until = issue.waived.until ? ` until ${safe(issue.waived.until)}` : '';
    parts.push(paint('waived', `[waived${until}: ${safe(issue.waived.reason)}]`));
  }
  return parts.join(' ');
}
