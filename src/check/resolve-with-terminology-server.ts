/**
 * The optional terminology-server pass: codes the offline engine could not check
 * (`binding.not-checked`, e.g. SNOMED CT or dm+d codes) are sent to a FHIR terminology server's
 * `ValueSet/$validate-code` after the synchronous walk. A confirmed member drops the note; a
 * confirmed non-member becomes `binding.not-in-value-set` (required binding, error) or
 * `binding.not-in-value-set-extensible` (warning); anything else (timeout, error, unknown) leaves
 * the note as it is. Requests are de-duplicated per (value set, system, code).
 * @module
 */
import { issueCodes } from '../issues/codes/index.js';
import type { Issue } from '../issues/issue.js';
import { isValid } from '../issues/validity.js';
import { renderMessage } from '../issues/render-message.js';
import type { RemoteTerminology } from '../fhir/terminology/remote-terminology.js';
import type { CodeValidation } from '../fhir/terminology/terminology.js';
import type { ValidationResult } from '../validation-result.js';

/** Resolves the result's not-checked codes through `remote`; returns a new result. */
export async function resolveWithTerminologyServer(
  result: ValidationResult,
  remote: RemoteTerminology,
): Promise<ValidationResult> {
  const pending = result.issues.filter(
    (i) =>
      i.code === 'binding.not-checked' &&
      typeof i.params['valueSet'] === 'string' &&
      typeof i.params['code'] === 'string',
  );
  if (pending.length === 0) return result;
  const answers = new Map<string, Promise<CodeValidation>>();
  const keyOf = (i: Issue) =>
    `${String(i.params['valueSet'])}\u0000${String(i.params['system'] ?? '')}\u0000${String(i.params['code'])}`;
  for (const i of pending) {
    const key = keyOf(i);
    if (!answers.has(key)) {
      const system =
        typeof i.params['system'] === 'string' && i.params['system'] !== ''
          ? i.params['system']
          : undefined;
      answers.set(
        key,
        remote.validateCode(String(i.params['valueSet']), {
          ...(system ? { system } : {}),
          code: String(i.params['code']),
        }),
      );
    }
  }
  const settled = new Map<string, CodeValidation>();
  for (const [key, p] of answers) settled.set(key, await p);
  const issues: Issue[] = [];
  for (const i of result.issues) {
    if (!pending.includes(i)) {
      issues.push(i);
      continue;
    }
    const answer = settled.get(keyOf(i));
    if (answer?.outcome === 'valid') continue;
    if (answer?.outcome === 'invalid' && answer.reason === 'not-in-value-set') {
      const code =
        i.params['strength'] === 'extensible'
          ? 'binding.not-in-value-set-extensible'
          : 'binding.not-in-value-set';
      const def = issueCodes[code]!;
      const params = {
        valueSet: i.params['valueSet'] ?? '',
        system: i.params['system'] ?? '',
        code: i.params['code'] ?? '',
        codings: 1,
      };
      // membership is judged on the element (the CodeableConcept), as the offline check reports it
      const expression = i.expression.replace(/\.coding\[\d+\]$/, '');
      const pointer = i.pointer.replace(/\/coding\/\d+$/, '');
      issues.push({
        ...i,
        code,
        severity: def.severity,
        message: renderMessage(def.template, params),
        params,
        expression,
        pointer,
      });
      continue;
    }
    issues.push(i);
  }
  return { ...result, issues, valid: isValid(issues) };
}
