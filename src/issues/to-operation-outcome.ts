import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issueCodes } from './codes/index.js';
import type { Issue } from './issue.js';

/** CodeSystem of MDSS issue codes (`issue.details.coding.system`). */
export const issueCodeSystem = 'https://mdss.example.org/fhir/CodeSystem/issue-code';

const ext = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * The one mapping from MDSS issues to an R4 OperationOutcome:
 * severity → issue.severity; registry fhirIssueType → issue.code; our code → details.coding and the
 * `operationoutcome-message-id` extension; message → details.text; expression → issue.expression;
 * line/column → `operationoutcome-issue-line` / `-col`; requirement ids → details.coding (framework system).
 * An empty list gives the conventional single "All OK" information issue.
 * @example toOperationOutcome(result.issues)
 */
export function toOperationOutcome(issues: readonly Issue[], requirementSystem?: string): OperationOutcome {
  if (issues.length === 0) {
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', details: { text: 'All OK' } }],
    };
  }
  return { resourceType: 'OperationOutcome', issue: issues.map((i) => toOutcomeIssue(i, requirementSystem)) };
}

function toOutcomeIssue(issue: Issue, requirementSystem: string | undefined): OperationOutcomeIssue {
  const def = issueCodes[issue.code];
  const extension: NonNullable<OperationOutcomeIssue['extension']> = [];
  if (issue.position) {
    extension.push({ url: `${ext}operationoutcome-issue-line`, valueInteger: issue.position.line });
    extension.push({ url: `${ext}operationoutcome-issue-col`, valueInteger: issue.position.column });
  }
  extension.push({ url: `${ext}operationoutcome-message-id`, valueString: issue.code });
  const coding = [{ system: issueCodeSystem, code: issue.code }];
  if (requirementSystem) for (const r of issue.requirements ?? []) coding.push({ system: requirementSystem, code: r });
  const out: OperationOutcomeIssue = {
    extension,
    severity: issue.severity,
    code: def?.fhirIssueType ?? 'processing',
    details: { coding, text: issue.message },
  };
  if (issue.expression) out.expression = [issue.expression];
  return out;
}
