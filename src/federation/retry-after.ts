/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date.
 * @module
 */

/** The delay in milliseconds asked for by a `Retry-After` value, or undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
