/**
 * Value-free views of a pull for people and machines: the capability and transport issues (their
 * parameters are codes, types and statuses only), the sample sizes and the submission summary.
 * Data issues appear only as the summary's aggregates (code, element path, count, requirement ids):
 * their messages may quote sampled values and are never shown here.
 * @module
 */
import type { Issue } from '../issues/issue.js';
import type { SubmissionSummary } from '../framework/submission-summary.js';
import type { PullOutcome, Unreachable } from './pull-partner.js';

/** One endpoint issue, as reported. */
export interface PullIssueView {
  readonly code: string;
  readonly severity: Issue['severity'];
  readonly expression: string;
  readonly message: string;
  readonly params: Issue['params'];
  readonly requirements: readonly string[];
}

/** The JSON view of a pull (the body of `POST /v1/partners/{id}/pull`, `mdss pull --format json`). */
export interface PullReport {
  readonly partnerId: string;
  readonly capabilityRead: boolean;
  readonly gaps: boolean;
  readonly sampled: Readonly<Record<string, number>>;
  readonly capabilityIssues: readonly PullIssueView[];
  readonly transportIssues: readonly PullIssueView[];
  readonly submissionId?: string;
  /** Set when the endpoint could not be reached at all: then nothing was recorded. */
  readonly unreachable?: Unreachable;
  readonly summary: SubmissionSummary;
}

function view(i: Issue): PullIssueView {
  return {
    code: i.code,
    severity: i.severity,
    expression: i.expression,
    message: i.message,
    params: i.params,
    requirements: i.requirements ?? [],
  };
}

/** The value-free report of a pull. */
export function toPullReport(outcome: PullOutcome): PullReport {
  return {
    partnerId: outcome.partnerId,
    capabilityRead: outcome.capabilityRead,
    gaps: outcome.gaps,
    sampled: outcome.sampled,
    capabilityIssues: outcome.capabilityIssues.map(view),
    transportIssues: outcome.transportIssues.map(view),
    ...(outcome.submissionId ? { submissionId: outcome.submissionId } : {}),
    ...(outcome.unreachable ? { unreachable: outcome.unreachable } : {}),
    summary: outcome.summary,
  };
}

function reqs(ids: readonly string[]): string {
  return ids.length ? ` [${ids.join(', ')}]` : '';
}

/** Plain-text rendering of {@link toPullReport} for a terminal. */
export function renderPullText(report: PullReport, baseUrl: string): string {
  const lines: string[] = [`mdss pull ${report.partnerId}: ${baseUrl}`];
  lines.push(`CapabilityStatement: ${report.capabilityRead ? 'read' : 'not read'}`);
  const sampled = Object.entries(report.sampled);
  lines.push(
    `sampled: ${sampled.length ? sampled.map(([t, n]) => `${t} ${n}`).join(', ') : 'nothing'}`,
  );
  const section = (title: string, issues: readonly PullIssueView[]): void => {
    if (!issues.length) return;
    lines.push('', `${title} (${issues.length}):`);
    for (const i of issues)
      lines.push(`  ${i.severity} ${i.code}${reqs(i.requirements)} ${i.expression}: ${i.message}`);
  };
  section('capability gaps', report.capabilityIssues);
  section('transport', report.transportIssues);
  const failed = report.summary.requirements.filter((r) => r.failed > 0);
  lines.push(
    '',
    `requirements: ${report.summary.requirements.length - failed.length} met, ${failed.length} with gaps`,
  );
  for (const r of failed) lines.push(`  ${r.requirementId}: ${r.failed} of ${r.checked} failed`);
  const data = report.summary.issues.filter(
    (a) => !a.code.startsWith('capability.') && !a.code.startsWith('pull.'),
  );
  if (data.length) {
    lines.push('', `data issues by code and element (${data.length}):`);
    for (const a of data)
      lines.push(`  ${a.severity} ${a.code}${reqs(a.requirements)} ${a.path} ×${a.count}`);
  }
  if (report.submissionId) lines.push('', `recorded as submission ${report.submissionId}`);
  return `${lines.join('\n')}\n`;
}
