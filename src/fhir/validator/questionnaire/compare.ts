/**
 * Comparison of answer values (`[type, value]` pairs as read from `value[x]`), for enableWhen,
 * answerOption and min/max checks. Returns a number (<0, 0, >0) for ordered types, 0 or
 * `'unequal'` for types that only have equality, and undefined when the two cannot be compared.
 */
export function compareValues(
  a: readonly [string, unknown],
  b: readonly [string, unknown],
): number | 'unequal' | undefined {
  const [ta, va] = a;
  const [tb, vb] = b;
  if (isNumberType(ta) && isNumberType(tb))
    return typeof va === 'number' && typeof vb === 'number' ? va - vb : undefined;
  if (isDateType(ta) && isDateType(tb))
    return typeof va === 'string' && typeof vb === 'string' ? compareDates(va, vb) : undefined;
  if (ta !== tb) return undefined;
  switch (ta) {
    case 'time':
    case 'string':
    case 'uri':
      return compareText(va, vb);
    case 'boolean':
      return typeof va === 'boolean' && typeof vb === 'boolean'
        ? va === vb
          ? 0
          : 'unequal'
        : undefined;
    case 'Coding':
      return sameCoding(va, vb) ? 0 : 'unequal';
    case 'Quantity':
      return compareQuantityValues(va, vb);
    case 'Reference':
      return sameReference(va, vb) ? 0 : 'unequal';
    default:
      return JSON.stringify(va) === JSON.stringify(vb) ? 0 : 'unequal';
  }
}

function compareText(va: unknown, vb: unknown): number | undefined {
  if (typeof va !== 'string' || typeof vb !== 'string') return undefined;
  return va === vb ? 0 : va < vb ? -1 : 1;
}

/** Quantities in the same unit (code, else unit text) by value; others cannot be compared here. */
function compareQuantityValues(va: unknown, vb: unknown): number | undefined {
  const qa = va as { value?: unknown; code?: unknown; unit?: unknown } | null;
  const qb = vb as { value?: unknown; code?: unknown; unit?: unknown } | null;
  if (typeof qa?.value !== 'number' || typeof qb?.value !== 'number') return undefined;
  return (qa.code ?? qa.unit) === (qb.code ?? qb.unit) ? qa.value - qb.value : undefined;
}

function sameReference(va: unknown, vb: unknown): boolean {
  const ra = (va as { reference?: unknown } | null)?.reference;
  return typeof ra === 'string' && ra === (vb as { reference?: unknown } | null)?.reference;
}

/** Two Codings are the same answer when system (if both give one) and code agree. */
export function sameCoding(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  const ca = a as { system?: unknown; code?: unknown };
  const cb = b as { system?: unknown; code?: unknown };
  if (typeof ca.code !== 'string' || ca.code !== cb.code) return false;
  return ca.system === undefined || cb.system === undefined || ca.system === cb.system;
}

function isNumberType(t: string): boolean {
  return t === 'integer' || t === 'decimal' || t === 'positiveInt' || t === 'unsignedInt';
}

function isDateType(t: string): boolean {
  return t === 'date' || t === 'dateTime' || t === 'instant';
}

/**
 * Orders two FHIR dates/dateTimes. Values of the same shape compare as text (ISO 8601 sorts);
 * values with times and zones compare as instants. A partial date sorts before the fuller dates it
 * starts (`2022-06` < `2022-06-30`), the order the HL7 validator uses for min/max.
 */
export function compareDates(a: string, b: string): number {
  if (a.length > 10 && b.length > 10) {
    const ta = Date.parse(a);
    const tb = Date.parse(b);
    if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}
