/**
 * Run-time pieces of compiled invariants: collections are plain arrays of JSON values, a primitive
 * with only its `_name` extension is {@link noValue}, and any case the compiled code cannot decide
 * exactly as fhirpath.js would throws {@link Undecided} (the caller then runs fhirpath.js).
 * @module
 */

/** A collection: JSON objects, JSON primitive values, {@link noValue}, or computed values. */
export type Collection = readonly unknown[];

/** A compiled expression: input collection (`$this`) → output collection. */
export type Evaluator = (self: Collection) => Collection;

/** Stands for a primitive element present only through its `_name` extension (no value). */
export const noValue: unique symbol = Symbol('fhirpath-compiled.noValue');

/** Thrown when compiled code meets a case it cannot decide exactly; never escapes the compiler. */
export class Undecided {
  private constructor() {}
  /** The one instance (no stack trace is captured: it is not an Error). */
  static readonly instance = new Undecided();
}

/** Throws {@link Undecided}. */
export function undecided(): never {
  throw Undecided.instance;
}

/** The JSON type a primitive element's value must have (checked, not trusted). */
export type JsonKind = 'string' | 'number' | 'boolean';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Children `key` of JSON object `obj` for a complex element, appended to `out` (made on the first
 * child, so an absent element makes no array): objects only; a `null` item, a non-object item or
 * any `_key` companion (`extKey`, made once by the caller) is undecided (fhirpath.js keeps such nodes).
 */
export function complexChildren(
  obj: Record<string, unknown>,
  key: string,
  extKey: string,
  out: unknown[] | undefined,
): unknown[] | undefined {
  const v = obj[key];
  if (obj[extKey] !== undefined) undecided();
  if (v === undefined) return out;
  if (Array.isArray(v)) {
    for (const x of v) {
      if (!isPlainObject(x)) undecided();
      (out ??= []).push(x);
    }
  } else if (isPlainObject(v)) (out ??= []).push(v);
  else if (v !== null) undecided();
  return out;
}

/**
 * Children `key` of JSON object `obj` for a primitive element, aligning `key` and `_key` (`extKey`)
 * arrays, appended to `out` (made on the first child): values of the expected JSON kind,
 * {@link noValue} where only the extension is present. Nulls without a companion, shape mismatches
 * and wrong kinds are undecided.
 */
export function primitiveChildren(
  obj: Record<string, unknown>,
  key: string,
  extKey: string,
  kind: JsonKind,
  out: unknown[] | undefined,
): unknown[] | undefined {
  const v = obj[key];
  const ext = obj[extKey];
  if (v === undefined && ext === undefined) return out;
  if (Array.isArray(v) || Array.isArray(ext)) {
    if (
      (v !== undefined && v !== null && !Array.isArray(v)) ||
      (ext !== undefined && ext !== null && !Array.isArray(ext))
    )
      undecided();
    const values = (v ?? []) as unknown[];
    const exts = (ext ?? []) as unknown[];
    const n = Math.max(values.length, exts.length);
    for (let i = 0; i < n; i++) out = pushPrimitive(values[i], exts[i], kind, out);
    return out;
  }
  if ((v === null || v === undefined) && (ext === null || ext === undefined)) return out;
  return pushPrimitive(v, ext, kind, out);
}

function pushPrimitive(
  value: unknown,
  ext: unknown,
  kind: JsonKind,
  out: unknown[] | undefined,
): unknown[] {
  if (ext !== undefined && ext !== null && !isPlainObject(ext)) undecided();
  if (value === undefined || value === null) {
    if (ext === undefined || ext === null) undecided();
    (out ??= []).push(noValue);
    return out;
  }
  if (typeof value !== kind) undecided();
  (out ??= []).push(value);
  return out;
}

/**
 * The one value of a singleton operand, or undefined when empty; more than one item, or a
 * primitive without a value, is undecided.
 */
