/**
 * SNOMED CT identifier (SCTID) checks: a decimal string of 6–18 digits without a leading zero,
 * whose last digit is a Verhoeff check digit and whose two digits before it are the partition
 * identifier. Short format (partition `0x`, International Release) has no namespace; long format
 * (partition `1x`) carries the 7-digit namespace before the partition (UK clinical extension
 * `1000000`, UK drug extension / dm+d `1000001`).
 *
 * SCTIDs are handled as strings throughout: up to 18 digits exceed `Number.MAX_SAFE_INTEGER`.
 * See SNOMED CT Technical Implementation Guide, "SCTID Data Type" and "Partition Identifier".
 * @module
 */
import { isVerhoeffValid } from './verhoeff.js';

export { verhoeffCheckDigit } from './verhoeff.js';

/** Why an SCTID is not valid. */
export type SctidProblem = 'format' | 'partition' | 'check-digit';

/** What a partition identifier says the component is. */
export type SctidComponent = 'concept' | 'description' | 'relationship' | 'expression';

/** The outcome of {@link checkSctid}. */
export interface SctidCheck {
  readonly ok: boolean;
  /** Set when `ok` is false. */
  readonly problem?: SctidProblem;
  /** The two partition digits (set whenever the value is well formed). */
  readonly partition?: string;
  /** The 7-digit namespace of a long-format SCTID. */
  readonly namespace?: string;
  /** Short (International, no namespace) or long (extension, with namespace). */
  readonly format?: 'short' | 'long';
  /** The kind of component the partition denotes, when the partition is known. */
  readonly component?: SctidComponent;
}

/**
 * Partitions of RF2 components. The RF1-only partitions (03–05 subsets and cross maps, 13–15)
 * are obsolete and reported as `partition`.
 */
const partitions: Readonly<Record<string, SctidComponent>> = {
  '00': 'concept',
  '01': 'description',
  '02': 'relationship',
  '10': 'concept',
  '11': 'description',
  '12': 'relationship',
  '16': 'expression',
};

const shape = /^[1-9]\d{5,17}$/;

/**
 * Checks an SCTID: format (6–18 digits, no leading zero), then the Verhoeff check digit, then the
 * partition (known RF2 partition; a long-format id needs room for its 7-digit namespace and an
 * item id of at least one digit).
 * @example checkSctid('22298006') // { ok: true, partition: '00', format: 'short', component: 'concept' }
 * @example checkSctid('9298001000001101') // long format, partition '10', namespace '1000001' (dm+d)
 */
export function checkSctid(value: string): SctidCheck {
  if (!shape.test(value)) return { ok: false, problem: 'format' };
  const partition = value.slice(-3, -1);
  const format = formatOf(partition);
  if (!isVerhoeffValid(value))
    return { ok: false, problem: 'check-digit', partition, ...(format ? { format } : {}) };
  const component = partitions[partition];
  if (component === undefined || format === undefined)
    return { ok: false, problem: 'partition', partition, ...(format ? { format } : {}) };
  if (format === 'short') return { ok: true, partition, format, component };
  if (value.length < 11) return { ok: false, problem: 'partition', partition, format, component };
  return { ok: true, partition, namespace: value.slice(-10, -3), format, component };
}

function formatOf(partition: string): 'short' | 'long' | undefined {
  if (partition.startsWith('0')) return 'short';
  return partition.startsWith('1') ? 'long' : undefined;
}
