/**
 * Small conversions shared by the repositories: ISO instants, JSON columns, and numbers that
 * PostgreSQL returns as strings (bigint, SUM, COUNT).
 * @module
 */

import { ConfigError } from '../errors.js';

/** Normalises an instant to `YYYY-MM-DDTHH:mm:ss.sssZ` so text comparison is time order. */
export function toInstant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new ConfigError(
      'store.invalid-instant',
      `${field} is not a valid ISO instant: ${JSON.stringify(value)}`,
    );
  return new Date(ms).toISOString();
}

/** A count from the database (number, bigint string or null) as a number. */
export function toCount(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** Parses a JSON column written by the store itself. */
export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  return JSON.parse(text) as T;
}

/** Splits an array into chunks of at most `size` (batched multi-row inserts stay under parameter limits). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
