import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issueCodes } from './codes/index.js';
import type { Issue } from './issue.js';

/** CodeSystem of MDSS issue codes (`issue.details.coding.system`). */
export const issueCodeSystem = 'https://mdss.example.org/fhir/CodeSystem/issue-code';

const mdss = 'https://mdss.example.org/fhir/StructureDefinition/';

/**
 * Extension on an `OperationOutcome.issue`: the RFC 6901 JSON pointer of the issue in the payload
 * (`valueString`, e.g. `/entry/0/resource/name/0`). Absent when the pointer is the whole payload
 * (the empty pointer: FHIR strings cannot be empty). See docs/operation-outcome.md.
 */
export const issuePointerExtension = `${mdss}issue-pointer`;
/**
 * Extension on an `OperationOutcome.issue`, repeated: one framework requirement id the issue bears
 * on (`valueCode`, e.g. `MDS-02`), in the issue's order. See docs/operation-outcome.md.
 */
export const issueRequirementExtension = `${mdss}issue-requirement`;
/**
 * Extension on an `OperationOutcome.issue`: the issue was waived by partner policy (complex:
 * `reason` valueString, optional `until` valueDate). The issue keeps its severity.
 */
export const waivedExtension = `${mdss}issue-waived`;

const hl7 = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * The one mapping from MDSS issues to an R4 OperationOutcome, used by every door (CLI
 * `--format operationoutcome`, `$validate`, the service's error answers, the library):
 * severity → issue.severity; registry fhirIssueType → issue.code; our code → details.coding and the
 * `operationoutcome-message-id` extension; message → details.text; expression → issue.expression;
 * line/column → `operationoutcome-issue-line` / `-col`; JSON pointer → {@link issuePointerExtension};
 * requirement ids → {@link issueRequirementExtension} (and details.coding when a requirement
 * CodeSystem is given); waiver → {@link waivedExtension}.
 * An empty list gives the conventional single "All OK" information issue.
 * @example toOperationOutcome(result.issues)
 */
export function toOperationOutcome(
  issues: readonly Issue[],
  requirementSystem?: string,
): OperationOutcome {
  if (issues.length === 0) {
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', details: { text: 'All OK' } }],
    };
  }
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => toOutcomeIssue(i, requirementSystem)),
  };
}

function toOutcomeIssue(
  issue: Issue,
  requirementSystem: string | undefined,
): OperationOutcomeIssue {
  const def = issueCodes[issue.code];
  const extension: NonNullable<OperationOutcomeIssue['extension']> = [];
  if (issue.position) {
    extension.push({ url: `${hl7}operationoutcome-issue-line`, valueInteger: issue.position.line });
    extension.push({
      url: `${hl7}operationoutcome-issue-col`,
      valueInteger: issue.position.column,
    });
  }
  extension.push({ url: `${hl7}operationoutcome-message-id`, valueString: issue.code });
  if (issue.pointer) extension.push({ url: issuePointerExtension, valueString: issue.pointer });
  for (const r of issue.requirements ?? [])
    extension.push({ url: issueRequirementExtension, valueCode: r });
  if (issue.waived) {
    const parts: NonNullable<OperationOutcomeIssue['extension']> = [
      { url: 'reason', valueString: issue.waived.reason },
    ];
    if (issue.waived.until) parts.push({ url: 'until', valueDate: issue.waived.until });
    extension.push({ url: waivedExtension, extension: parts });
  }
  const coding = [{ system: issueCodeSystem, code: issue.code }];
  if (requirementSystem)
    for (const r of issue.requirements ?? []) coding.push({ system: requirementSystem, code: r });
  const out: OperationOutcomeIssue = {
    extension,
    severity: issue.severity,
    code: def?.fhirIssueType ?? 'processing',
    details: { coding, text: issue.message },
  };
  if (issue.expression) out.expression = [issue.expression];
  return out;
}
