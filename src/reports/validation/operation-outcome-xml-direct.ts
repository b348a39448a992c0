/**
 * The OperationOutcome of issues as FHIR R4 XML, written directly: the same characters as
 * `toFhirXml(toOperationOutcome(issues))` (operation-outcome-xml.ts), without building the outcome's
 * objects or ordering their keys per element, and escaping each distinct value once per call. The
 * mapping lives in issues/to-operation-outcome.ts; a test holds the two writers together.
 * @module
 */
import { issueCodes } from '../../issues/codes/index.js';
import type { Issue } from '../../issues/issue.js';
import { plainIssues } from '../../issues/operation-outcome-json.js';
import {
  issueCodeSystem,
  issuePointerExtension,
  issueRequirementExtension,
  toOperationOutcome,
} from '../../issues/to-operation-outcome.js';
import { escapeXmlAttribute } from './escape-xml.js';
import { toFhirXml } from './operation-outcome-xml.js';

const hl7 = 'http://hl7.org/fhir/StructureDefinition/';

/** The opening of one extension of an issue, and its value element's name. */
function extension(url: string, valueType: string): string {
  return `    <extension url="${escapeXmlAttribute(url)}">\n      <${valueType} value="`;
}

const lineHead = extension(`${hl7}operationoutcome-issue-line`, 'valueInteger');
const colHead = extension(`${hl7}operationoutcome-issue-col`, 'valueInteger');
const messageIdHead = extension(`${hl7}operationoutcome-message-id`, 'valueString');
const pointerHead = extension(issuePointerExtension, 'valueString');
const requirementHead = extension(issueRequirementExtension, 'valueCode');
const extensionTail = '"/>\n    </extension>\n';
const codingHead = `    <details>\n      <coding>\n        <system value="${escapeXmlAttribute(issueCodeSystem)}"/>\n        <code value="`;

/**
 * `toFhirXml(toOperationOutcome(issues))`, character for character. Issues outside the usual shape
 * (waived, or a field of an unexpected type) and an empty list take that very route.
 */
export function operationOutcomeXml(issues: readonly Issue[]): string {
  if (!plainIssues(issues))
    return toFhirXml(toOperationOutcome(issues) as unknown as Record<string, unknown>);
  const escaped = new Map<string, string>();
  const attr = (s: string): string => {
    let out = escaped.get(s);
    if (out === undefined) escaped.set(s, (out = escapeXmlAttribute(s)));
    return out;
  };
  let out =
    '<?xml version="1.0" encoding="UTF-8"?>\n<OperationOutcome xmlns="http://hl7.org/fhir">\n';
  for (const issue of issues) {
    out += '  <issue>\n';
    if (issue.position)
      out += `${lineHead}${issue.position.line}${extensionTail}${colHead}${issue.position.column}${extensionTail}`;
    out += `${messageIdHead}${attr(issue.code)}${extensionTail}`;
    if (issue.pointer) out += `${pointerHead}${escapeXmlAttribute(issue.pointer)}${extensionTail}`;
    for (const r of issue.requirements ?? []) out += `${requirementHead}${attr(r)}${extensionTail}`;
    const type = issueCodes[issue.code]?.fhirIssueType ?? 'processing';
    out += `    <severity value="${attr(issue.severity)}"/>\n    <code value="${attr(type)}"/>\n`;
    out += `${codingHead}${attr(issue.code)}"/>\n      </coding>\n      <text value="${attr(issue.message)}"/>\n    </details>\n`;
    if (issue.expression)
      out += `    <expression value="${escapeXmlAttribute(issue.expression)}"/>\n`;
    out += '  </issue>\n';
  }
  return `${out}</OperationOutcome>\n`;
}
