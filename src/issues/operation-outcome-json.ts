/**
 * The OperationOutcome of issues as FHIR JSON text, written directly: the same characters as
 * `JSON.stringify(toOperationOutcome(issues))`, without building the outcome's objects first and
 * escaping each distinct string once per call (a Bundle's issues repeat their codes and messages).
 * The mapping itself lives in to-operation-outcome.ts; a test holds the two together.
 * @module
 */
import { issueCodes } from './codes/index.js';
import type { Issue } from './issue.js';
import {
  issueCodeSystem,
  issuePointerExtension,
  issueRequirementExtension,
  toOperationOutcome,
} from './to-operation-outcome.js';

const q = JSON.stringify;
const hl7 = 'http://hl7.org/fhir/StructureDefinition/';
const lineHead = `{"url":${q(`${hl7}operationoutcome-issue-line`)},"valueInteger":`;
const colHead = `{"url":${q(`${hl7}operationoutcome-issue-col`)},"valueInteger":`;
const messageIdHead = `{"url":${q(`${hl7}operationoutcome-message-id`)},"valueString":`;
const pointerHead = `,{"url":${q(issuePointerExtension)},"valueString":`;
const requirementHead = `,{"url":${q(issueRequirementExtension)},"valueCode":`;
const codingHead = `"details":{"coding":[{"system":${q(issueCodeSystem)},"code":`;

/**
 * `JSON.stringify(toOperationOutcome(issues))`, character for character. Issues outside the usual
 * shape (waived, or a field of an unexpected type) and an empty list take that very route.
 */
export function operationOutcomeJson(issues: readonly Issue[]): string {
  if (!plainIssues(issues)) return q(toOperationOutcome(issues));
  const escaped = new Map<string, string>();
  const str = (s: string): string => {
    let out = escaped.get(s);
    if (out === undefined) escaped.set(s, (out = q(s)));
    return out;
  };
  let out = '{"resourceType":"OperationOutcome","issue":[';
  for (let k = 0; k < issues.length; k++) {
    const issue = issues[k]!;
    const code = str(issue.code);
    let ext = '';
    // integers (plainIssues checked): their JSON is their decimal text
    if (issue.position)
      ext += `${lineHead}${issue.position.line}},${colHead}${issue.position.column}},`;
    ext += `${messageIdHead}${code}}`;
    if (issue.pointer) ext += `${pointerHead}${q(issue.pointer)}}`;
    for (const r of issue.requirements ?? []) ext += `${requirementHead}${str(r)}}`;
    const type = issueCodes[issue.code]?.fhirIssueType ?? 'processing';
    out += `${k > 0 ? ',' : ''}{"extension":[${ext}],"severity":${str(issue.severity)},"code":${str(type)},`;
    out += `${codingHead}${code}}],"text":${str(issue.message)}}`;
    out += issue.expression ? `,"expression":[${q(issue.expression)}]}` : '}';
  }
  return `${out}]}`;
}

/**
 * Whether the direct writers (JSON here, XML in reports/validation) render `issues` as the objects
 * of `toOperationOutcome` would be rendered: some issues, none waived, strings where strings are due.
 */
export function plainIssues(issues: readonly Issue[]): boolean {
  return issues.length > 0 && issues.every(plain);
}

function plain(issue: Issue): boolean {
  const p = issue.position;
  return (
    !issue.waived &&
    typeof issue.code === 'string' &&
    typeof issue.severity === 'string' &&
    typeof issue.message === 'string' &&
    typeof issue.pointer === 'string' &&
    typeof issue.expression === 'string' &&
    (p === undefined || (Number.isInteger(p.line) && Number.isInteger(p.column))) &&
    (issue.requirements === undefined ||
      (Array.isArray(issue.requirements) && issue.requirements.every((r) => typeof r === 'string')))
  );
}
