/**
 * Functions of the compiled subset: `exists`, `empty`, `count`, `first`, `not`, `hasValue`,
 * `where`, `all`, `is`/`ofType` (a concrete resource type on a Resource element), `startsWith`,
 * `endsWith`, `length`, `matches('regex')`, `extension(url)`. Semantics follow fhirpath.js (compile.md); anything else is
 * {@link NotCompilable}.
 * @module
 */
import type { Ast } from './parse.js';
import {
  booleanNode,
  compileAst,
  compiled,
  namedResourceType,
  NotCompilable,
  truthOf,
  type Compiled,
  type Scope,
  type Truth,
} from './compile.js';
import { isBooleanType } from './operators.js';
import { empty, noValue, single, undecided, type Collection } from './runtime.js';
import { family, resolveMember, type StaticType } from './static-types.js';

const integerType: StaticType = { k: 'value', type: 'Integer' };

/** How many items `src` gives: its count when it has one (no items made), else its collection's length. */
function sizeOf(src: Compiled): (self: Collection) => number {
  if (src.count !== undefined) return src.count;
  const from = src.ev;
  return (self) => from(self).length;
}

/** Compiles `src.name(args)`. */
export function compileCall(
  name: string,
  src: Compiled,
  args: readonly Ast[],
  scope: Scope,
): Compiled {
  const from = src.ev;
  const arity = (n: number) => {
    if (args.length !== n) throw new NotCompilable(`${name} with ${args.length} arguments`);
  };
  switch (name) {
    case 'exists': {
      if (args.length === 1) {
        const filtered = sizeOf(where(src, args[0]!, scope));
        return booleanNode((self) => filtered(self) > 0);
      }
      arity(0);
      const size = sizeOf(src);
      return booleanNode((self) => size(self) > 0);
    }
    case 'empty': {
      arity(0);
      const size = sizeOf(src);
      return booleanNode((self) => size(self) === 0);
    }
    case 'count': {
      arity(0);
      const size = sizeOf(src);
      return compiled((self) => [size(self)], integerType, true, undefined, undefined);
    }
    case 'first':
      arity(0);
      return compiled((self) => first(from(self)), src.type, src.computed, undefined, undefined);
    case 'not': {
      arity(0);
      if (!isBooleanType(src.type)) throw new NotCompilable('not() on a non-boolean');
      const t = truthOf(src);
      return booleanNode((self) => negate(t(self)));
    }
    case 'hasValue':
      arity(0);
      return hasValue(src);
    case 'where':
      arity(1);
      return where(src, args[0]!, scope);
    case 'all':
      arity(1);
      return all(src, args[0]!, scope);
    case 'is':
    case 'ofType':
      arity(1);
      return resourceTypeTest(name, src, args[0], scope);
    case 'startsWith':
    case 'endsWith':
      arity(1);
      return affix(name, src, args[0]!);
    case 'length':
      arity(0);
      return length(src);
    case 'matches':
      arity(1); // with flags: left to fhirpath.js
      return matches(src, args[0]!);
    case 'extension':
      arity(1);
      return extension(src, args[0]!, scope);
    default:
      throw new NotCompilable(`function ${name}`);
  }
}

function first(c: Collection): Collection {
  return c.length <= 1 ? c : [c[0]];
}

function negate(b: boolean | undefined): boolean | undefined {
  return b === undefined ? undefined : !b;
}

/** fhirpath.js: one item that is a FHIR primitive with a value. Complex values: false. */
function hasValue(src: Compiled): Compiled {
  const from = src.ev;
  if (src.type.k === 'complex') return booleanNode(() => false);
  if (src.type.k !== 'prim' || src.type.sys) throw new NotCompilable('hasValue() on this type');
  return booleanNode((self) => {
    const c = from(self);
    return c.length === 1 && c[0] !== noValue;
  });
}

/** The criteria of `where`/`all`/`exists(…)`: a computed boolean, evaluated with `$this` = each item. */
function criteria(src: Compiled, arg: Ast, scope: Scope): Truth {
  if (src.type.k === 'mixed' || src.type.k === 'resource')
    throw new NotCompilable('criteria over an untyped collection');
  const c = compileAst(arg, { model: scope.model, self: src.type });
  // fhirpath.js tests the first item's truthiness: an element boolean node would be truthy even when false
  if (!c.computed || !isBooleanType(c.type))
    throw new NotCompilable('criteria must be a computed boolean');
  return truthOf(c);
}

function where(src: Compiled, arg: Ast, scope: Scope): Compiled {
  const from = src.ev;
  const test = criteria(src, arg, scope);
  // `$this` of the criteria: one array made here (the criteria never re-enter this closure)
  const box: unknown[] = [undefined];
  return compiled(
    (self) => {
      const items = from(self);
      const out: unknown[] = [];
      for (const item of items) {
        box[0] = item;
        if (test(box) === true) out.push(item);
      }
      box[0] = undefined;
      return out;
    },
    src.type,
    src.computed,
    undefined,
    (self) => {
      const items = from(self);
      let n = 0;
      for (const item of items) {
        box[0] = item;
        if (test(box) === true) n++;
      }
      box[0] = undefined;
      return n;
    },
  );
}

