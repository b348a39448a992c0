/**
 * The optional terminology-server pass: codes the offline engine could not check
 * (`binding.not-checked`, e.g. SNOMED CT or dm+d codes) are sent to a FHIR terminology server's
 * `ValueSet/$validate-code` after the synchronous walk. A confirmed member drops the note; a
 * confirmed non-member becomes `binding.not-in-value-set` (required binding, error) or
 * `binding.not-in-value-set-extensible` (warning); anything else (timeout, error, unknown) leaves
 * the note as it is. Requests are de-duplicated per (value set, system, code). Slice membership
 * that rests on such value sets is resolved first ({@link resolveSliceMembership}).
 * @module
 */
import { issueCodes } from '../issues/codes/index.js';
import type { Issue } from '../issues/issue.js';
import { isValid } from '../issues/validity.js';
import { renderMessage } from '../issues/render-message.js';
import type { RemoteTerminology } from '../fhir/terminology/remote-terminology.js';
import type { CodeValidation } from '../fhir/terminology/terminology.js';
import type {
  MembershipAnswers,
  MembershipQuestion,
  ValidationResult,
} from '../validation-result.js';

/** Most value-set questions one payload's slice matching may send to the server. */
const maxMembershipQuestions = 500;

const questionKey = (q: MembershipQuestion) =>
  `${q.valueSet}\u0000${q.system ?? ''}\u0000${q.code}`;

/**
 * Slice membership through the server: when slice matching could not decide an item's slice
 * offline (`slice.membership-not-checked`: slices discriminated by bindings to value sets that
 * cannot be expanded, such as SNOMED CT reference sets), the payload is validated again recording
 * the value-set questions, the server answers them (`ValueSet/$validate-code`), and the payload is
 * validated once more with those answers, so each item is checked against the slice it belongs to
 * and slice cardinalities count it. Questions the server cannot answer stay "could not be checked".
 * Without such issues the result is returned as it is.
 */
export async function resolveSliceMembership(
  result: ValidationResult,
  revalidate: (membership: MembershipAnswers) => ValidationResult,
  remote: RemoteTerminology,
): Promise<ValidationResult> {
  if (!result.issues.some((i) => i.code === 'slice.membership-not-checked')) return result;
  const questions = new Map<string, MembershipQuestion>();
  revalidate({
    answer: () => undefined,
    ask: (q) => {
      if (questions.size < maxMembershipQuestions) questions.set(questionKey(q), q);
    },
  });
  if (questions.size === 0) return result;
  const answers = new Map<string, boolean>();
  await Promise.all(
    [...questions].map(async ([key, q]) => {
      const a = await remote.validateCode(q.valueSet, {
        ...(q.system ? { system: q.system } : {}),
        code: q.code,
      });
      if (a.outcome === 'valid') answers.set(key, true);
      else if (a.outcome === 'invalid') answers.set(key, false);
    }),
  );
  if (answers.size === 0) return result;
  return revalidate({ answer: (q) => answers.get(questionKey(q)) });
}

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
