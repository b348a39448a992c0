/**
 * Canonical JSON: object keys sorted by code unit at every level, two-space indentation, a final
 * newline. The same value always gives the same bytes, so reports and evidence packs diff cleanly.
 * @module
 */

import { compareText } from './compare-text.js';

/**
 * Serialises a JSON-compatible value canonically (`undefined` properties are dropped, as in JSON).
 * @example toCanonicalJson({ b: 1, a: [2, 1] }) // '{\n  "a": [\n    2,\n    1\n  ],\n  "b": 1\n}\n'
 */
export function toCanonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareText)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
