/**
 * What a FHIR partner example is (a valid feed, a copy with deliberate gaps, the list of those gaps)
 * and helpers for making the gaps copy.
 * @module
 */
import { verhoeffCheckDigit } from '../../src/rules/sctid.js';
import { entryUrn, type Resource } from './resources.js';

/** One deliberate gap, as documented in a README table. */
export interface Gap {
  readonly expression: string;
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'information';
  /** The missing element (`params.path`) for cardinality issues, else '-'. */
  readonly element: string;
  readonly requirements: readonly string[];
  readonly what: string;
}

/** One partner's example folder. */
export interface Partner {
  readonly dir: string;
  readonly title: string;
  readonly about: string;
  readonly validFile: string;
  readonly gapsFile: string;
  readonly valid: Resource;
  readonly gaps: Resource;
  readonly gapList: readonly Gap[];
}

/** ODS code of the fictional GP practice that the other partners' people are registered with. */
export const riversideOds = 'Y99017';

/** A gap row. */
export function gap(
  expression: string,
  code: string,
  severity: Gap['severity'],
  requirements: readonly string[],
  what: string,
  element = '-',
): Gap {
  return { expression, code, severity, element, requirements, what };
}

/** A deep copy. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The entries' resources of a Bundle, for mutating a gaps copy. */
export function entries(bundle: Resource): Resource[] {
  return (bundle['entry'] as { resource: Resource }[]).map((e) => e.resource);
}

/** Appends resources to a Bundle as new entries (partner `p`). */
export function append(bundle: Resource, p: number, ...resources: Resource[]): void {
  const list = bundle['entry'] as { fullUrl: string; resource: Resource }[];
  for (const resource of resources) list.push({ fullUrl: entryUrn(p, list.length), resource });
}

/** An SCTID-shaped value with a valid Verhoeff check digit but partition 03 (no such partition). */
export function badPartitionSctid(): string {
  const body = '36407503';
  return body + String(verhoeffCheckDigit(body));
}

/** `Bundle.entry[i].resource` followed by `rest`. */
export function entryExpr(i: number, rest = ''): string {
  return `Bundle.entry[${i}].resource${rest}`;
}
