/**
 * Compiles FHIRPath invariants of a well-defined subset (compile.md) into closures over the JSON
 * value, typed statically against the R4 definitions. No `eval`: closures only, so the compiled
 * form runs on edge runtimes. A compiled invariant answers true (holds), false (fails) or
 * undefined (a case it cannot decide exactly: the caller evaluates that one with fhirpath.js).
 * @module
 */
import type { StructureModel } from '../definitions/compiled/structure-model.js';
import { compileCall } from './functions.js';
import { compileBinary } from './operators.js';
import { FhirPathSyntaxError, parse, type Ast } from './parse.js';
import {
  asBoolean,
  complexChildren,
  complexCount,
  complexOnly,
  empty,
  ofBoolean,
  primitiveChildren,
  primitiveCount,
  undecided,
  type Collection,
  type Evaluator,
} from './runtime.js';
import {
  resolveBase,
  resolveMember,
  resourceType,
  type MemberRoute,
  type StaticType,
} from './static-types.js';

/** A compiled invariant: true holds, false fails, undefined: evaluate with fhirpath.js. */
export type CompiledInvariant = (node: Record<string, unknown>) => boolean | undefined;

/** A three-valued boolean: true, false, or undefined for empty. */
export type Truth = (self: Collection) => boolean | undefined;

/**
 * A compiled subexpression and its static type. `computed`: values are not element nodes. Every
 * one has every field, in one order (made by {@link compiled}), so the compiler's reads stay on one
 * object shape.
 */
export interface Compiled {
  readonly ev: Evaluator;
  readonly type: StaticType;
  readonly computed: boolean;
  /**
   * A computed boolean's value without a collection (what `asBoolean(ev(self))` gives, with the
   * same undecided cases): logic, `not()`, `where`/`all` criteria and the invariant's verdict read
   * it, so no collection is made for a boolean.
   */
  readonly tv: Truth | undefined;
  /**
   * Element navigation's size without its items (what `ev(self).length` gives, with the same
   * undecided cases): `exists()`, `empty()` and `count()` of a path read it.
   */
  readonly count: ((self: Collection) => number) | undefined;
}

/** A {@link Compiled} with every field set. */
export function compiled(
  ev: Evaluator,
  type: StaticType,
  computed: boolean,
  tv: Truth | undefined,
  count: ((self: Collection) => number) | undefined,
): Compiled {
  return { ev, type, computed, tv, count };
}

const booleanType: StaticType = { k: 'value', type: 'Boolean' };

/** A computed boolean given by its three-valued form (its collection made from it on demand). */
export function booleanNode(tv: Truth): Compiled {
  return compiled((self) => ofBoolean(tv(self)), booleanType, true, tv, undefined);
}

/** The three-valued form of a node in a boolean context. */
export function truthOf(c: Compiled): Truth {
  if (c.tv !== undefined) return c.tv;
  const ev = c.ev;
  return (self) => asBoolean(ev(self));
}

/** Raised (and caught by {@link compileInvariant}) when an expression is outside the subset. */
export class NotCompilable extends Error {}

/** Compile-time environment: the model and the type of `$this`. */
export interface Scope {
  readonly model: StructureModel;
  readonly self: StaticType;
}

/**
 * Compiles an invariant attached to FHIRPath base `base` (a type name or an element path);
 * undefined when the expression or its types fall outside the subset.
 */
export function compileInvariant(
  model: StructureModel,
  base: string,
  expression: string,
): CompiledInvariant | undefined {
  const self = resolveBase(model, base);
  if (!self) return undefined;
  let c: Compiled;
  try {
    c = compileAst(parse(expression), { model, self });
  } catch (e) {
    if (e instanceof FhirPathSyntaxError || e instanceof NotCompilable) return undefined;
    throw e;
  }
  // `$this` in a box made once (no array per call; evaluation is not re-entered while it runs)
  const box: unknown[] = [undefined];
  const tv = c.tv;
  if (tv !== undefined)
    return (node) => {
      box[0] = node;
      try {
        return tv(box) !== false; // a single false fails, anything else passes
      } catch {
        // Undecided (or anything unexpected): fhirpath.js evaluates this one
        return undefined;
      } finally {
        box[0] = undefined;
      }
    };
  const ev = c.ev;
  return (node) => {
    box[0] = node;
    try {
      const r = ev(box);
      return !(r.length === 1 && r[0] === false);
    } catch {
      // Undecided (or anything unexpected): fhirpath.js evaluates this one
      return undefined;
    } finally {
      box[0] = undefined;
    }
  };
}

/** `$this`: the input itself. */
function thisNode(scope: Scope): Compiled {
  return compiled(
    (s) => s,
    scope.self,
    false,
    undefined,
    (s) => s.length,
  );
}

/** Compiles one AST node in `scope`. */
export function compileAst(ast: Ast, scope: Scope): Compiled {
  switch (ast.k) {
    case 'this':
      return thisNode(scope);
    case 'lit':
      return literal(ast);
    case 'member':
      return member(ast.src ? compileAst(ast.src, scope) : thisNode(scope), ast.name, scope);
    case 'call':
      return compileCall(
        ast.name,
        ast.src ? compileAst(ast.src, scope) : thisNode(scope),
        ast.args,
        scope,
      );
    case 'isOp':
      return compileCall(
        'is',
        compileAst(ast.src, scope),
        [{ k: 'member', name: ast.type, src: undefined }],
        scope,
      );
    case 'bin':
      return compileBinary(ast.op, compileAst(ast.l, scope), compileAst(ast.r, scope));
  }
}

