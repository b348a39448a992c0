/**
 * JSON renderings of the scorecard and matrix: canonical (sorted keys, stable arrays), so the same
 * report is the same bytes.
 * @module
 */

import type { IcsMatrix } from './build-ics-matrix.js';
import { toCanonicalJson } from './canonical-json.js';
import type { Scorecard } from './scorecard.js';

/** The scorecard as canonical JSON. */
export function renderScorecardJson(card: Scorecard): string {
  return toCanonicalJson(card);
}

/** The matrix as canonical JSON. */
export function renderMatrixJson(matrix: IcsMatrix): string {
  return toCanonicalJson(matrix);
}
