/**
 * Binary operators of the compiled subset: three-valued logic (`and`, `or`, `xor`, `implies`),
 * equality and ordering on strings, numbers and booleans, integer `+`/`-`. Both operands are always
 * evaluated, so a case fhirpath.js would reject on either side is never hidden by short-circuiting.
 * @module
 */
import { booleanNode, compiled, NotCompilable, truthOf, type Compiled } from './compile.js';
import {
  compareNumbers,
  empty,
  single,
  undecided,
  type Collection,
  type Evaluator,
} from './runtime.js';
import { family, type StaticType } from './static-types.js';

/** True when a type can stand in a boolean context exactly (computed booleans, boolean elements). */
export function isBooleanType(t: StaticType): boolean {
  return (t.k === 'value' && t.type === 'Boolean') || (t.k === 'prim' && t.type === 'boolean');
}

/** Compiles `l op r`; throws {@link NotCompilable} outside the subset. */
export function compileBinary(op: string, l: Compiled, r: Compiled): Compiled {
  switch (op) {
    case 'and':
    case 'or':
    case 'xor':
    case 'implies':
      return logic(op, l, r);
    case '=':
    case '!=':
      return equality(op === '!=', l, r);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return ordering(op, l, r);
    case '+':
    case '-':
      return additive(op === '-', l, r);
    default:
      throw new NotCompilable(`operator ${op}`);
  }
}

function logic(op: 'and' | 'or' | 'xor' | 'implies', l: Compiled, r: Compiled): Compiled {
  if (!isBooleanType(l.type) || !isBooleanType(r.type))
    throw new NotCompilable(`${op} on non-boolean operands`);
  const lt = truthOf(l);
  const rt = truthOf(r);
  // both operands are evaluated, left first (see the module note)
  switch (op) {
    case 'and':
      return booleanNode((self) => {
        const a = lt(self);
        const b = rt(self);
        return a === false || b === false ? false : a === true && b === true ? true : undefined;
      });
    case 'or':
      return booleanNode((self) => {
        const a = lt(self);
        const b = rt(self);
        return a === true || b === true ? true : a === false && b === false ? false : undefined;
      });
    case 'xor':
      return booleanNode((self) => {
        const a = lt(self);
        const b = rt(self);
        return a === undefined || b === undefined ? undefined : a !== b;
      });
    case 'implies':
      return booleanNode((self) => {
        const a = lt(self);
        const b = rt(self);
        return a === false ? true : a === true ? b : b === true ? true : undefined;
      });
  }
}

/** Checks two operands compare within one family; returns it. */
function comparable(l: Compiled, r: Compiled, what: string): 'string' | 'number' | 'boolean' {
  const fl = family(l.type);
  const fr = family(r.type);
  if (!fl || !fr) throw new NotCompilable(`${what} on unsupported types`);
  const nl = fl === 'integer' ? 'number' : fl;
  const nr = fr === 'integer' ? 'number' : fr;
  if (nl !== nr) throw new NotCompilable(`${what} across types`);
  return nl;
}

function equality(negate: boolean, l: Compiled, r: Compiled): Compiled {
  const fam = comparable(l, r, 'equality');
  // fhirpath.js compares the extensions (`_name`) of two element values too: one side must be computed
  if (!l.computed && !r.computed) throw new NotCompilable('equality of two elements');
  const le = l.ev;
  const re = r.ev;
  const eq = (a: unknown, b: unknown): boolean => {
    if (typeof a !== typeof b) undecided();
    return fam === 'number' ? compareNumbers(a as number, b as number) === 0 : a === b;
  };
  return booleanNode((self) => {
    const a = single(le(self));
    const b = single(re(self));
    if (a === undefined || b === undefined) return undefined;
    return eq(a, b) !== negate;
  });
}

function ordering(op: '<' | '>' | '<=' | '>=', l: Compiled, r: Compiled): Compiled {
  const fam = comparable(l, r, op);
  if (fam === 'boolean') throw new NotCompilable('ordering of booleans');
  const le = l.ev;
  const re = r.ev;
  const test =
    op === '<'
      ? (c: number) => c < 0
      : op === '>'
        ? (c: number) => c > 0
        : op === '<='
          ? (c: number) => c <= 0
          : (c: number) => c >= 0;
  const cmp = (a: unknown, b: unknown): number => {
    if (typeof a !== typeof b) undecided();
    if (fam === 'number') return compareNumbers(a as number, b as number);
    return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  };
  return booleanNode((self) => {
    const a = single(le(self));
    const b = single(re(self));
    if (a === undefined || b === undefined) return undefined;
    return test(cmp(a, b));
  });
}

function additive(minus: boolean, l: Compiled, r: Compiled): Compiled {
  if (family(l.type) !== 'integer' || family(r.type) !== 'integer')
    throw new NotCompilable('+/- on non-integers');
  const le = l.ev;
  const re = r.ev;
  const ev: Evaluator = (self): Collection => {
    const a = single(le(self));
    const b = single(re(self));
    if (a === undefined || b === undefined) return empty;
    if (!isSmallInt(a) || !isSmallInt(b)) undecided();
    return [minus ? a - b : a + b];
  };
  return compiled(ev, { k: 'value', type: 'Integer' }, true, undefined, undefined);
}

function isSmallInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 30;
}