function literal(ast: Extract<Ast, { k: 'lit' }>): Compiled {
  if (ast.t === 'decimal') throw new NotCompilable('decimal literals are left to fhirpath.js');
  const c: Collection = Object.freeze([ast.v]);
  const type = ast.t === 'string' ? 'String' : ast.t === 'integer' ? 'Integer' : 'Boolean';
  const b = ast.v;
  const tv: Truth | undefined = typeof b === 'boolean' ? () => b : undefined;
  return compiled(() => c, { k: 'value', type }, true, tv, undefined);
}

function member(src: Compiled, name: string, scope: Scope): Compiled {
  if (src.type.k !== 'complex' || !/^[a-z]/.test(name)) throw new NotCompilable(`member ${name}`);
  const route = resolveMember(scope.model, src.type, name);
  if (!route) throw new NotCompilable(`unknown member ${name}`);
  const step = route.props.length === 1 ? single(route) : choice(route, name);
  const add = step.add;
  const size = step.count;
  const only = step.only;
  const from = src.ev;
  return compiled(
    (self) => {
      const items = from(self);
      // one object (the usual `$this`): its children as they are, where they need no copy
      if (only !== undefined && items.length === 1) {
        const obj = items[0] as Record<string, unknown>;
        if (obj.resourceType === name) undecided();
        return only(obj);
      }
      // the output array is made by the first child found: an absent element makes none
      let out: unknown[] | undefined;
      for (let i = 0; i < items.length; i++) {
        const obj = items[i] as Record<string, unknown>;
        if (obj.resourceType === name) undecided(); // fhirpath.js returns the object itself then
        out = add(obj, out);
      }
      return out ?? empty;
    },
    route.type,
    false,
    undefined,
    (self) => {
      const items = from(self);
      let n = 0;
      for (let i = 0; i < items.length; i++) {
        const obj = items[i] as Record<string, unknown>;
        if (obj.resourceType === name) undecided();
        n += size(obj);
      }
      return n;
    },
  );
}

/**
 * One member step on one object: `add` appends its children to `out` (made when the first is
 * found) and returns it; `count` says how many there are; `only` gives them as a collection of
 * their own, the JSON array itself when it holds them all (complex elements; collections are never
 * changed by their readers). All three have the same undecided cases.
 */
interface Step {
  readonly add: (obj: Record<string, unknown>, out: unknown[] | undefined) => unknown[] | undefined;
  readonly count: (obj: Record<string, unknown>) => number;
  readonly only: ((obj: Record<string, unknown>) => Collection) | undefined;
}

function propStep(key: string, type: StaticType): Step {
  const extKey = `_${key}`; // made once: a key built per call is slow on this hot path
  if (type.k === 'prim') {
    const kind = type.json;
    return {
      add: (obj, out) => primitiveChildren(obj, key, extKey, kind, out),
      count: (obj) => primitiveCount(obj, key, extKey, kind),
      only: undefined,
    };
  }
  return {
    add: (obj, out) => complexChildren(obj, key, extKey, out),
    count: (obj) => complexCount(obj, key, extKey),
    only: (obj) => complexOnly(obj, key, extKey),
  };
}

function single(route: MemberRoute): Step {
  const p = route.props[0]!;
  return propStep(p.key, p.type);
}

/**
 * A choice element: at most one of its JSON properties may be present (fhirpath.js takes the first
 * in model order; two are undecided). Found by the object's own names (a few) rather than by
 * probing every choice name and its `_name` (Observation.value[x] has eleven types).
 */
function choice(route: MemberRoute, name: string): Step {
  const byKey = new Map<string, Step>();
  for (const p of route.props) {
    const step = propStep(p.key, p.type);
    byKey.set(p.key, step);
    byKey.set(`_${p.key}`, step);
  }
  const first = name.charCodeAt(0); // every choice name starts with the element's name, or `_`
  const present = (obj: Record<string, unknown>): Step | undefined => {
    let found: Step | undefined;
    for (const k in obj) {
      const c = k.charCodeAt(0);
      if (c !== first && c !== 95 /* _ */) continue;
      const step = byKey.get(k);
      if (step === undefined || step === found || obj[k] === undefined) continue;
      if (found) undecided();
      found = step;
    }
    return found;
  };
  return {
    add: (obj, out) => {
      const found = present(obj);
      return found === undefined ? out : found.add(obj, out);
    },
    count: (obj) => {
      const found = present(obj);
      return found === undefined ? 0 : found.count(obj);
    },
    only: undefined,
  };
}

/** The type `ofType(T)`/`is(T)` names on a Resource element (a concrete resource type). */
export function namedResourceType(
  scope: Scope,
  arg: Ast | undefined,
): { name: string; type: StaticType } {
  if (arg?.k !== 'member' || arg.src !== undefined) throw new NotCompilable('type specifier');
  const type = resourceType(scope.model, arg.name);
  if (!type) throw new NotCompilable(`type ${arg.name}`);
  return { name: arg.name, type };
}