export function single(c: Collection): unknown {
  if (c.length === 0) return undefined;
  if (c.length > 1) undecided();
  const v = c[0];
  if (v === noValue) undecided();
  return v;
}

/** An operand in a boolean context: true, false, or undefined for empty; anything else is undecided. */
export function asBoolean(c: Collection): boolean | undefined {
  const v = single(c);
  if (v === undefined || typeof v === 'boolean') return v;
  return undecided();
}

/**
 * The children {@link complexChildren} would give from one object, as a collection: the JSON array
 * itself when every item is an object (not copied: collections are only read), else a new one.
 */
export function complexOnly(obj: Record<string, unknown>, key: string, extKey: string): Collection {
  const v = obj[key];
  if (obj[extKey] !== undefined) undecided();
  if (v === undefined) return empty;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!isPlainObject(v[i])) undecided();
    return v;
  }
  if (isPlainObject(v)) return [v];
  if (v !== null) undecided();
  return empty;
}

/**
 * How many children {@link complexChildren} would give, without making them: the same shapes are
 * undecided, so a count stands for the collection in `exists()`, `empty()` and `count()`.
 */
export function complexCount(obj: Record<string, unknown>, key: string, extKey: string): number {
  const v = obj[key];
  if (obj[extKey] !== undefined) undecided();
  if (v === undefined) return 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!isPlainObject(v[i])) undecided();
    return v.length;
  }
  if (isPlainObject(v)) return 1;
  if (v !== null) undecided();
  return 0;
}

/** How many children {@link primitiveChildren} would give, without making them (the same shapes are undecided). */
export function primitiveCount(
  obj: Record<string, unknown>,
  key: string,
  extKey: string,
  kind: JsonKind,
): number {
  const v = obj[key];
  const ext = obj[extKey];
  if (v === undefined && ext === undefined) return 0;
  if (Array.isArray(v) || Array.isArray(ext)) {
    if (
      (v !== undefined && v !== null && !Array.isArray(v)) ||
      (ext !== undefined && ext !== null && !Array.isArray(ext))
    )
      undecided();
    const values = (v ?? []) as unknown[];
    const exts = (ext ?? []) as unknown[];
    const n = Math.max(values.length, exts.length);
    for (let i = 0; i < n; i++) checkPrimitive(values[i], exts[i], kind);
    return n;
  }
  if ((v === null || v === undefined) && (ext === null || ext === undefined)) return 0;
  checkPrimitive(v, ext, kind);
  return 1;
}

/** The checks of {@link pushPrimitive}, without the push. */
function checkPrimitive(value: unknown, ext: unknown, kind: JsonKind): void {
  if (ext !== undefined && ext !== null && !isPlainObject(ext)) undecided();
  if (value === undefined || value === null) {
    if (ext === undefined || ext === null) undecided();
    return;
  }
  if (typeof value !== kind) undecided();
}

/** Empty collection (shared, never mutated). */
export const empty: Collection = Object.freeze([]);
/** `[true]` (shared, never mutated). */
export const trueC: Collection = Object.freeze([true]);
/** `[false]` (shared, never mutated). */
export const falseC: Collection = Object.freeze([false]);

/** A boolean (or empty for undefined) as a collection. */
export function ofBoolean(b: boolean | undefined): Collection {
  return b === undefined ? empty : b ? trueC : falseC;
}

/**
 * Compares two numbers exactly as fhirpath.js would when it is sure to: equal numbers, or numbers
 * apart by at least 1e-6 within ±1e7 (fhirpath.js rounds decimals to 1e-8), or 32-bit integers.
 * Returns -1, 0 or 1; anything closer is undecided.
 */
export function compareNumbers(a: number, b: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) undecided();
  const ints =
    Number.isInteger(a) && Number.isInteger(b) && Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31;
  if (!ints && (Math.abs(a - b) < 1e-6 || Math.abs(a) >= 1e7 || Math.abs(b) >= 1e7)) undecided();
  return a < b ? -1 : 1;
}
