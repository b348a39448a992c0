/**
 * Assertion helper: a value has the shape of a ValidationResult (used by the hardening tests).
 * @module
 */
import { expect } from 'vitest';

/** Asserts that `result` is a well-formed ValidationResult. */
export function expectResult(result: unknown): void {
  expect(result).toBeTypeOf('object');
  const r = result as Record<string, unknown>;
  expect(typeof r.valid).toBe('boolean');
  expect(typeof r.truncated).toBe('boolean');
  expect(Array.isArray(r.issues)).toBe(true);
  expect(typeof r.recordCount).toBe('number');
  for (const issue of r.issues as Record<string, unknown>[]) {
    expect(typeof issue.code).toBe('string');
    expect(typeof issue.severity).toBe('string');
  }
}
