/**
 * JUnit XML for CI test report parsers (GitLab, Jenkins, Azure DevOps, GitHub test-report actions).
 *
 * Shape: `testsuites` > one `testsuite` per file (sorted by path; name = the path) > one `testcase`
 * per record of the result (`result.records`: resources, Bundle entries, contained resources, feed
 * rows), named `<type> <pointer>` (`Patient /entry/0/resource`, `Bundle (root)`), classname = the
 * file path. Issues belong to the record whose pointer is the longest prefix of the issue pointer
 * (see group-by-record.ts); issues under no record, or a result without records, go to a testcase
 * named after the file itself.
 *
 * A testcase fails when it has an unwaived error or fatal issue: ONE `<failure>` per testcase (the
 * Ant/Surefire schema allows one), `type` = the first failing issue's code, `message` = that issue's
 * code, expression and message (plus "and N more"), and the body lists every failing issue, one per
 * line. Warnings, information and waived issues are listed in the testcase's `<system-out>` (shown
 * by GitLab and Jenkins beside the test), never as failures. `errors` and `skipped` are always 0:
 * a JUnit error means the test itself broke, and no record is skipped.
 *
 * Times, in seconds with 3 decimals: `testsuite@time` is the file's measured time (reading and
 * checking, `FileResult.durationMs`, 0 when the caller did not measure it). A testcase whose record
 * the engine timed (`RecordRef.ms`: FHIR resources, Bundle entries and NDJSON lines, each without
 * the records nested in it) shows that time, in whole milliseconds; what is left of the file's time (reading, parsing,
 * cross-record checks) is shared equally, in whole milliseconds, by the other testcases (feed rows,
 * the file's own case), or by all of them when none was timed. `testsuites@time` is the run's
 * duration when given (which includes start-up), else the sum of the suites.
 * @module
 */
import type { Issue } from '../../issues/issue.js';
import type { RecordRef } from '../../validation-result.js';
import { describeIssue } from './describe-issue.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './escape-xml.js';
import type { FileResult, RunInfo } from './file-result.js';
import { groupByRecord } from './group-by-record.js';
import { isFailing, sortFiles } from './summarise-files.js';

interface TestCase {
  readonly name: string;
  /** The engine's time for this record (ms), when it measured one. */
  readonly ms?: number;
  readonly failing: readonly Issue[];
  readonly other: readonly Issue[];
}

/**
 * Renders JUnit XML (UTF-8, ending with a newline).
 * @example renderJunit(files, { toolName: 'mdss', toolVersion: '0.1.0', frameworkVersion: '1.0.0' })
 */
export function renderJunit(files: readonly FileResult[], runInfo: RunInfo): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let suitesMs = 0;
  for (const fileResult of sortFiles(files)) {
    suitesMs += wholeMs(fileResult.durationMs);
    const cases = toTestCases(fileResult);
    const suiteFailures = cases.filter((c) => c.failing.length > 0).length;
    tests += cases.length;
    failures += suiteFailures;
    suites.push(renderSuite(fileResult, cases, suiteFailures, runInfo));
  }
  const time = seconds(Math.max(runInfo.durationMs ?? 0, suitesMs));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${attr(runInfo.toolName)}" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="${time}">\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}

function toTestCases({ file, result }: FileResult): TestCase[] {
  return groupByRecord(result).map(({ record, issues }) => ({
    name: record ? recordName(record) : file,
    ...(record?.ms !== undefined && Number.isFinite(record.ms) ? { ms: record.ms } : {}),
    failing: issues.filter(isFailing),
    other: issues.filter((i) => !isFailing(i)),
  }));
}

function recordName(record: RecordRef): string {
  return `${record.type} ${record.pointer === '' ? '(root)' : record.pointer}`;
}

function renderSuite(
  { file, feed, result, durationMs }: FileResult,
  cases: readonly TestCase[],
  failures: number,
  runInfo: RunInfo,
): string {
  const properties = [
    ['feed', feed],
    ['valid', String(result.valid)],
    ['truncated', String(result.truncated)],
    ['records', String(result.recordCount)],
    ['mdss.version', runInfo.toolVersion],
    ['framework.version', result.frameworkVersion ?? runInfo.frameworkVersion],
  ]
    .map(([name, value]) => `      <property name="${attr(name!)}" value="${attr(value!)}"/>\n`)
    .join('');
  const ms = wholeMs(durationMs);
  const timed = cases.filter((c) => c.ms !== undefined);
  const measured = timed.reduce((sum, c) => sum + c.ms!, 0);
  // what the engine did not time is shared by the cases it did not time (all of them if none was)
  const untimed = cases.filter((c) => c.ms === undefined);
  const rest = timed.length === 0 ? ms : Math.max(0, Math.floor(ms - measured));
  const sharing = timed.length === 0 ? cases : untimed;
  // case i of n gets floor(rest·(i+1)/n) − floor(rest·i/n): equal shares that add up to rest exactly
  const shareOf = new Map(
    sharing.map((c, i) => [
      c,
      Math.floor((rest * (i + 1)) / sharing.length) - Math.floor((rest * i) / sharing.length),
    ]),
  );
  // measured times in whole ms by cumulative floors, so that they never add up to more than measured
  let cumulative = 0;
  for (const c of timed) {
    const before = Math.floor(cumulative);
    cumulative += c.ms!;
    shareOf.set(c, Math.floor(cumulative) - before);
  }
  const share = (i: number) => shareOf.get(cases[i]!) ?? 0;
  return (
    `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(ms)}">\n` +
    `    <properties>\n${properties}    </properties>\n` +
    cases.map((c, i) => renderCase(c, file, share(i))).join('') +
    '  </testsuite>\n'
  );
}

function renderCase(testCase: TestCase, classname: string, ms: number): string {
  const open = `    <testcase name="${attr(testCase.name)}" classname="${attr(classname)}" time="${seconds(ms)}"`;
  if (testCase.failing.length === 0 && testCase.other.length === 0) return `${open}/>\n`;
  let body = '';
  const [first] = testCase.failing;
  if (first) {
    const more = testCase.failing.length > 1 ? ` (and ${testCase.failing.length - 1} more)` : '';
    const message = `${first.code}${first.expression ? ` at ${first.expression}` : ''}: ${first.message}${more}`;
    const lines = testCase.failing.map((i) => describeIssue(i)).join('\n');
    body += `      <failure message="${attr(message)}" type="${attr(first.code)}">${text(lines)}</failure>\n`;
  }
  if (testCase.other.length > 0) {
    body += `      <system-out>${text(testCase.other.map((i) => describeIssue(i)).join('\n'))}</system-out>\n`;
  }
  return `${open}>\n${body}    </testcase>\n`;
}

/** A measured duration in whole milliseconds (absent, negative or not finite: 0). */
function wholeMs(ms: number | undefined): number {
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
