/** Comparison of door answers: the fields both carry, issues sorted (doors may order ties differently). */
import type { Answer, ComparedIssue, Field } from './doors.js';

/** What is compared of an answer, given the fields the reference carries. */
export function comparable(
  name: string,
  answer: Answer,
  other: Answer,
): { payload: string; valid: boolean; issues: string[] } {
  const fields: readonly Field[] = answer.carries.filter((f) => other.carries.includes(f));
  return {
    payload: name,
    valid: answer.valid,
    issues: answer.issues
      .map((i) => JSON.stringify(fields.map((f) => (i as ComparedIssue)[f] ?? '')))
      .sort(),
  };
}
