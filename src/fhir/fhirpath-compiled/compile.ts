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
  complexChildren,
  empty,
  primitiveChildren,
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

/** A compiled subexpression and its static type. `computed`: values are not element nodes. */
export interface Compiled {
  readonly ev: Evaluator;
  readonly type: StaticType;
  readonly computed: boolean;
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
  let compiled: Compiled;
  try {
    compiled = compileAst(parse(expression), { model, self });
  } catch (e) {
    if (e instanceof FhirPathSyntaxError || e instanceof NotCompilable) return undefined;
    throw e;
  }
  const ev = compiled.ev;
  return (node) => {
    try {
      const r = ev([node]);
      return !(r.length === 1 && r[0] === false);
    } catch {
      // Undecided (or anything unexpected): fhirpath.js evaluates this one
      return undefined;
    }
  };
}

/** Compiles one AST node in `scope`. */
export function compileAst(ast: Ast, scope: Scope): Compiled {
  switch (ast.k) {
    case 'this':
      return { ev: (self) => self, type: scope.self, computed: false };
    case 'lit':
      return literal(ast);
    case 'member':
      return member(
        ast.src
          ? compileAst(ast.src, scope)
          : { ev: (self) => self, type: scope.self, computed: false },
        ast.name,
        scope,
      );
    case 'call':
      return compileCall(
        ast.name,
        ast.src
          ? compileAst(ast.src, scope)
          : { ev: (self) => self, type: scope.self, computed: false },
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
  return { ev: () => c, type: { k: 'value', type }, computed: true };
}

function member(src: Compiled, name: string, scope: Scope): Compiled {
  if (src.type.k !== 'complex' || !/^[a-z]/.test(name)) throw new NotCompilable(`member ${name}`);
  const route = resolveMember(scope.model, src.type, name);
  if (!route) throw new NotCompilable(`unknown member ${name}`);
  const step = route.props.length === 1 ? single(route) : choice(route, name);
  const from = src.ev;
  return {
    ev: (self) => {
      const items = from(self);
      // the output array is made by the first child found: an absent element makes none
      let out: unknown[] | undefined;
      for (let i = 0; i < items.length; i++) {
        const obj = items[i] as Record<string, unknown>;
        if (obj.resourceType === name) undecided(); // fhirpath.js returns the object itself then
        out = step(obj, out);
      }
      return out ?? empty;
    },
    type: route.type,
    computed: false,
  };
}

/** Appends the children of one object to `out` (made when the first is found); returns it. */
type Step = (obj: Record<string, unknown>, out: unknown[] | undefined) => unknown[] | undefined;

function propStep(key: string, type: StaticType): Step {
  const extKey = `_${key}`; // made once: a key built per call is slow on this hot path
  if (type.k === 'prim') {
    const kind = type.json;
    return (obj, out) => primitiveChildren(obj, key, extKey, kind, out);
  }
  return (obj, out) => complexChildren(obj, key, extKey, out);
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
  return (obj, out) => {
    let found: Step | undefined;
    for (const k in obj) {
      const c = k.charCodeAt(0);
      if (c !== first && c !== 95 /* _ */) continue;
      const step = byKey.get(k);
      if (step === undefined || step === found || obj[k] === undefined) continue;
      if (found) undecided();
      found = step;
    }
    return found === undefined ? out : found(obj, out);
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
