/**
 * Care Quality Commission (CQC) location and provider identifiers: `1-` followed by digits.
 *
 * Heuristic: CQC publishes no formal grammar. Observed ids have 9–10 digits after `1-`
 * (location `1-545611283`, `1-1000210669`; provider `1-199747506`); the check allows 8–11 to
 * leave room. Location and provider ids share the shape, so the kind cannot be told from the
 * value: whether an id exists needs the CQC API or its published directory.
 * @module
 */

/** The outcome of {@link checkCqcId}. */
export interface CqcIdCheck {
  readonly ok: boolean;
  /** Set when `ok` is false. */
  readonly problem?: 'format';
}

const shape = /^1-\d{8,11}$/;

/**
 * Checks the shape of a CQC location or provider id (heuristic, see the module notes).
 * @example checkCqcId('1-545611283') // { ok: true }
 * @example checkCqcId('545611283') // { ok: false, problem: 'format' }
 */
export function checkCqcId(value: string): CqcIdCheck {
  return shape.test(value) ? { ok: true } : { ok: false, problem: 'format' };
}
