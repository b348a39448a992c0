/**
 * Ordering of values for minValue[x]/maxValue[x]: numbers, date/dateTime/instant/time strings
 * (compared on their common precision, as the HL7 validator does) and Quantities (same unit, or a
 * unit convertible by the small UCUM table below).
 * @module
 */

/** -1 when a < b, 0 when equal or not comparable, 1 when a > b. */
export function compareOrdered(a: unknown, b: unknown): -1 | 0 | 1 {
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return compareTemporal(a, b);
  if (isQuantity(a) && isQuantity(b)) return compareQuantities(a, b);
  return 0;
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareTemporal(a: string, b: string): -1 | 0 | 1 {
  if (/^\d{2}:\d{2}/.test(a) && /^\d{2}:\d{2}/.test(b)) return sign(a.localeCompare(b));
  if (a.length > 10 && b.length > 10) {
    const x = Date.parse(a);
    const y = Date.parse(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return sign(x - y);
  }
  const n = Math.min(a.length, b.length, 10);
  return sign(a.slice(0, n).localeCompare(b.slice(0, n)));
}

interface Quantity {
  readonly value: number;
  readonly code?: string;
  readonly unit?: string;
  readonly system?: string;
}

function isQuantity(v: unknown): v is Quantity {
  return (
    typeof v === 'object' && v !== null && typeof (v as { value?: unknown }).value === 'number'
  );
}

/** UCUM units this comparison can convert, as factors to a base unit of the same dimension. */
const ucum: Readonly<Record<string, readonly [string, number]>> = {
  kg: ['g', 1000],
  g: ['g', 1],
  mg: ['g', 0.001],
  ug: ['g', 1e-6],
  km: ['m', 1000],
  m: ['m', 1],
  cm: ['m', 0.01],
  mm: ['m', 0.001],
  L: ['L', 1],
  dL: ['L', 0.1],
  mL: ['L', 0.001],
  h: ['s', 3600],
  min: ['s', 60],
  s: ['s', 1],
  ms: ['s', 0.001],
  d: ['s', 86400],
  wk: ['s', 604800],
  a: ['s', 31557600],
  mo: ['s', 2629800],
};

function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const ua = a.code ?? a.unit;
  const ub = b.code ?? b.unit;
  if (ua === ub || ua === undefined || ub === undefined) return sign(a.value - b.value);
  const ca = ucum[ua];
  const cb = ucum[ub];
  if (!ca || !cb || ca[0] !== cb[0]) return 0;
  return sign(a.value * ca[1] - b.value * cb[1]);
}