function all(src: Compiled, arg: Ast, scope: Scope): Compiled {
  const from = src.ev;
  const test = criteria(src, arg, scope);
  const box: unknown[] = [undefined]; // `$this` of the criteria (see where)
  return booleanNode((self) => {
    let all = true;
    for (const item of from(self)) {
      box[0] = item;
      if (test(box) !== true) {
        all = false;
        break;
      }
    }
    box[0] = undefined;
    return all;
  });
}

/** `is(T)`/`ofType(T)` on a Resource element: compares `resourceType` with a concrete resource type. */
function resourceTypeTest(
  name: 'is' | 'ofType',
  src: Compiled,
  arg: Ast | undefined,
  scope: Scope,
): Compiled {
  if (src.type.k !== 'resource') throw new NotCompilable(`${name} on a non-Resource element`);
  const { name: typeName, type } = namedResourceType(scope, arg);
  const from = src.ev;
  const isType = (item: unknown): boolean => {
    const rt = (item as Record<string, unknown>).resourceType;
    if (typeof rt !== 'string') undecided();
    return rt === typeName;
  };
  if (name === 'ofType')
    return compiled((self) => from(self).filter(isType), type, false, undefined, undefined);
  return booleanNode((self) => {
    const c = from(self);
    if (c.length === 0) return undefined;
    if (c.length > 1) undecided();
    return isType(c[0]);
  });
}

function stringLiteral(arg: Ast): string {
  if (arg.k !== 'lit' || arg.t !== 'string') throw new NotCompilable('expected a string literal');
  return arg.v as string;
}

function affix(name: 'startsWith' | 'endsWith', src: Compiled, arg: Ast): Compiled {
  if (family(src.type) !== 'string') throw new NotCompilable(`${name} on a non-string`);
  const lit = stringLiteral(arg);
  const from = src.ev;
  return booleanNode((self) => {
    const v = single(from(self));
    if (v === undefined) return undefined;
    if (typeof v !== 'string') undecided();
    return name === 'startsWith' ? v.startsWith(lit) : v.endsWith(lit);
  });
}

/**
 * The JavaScript form of a FHIRPath regular expression, as fhirpath.js builds it (`su`: dotAll,
 * unicode), except that a pattern unicode mode rejects is read in the web-compatible mode (`s`):
 * FHIRPath regexes follow the common PCRE-like syntax, where an escaped punctuation mark (`\'`) or a
 * lone `]` is a literal character, which only unicode mode forbids (R4's eld-19 and eld-20 use
 * both, so fhirpath.js cannot evaluate them). Undefined when neither mode accepts the pattern.
 */
export function fhirPathRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'su');
  } catch {
    try {
      return new RegExp(source, 's');
    } catch {
      return undefined;
    }
  }
}

/** `matches('regex')` on a string: true when the regex matches somewhere in it (fhirpath.js `test`). */
function matches(src: Compiled, arg: Ast): Compiled {
  if (family(src.type) !== 'string') throw new NotCompilable('matches on a non-string');
  const re = fhirPathRegex(stringLiteral(arg));
  if (!re) throw new NotCompilable('matches with an invalid regular expression');
  const from = src.ev;
  return booleanNode((self) => {
    const v = single(from(self));
    if (v === undefined) return undefined;
    if (typeof v !== 'string') undecided();
    return re.test(v);
  });
}

function length(src: Compiled): Compiled {
  if (family(src.type) !== 'string') throw new NotCompilable('length() on a non-string');
  const from = src.ev;
  return compiled(
    (self) => {
      const v = single(from(self));
      if (v === undefined) return empty;
      if (typeof v !== 'string') undecided();
      return [v.length];
    },
    integerType,
    true,
    undefined,
    undefined,
  );
}

/** `extension(url)` on a complex value: its `extension` children whose `url` is the literal. */
function extension(src: Compiled, arg: Ast, scope: Scope): Compiled {
  const url = stringLiteral(arg);
  if (url === '') throw new NotCompilable("extension(''): fhirpath.js returns empty"); // fhirpath.js: `if (!url) return []`
  const route =
    src.type.k === 'complex' ? resolveMember(scope.model, src.type, 'extension') : undefined;
  if (!route || route.props.length !== 1 || route.type.k !== 'complex')
    throw new NotCompilable('extension() here');
  const from = src.ev;
  return compiled(
    (self) => {
      const out: unknown[] = [];
      for (const item of from(self)) {
        const obj = item as Record<string, unknown>;
        if (obj._extension !== undefined) undecided();
        const list = obj.extension;
        if (list === undefined) continue;
        if (!Array.isArray(list)) undecided();
        for (const e of list) {
          if (typeof e !== 'object' || e === null || Array.isArray(e)) undecided();
          const u = (e as Record<string, unknown>).url;
          if (typeof u !== 'string') undecided();
          if (u === url) out.push(e);
        }
      }
      return out;
    },
    route.type,
    false,
    undefined,
    undefined,
  );
}
