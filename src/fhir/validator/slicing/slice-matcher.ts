/**
 * Decides which slices an instance item belongs to. Each slice × discriminator is compiled once
 * (per validator) into an expectation read from the slice's own elements: a fixed/pattern value or
 * required binding (value/pattern), presence (exists), types (type) or profiles (profile).
 * See slicing.md beside this file.
 * @module
 */
import type { CompiledStructure, ElementNode } from '../../definitions/compiled/element-node.js';
import type { StructureModel } from '../../definitions/compiled/structure-model.js';
import { matchesPattern } from '../value-match.js';
import { buildExactIndexes, buildSliceIndex, type SliceIndex } from './slice-index.js';
import {
  choiceSuffixes,
  instanceValues,
  parseDiscriminatorPath,
  type PathStep,
} from './discriminator-path.js';

/** What one discriminator expects of items in one slice. */
type Expectation =
  | { readonly kind: 'pattern'; readonly steps: PathStep[]; readonly value: unknown }
  /** Values fixed in re-slices met on the path: every `required` one present, else some `optional` one. */
  | {
      readonly kind: 'reslices';
      readonly steps: PathStep[];
      readonly required: readonly unknown[];
      readonly optional: readonly unknown[];
    }
  | { readonly kind: 'binding'; readonly steps: PathStep[]; readonly valueSet: string }
  | { readonly kind: 'exists'; readonly steps: PathStep[]; readonly exists: boolean }
  | { readonly kind: 'type'; readonly steps: PathStep[]; readonly types: readonly string[] }
  | { readonly kind: 'profile'; readonly steps: PathStep[]; readonly profiles: readonly string[] }
  | { readonly kind: 'none' };

/** Services slice matching needs from the validator. */
export interface SliceServices {
  readonly model: StructureModel;
  /** Follows a Reference (or canonical) to the resource it names, inside the Bundle or contained. */
  readonly resolve: (ref: unknown) => unknown;
  /** Silent conformance of a value to a profile (no issues reported). */
  readonly conforms: (value: unknown, profile: string) => boolean;
  readonly inValueSet: (valueSet: string, value: unknown) => boolean | undefined;
}

/**
 * One slice of a compiled slicing, with what the walker reads of its element on every item, read
 * once (element nodes come in many shapes, so each read of one is a megamorphic load).
 */
export interface CompiledSlice {
  readonly node: ElementNode;
  readonly expectations: readonly Expectation[];
  /** The slice is itself sliced (reslicing: `a` with reslices `a/b`). */
  readonly resliced: boolean;
  /** The slice's one type, when it has exactly one (else the item's type applies). */
  readonly singleType: string | undefined;
  readonly min: number;
  readonly max: number;
}

/** A compiled slicing: the slices and their expectations. */
export interface CompiledSlicing {
  readonly slices: readonly CompiledSlice[];
  readonly rules: 'closed' | 'open' | 'openAtEnd';
  readonly ordered: boolean;
  readonly unsupported: readonly { type: string; path: string }[];
  /** The candidate slices by discriminator value, when a discriminator allows it (slice-index.ts). */
  readonly index: SliceIndex | undefined;
  /** Every discriminator's index, when each allows one: the matching slices without trying any (slice-index.ts). */
  readonly exact: readonly SliceIndex[] | undefined;
  /** The slices' elements in order (filled on first use by the walker). */
  nodes?: readonly ElementNode[];
}

/** Compiles the slicing of `sliced` (an element with `slicing` and slices). */
export function compileSlicing(
  model: StructureModel,
  sliced: ElementNode,
  structure: CompiledStructure,
): CompiledSlicing {
  const slicing: NonNullable<ElementNode['definition']['slicing']> = sliced.definition.slicing ?? {
    rules: 'open',
  };
  const discriminators = slicing.discriminator ?? [];
  const unsupported: { type: string; path: string }[] = [];
  const slices = (sliced.slices ?? []).map((node): CompiledSlice => ({
    node,
    expectations: discriminators.map((d) =>
      expectation(
        model,
        sliced,
        node,
        structure,
        d.type ?? 'value',
        d.path ?? '$this',
        unsupported,
      ),
    ),
    resliced: node.slices !== undefined && node.slices.length > 0 && !!node.definition.slicing,
    singleType: node.types.length === 1 ? node.types[0]!.code : undefined,
    min: node.min,
    max: node.max,
  }));
  return {
    slices,
    rules: (slicing.rules as CompiledSlicing['rules']) ?? 'open',
    ordered: slicing.ordered === true,
    unsupported,
    index: buildSliceIndex(slices),
    exact: buildExactIndexes(slices),
  };
}

/** The slice's element reached by the discriminator path, and the type profile it came through. */
function elementAt(
  model: StructureModel,
  slice: ElementNode,
  structure: CompiledStructure,
  steps: readonly PathStep[],
): { node: ElementNode; viaProfile?: string; ofType?: string } | undefined {
  let node = slice;
  let struct = structure;
  let ofType: string | undefined;
  let viaProfile: string | undefined;
  for (const step of steps) {
    if (step.kind === 'ofType') {
      ofType = step.type;
      continue;
    }
    if (step.kind === 'resolve') {
      const target = node.types.flatMap((t) => t.targetProfiles)[0];
      const compiled = target ? model.profile(target) : undefined;
      if (!compiled) return undefined;
      node = compiled.root;
      struct = compiled;
      continue;
    }
    const typeProfile = node.types[0]?.profiles[0];
    let from = node;
    if (!node.children && typeProfile) {
      const p = model.profile(typeProfile);
      if (p) {
        from = p.root;
        struct = p;
        viaProfile = typeProfile;
      }
    }
    const resolved = model.childrenOf(
      from,
      struct,
      ofType ?? (from.types.length === 1 ? from.types[0]!.code : undefined),
    );
    struct = resolved?.structure ?? struct;
    if (step.kind === 'extension') {
      const ext = resolved?.children.get('extension')?.element;
      const match = ext?.slices?.find(
        (s) => s.types.some((t) => t.profiles.includes(step.url)) || fixedOf(s, 'url') === step.url,
      );
      if (!match) return undefined;
      node = match;
    } else {
      const child =
        resolved?.children.get(step.name) ??
        [...(resolved?.children.values() ?? [])].find((c) => c.element.name === step.name);
      if (!child) {
        if (step.name === 'url' && viaProfile === undefined && typeProfile)
          return { node, viaProfile: typeProfile };
        return undefined;
      }
      node = child.element;
    }
    ofType = undefined;
  }
  return { node, ...(viaProfile ? { viaProfile } : {}), ...(ofType ? { ofType } : {}) };
}

/**
 * The value fixed in the one type slice of a choice (`value[x]:valueCode` with `fixedCode`, as
 * the R4 snapshot writes a differential's `valueCode`): the choice's own discriminator value.
 */
function choiceSliceValue(node: ElementNode): unknown {
  if (!node.path.endsWith('[x]') || !node.slices?.length) return undefined;
  const values = node.slices
    .map((s) => s.valueRules?.fixed ?? s.valueRules?.pattern)
    .filter((v) => v !== undefined);
  return values.length === 1 && node.slices.length === 1 ? values[0] : undefined;
}

/**
 * The resource types a `type` discriminator ending in `resolve()` expects: those of the target
 * profiles of the reference it resolves (`item.resolve()` with `targetProfile` Condition → Condition).
 */
function resolvedTypes(
  model: StructureModel,
  slice: ElementNode,
  structure: CompiledStructure,
  steps: readonly PathStep[],
): string[] {
  const ref = elementAt(model, slice, structure, steps)?.node;
  return (ref?.types ?? [])
    .flatMap((t) => t.targetProfiles)
    .map((p) => model.profile(p)?.type ?? p.slice(p.lastIndexOf('/') + 1));
}

function fixedOf(node: ElementNode, childName: string): unknown {
  return node.children?.get(childName)?.element.valueRules?.fixed;
}

/**
 * The value a discriminator path reaches inside re-slices: when the path passes through an element
 * that the slice slices again (R4 `bp`: `component` by `code.coding.code`, whose values sit in the
 * re-slices `component:SystolicBP.code.coding:SBPCode`), the fixed/pattern values of those slices.
 */
function resliceValues(
  model: StructureModel,
  slice: ElementNode,
  structure: CompiledStructure,
  steps: readonly PathStep[],
): Expectation | undefined {
  for (let k = steps.length - 1; k >= 1; k--) {
    const prefix = elementAt(model, slice, structure, steps.slice(0, k));
    if (!prefix?.node.slices?.length || prefix.viaProfile) continue;
    const rest = steps.slice(k);
    const required: unknown[] = [];
    const optional: unknown[] = [];
    for (const s of prefix.node.slices) {
      const at = elementAt(model, s, structure, rest);
      const v =
        at?.node.valueRules?.fixed ??
        at?.node.valueRules?.pattern ??
        (at ? choiceSliceValue(at.node) : undefined);
      if (v !== undefined) (s.min > 0 ? required : optional).push(v);
    }
    if (required.length || optional.length)
      return { kind: 'reslices', steps: [...steps], required, optional };
  }
  return undefined;
}

/**
 * The element a slice stands for in the unsliced element (`a:s.b:t` → `a.b:t`), reached by the same
 * path: the constraints on the unsliced element apply to every slice, so a discriminator value fixed
 * there (UK Core blood pressure: `Observation.component.code.coding:loinc.system`) holds in each slice.
 */
function unslicedCounterpart(
  model: StructureModel,
  structure: CompiledStructure,
  sliced: ElementNode,
  slice: ElementNode,
  steps: readonly PathStep[],
): ElementNode | undefined {
  if (!sliced.id.includes(':') || !slice.id.startsWith(sliced.id)) return undefined;
  const counterpart = structure.byId.get(
    sliced.id.replace(/:[^.]+/g, '') + slice.id.slice(sliced.id.length),
  );
  return counterpart ? elementAt(model, counterpart, structure, steps)?.node : undefined;
}

function expectation(
  model: StructureModel,
  sliced: ElementNode,
  slice: ElementNode,
  structure: CompiledStructure,
  type: string,
  path: string,
  unsupported: { type: string; path: string }[],
): Expectation {
  const steps = parseDiscriminatorPath(path);
  const last = steps[steps.length - 1];
  if (
    (type === 'value' || type === 'pattern') &&
    last?.kind === 'name' &&
    last.name === 'url' &&
    steps.length === 1
  ) {
    const url = fixedOf(slice, 'url') ?? slice.types[0]?.profiles[0];
    if (typeof url === 'string') return { kind: 'pattern', steps, value: url };
  }
  const at = elementAt(model, slice, structure, steps);
  if (!at) {
    unsupported.push({ type, path });
    return { kind: 'none' };
  }
  const n = at.node;
  switch (type) {
    case 'value':
    case 'pattern': {
      const own = n.valueRules?.fixed ?? n.valueRules?.pattern ?? choiceSliceValue(n);
      const counterpart =
        own === undefined ? unslicedCounterpart(model, structure, sliced, slice, steps) : undefined;
      const v = own ?? counterpart?.valueRules?.fixed ?? counterpart?.valueRules?.pattern;
      if (v !== undefined) return { kind: 'pattern', steps, value: v };
      // a discriminator element the slice prohibits (max 0) matches the items that lack it
      if (n.max === 0) return { kind: 'exists', steps, exists: false };
      if (n.valueRules?.binding?.strength === 'required')
        return { kind: 'binding', steps, valueSet: n.valueRules.binding.valueSet };
      const inReslices = resliceValues(model, slice, structure, steps);
      if (inReslices) return inReslices;
      unsupported.push({ type, path });
      return { kind: 'none' };
    }
    case 'exists':
      return { kind: 'exists', steps, exists: n.min > 0 };
    case 'type': {
      const types = at.ofType
        ? [at.ofType]
        : last?.kind === 'resolve'
          ? resolvedTypes(model, slice, structure, steps.slice(0, -1))
          : n.types.map((t) => t.code);
      return { kind: 'type', steps, types };
    }
    case 'profile': {
      const profiles = n.types.flatMap((t) =>
        steps.some((s) => s.kind === 'resolve') ? t.targetProfiles : t.profiles,
      );
      return profiles.length ? { kind: 'profile', steps, profiles } : { kind: 'none' };
    }
    default:
      unsupported.push({ type, path });
      return { kind: 'none' };
  }
}

function typeOfValue(v: unknown, choiceType: string | undefined): string | undefined {
  if (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { resourceType?: unknown }).resourceType === 'string'
  )
    return (v as { resourceType: string }).resourceType;
  return choiceType;
}

/**
 * Whether `item` satisfies every expectation of a slice: true, false, or undefined when it would
 * match but a value-set membership could not be decided offline (the slice is then a candidate).
 */
export function itemMatches(
  services: SliceServices,
  expectations: readonly Expectation[],
  item: unknown,
  choiceType?: string,
): boolean | undefined {
  let undecided = false;
  for (let i = 0; i < expectations.length; i++) {
    const e = expectations[i]!;
    if (e.kind === 'none') continue;
    // the usual discriminators (a pattern or presence on a path) follow the path without lists
    let m: boolean | undefined;
    if (e.kind === 'pattern') m = reaches(item, e.steps, 0, services.resolve, true, e.value);
    else if (e.kind === 'exists')
      m = reaches(item, e.steps, 0, services.resolve, false, undefined) === e.exists;
    else m = matchesOther(services, e, item, choiceType);
    if (m === false) return false;
    if (m === undefined) undecided = true;
  }
  return undecided ? undefined : true;
}

const noValues: readonly unknown[] = [];

/**
 * One expectation of another kind (reslices, binding, type, profile): false when the item fails
 * it, undefined when a binding cannot be decided offline. (Apart from itemMatches, so its closures
 * cost nothing to the usual discriminators.)
 */
function matchesOther(
  services: SliceServices,
  e: Exclude<Expectation, { kind: 'none' | 'pattern' | 'exists' }>,
  item: unknown,
  choiceType: string | undefined,
): boolean | undefined {
  if (e.kind === 'reslices') {
    // `reaches` with each value: the values at the path are followed without being listed
    if (e.required.length)
      return e.required.every((r) => reaches(item, e.steps, 0, services.resolve, true, r));
    return e.optional.some((o) => reaches(item, e.steps, 0, services.resolve, true, o));
  }
  // a type discriminator on `$this` reads the item itself
  const values =
    e.kind === 'type' && e.steps.length === 0
      ? noValues
      : instanceValues(item, e.steps, services.resolve);
  switch (e.kind) {
    case 'binding': {
      const answers = values.map((v) => services.inValueSet(e.valueSet, v));
      if (answers.includes(true)) return true;
      return answers.includes(undefined) ? undefined : false;
    }
    case 'type': {
      const t =
        e.steps.length === 0
          ? typeOfValue(item, choiceType)
          : values.length > 0
            ? typeOfValue(values[0], undefined)
            : undefined;
      if (t !== undefined && !e.types.includes(t)) return false;
      // a choice reached by its name (`content` → `contentString`): the type is the name's suffix
      const suffixes =
        t === undefined && e.steps.length > 0
          ? choiceSuffixes(item, e.steps, services.resolve)
          : [];
      return !(
        suffixes.length > 0 &&
        !suffixes.some((s) => e.types.some((x) => x.charAt(0).toUpperCase() + x.slice(1) === s))
      );
    }
    case 'profile':
      return values.some((v) => e.profiles.some((p) => services.conforms(v, p)));
  }
}

/**
 * Whether following `steps` (from step `i`) from `v` reaches a value (matching `pattern` when
 * `test`): `instanceValues(…).some(…)` / `.length > 0` without building the lists of values.
 */
function reaches(
  v: unknown,
  steps: readonly PathStep[],
  i: number,
  resolve: (ref: unknown) => unknown,
  test: boolean,
  pattern: unknown,
): boolean {
  if (i === steps.length) return !test || matchesPattern(pattern, v);
  const step = steps[i]!;
  if (step.kind === 'resolve') {
    const r = resolve(v);
    return r !== undefined && reaches(r, steps, i + 1, resolve, test, pattern);
  }
  if (step.kind === 'ofType') return reaches(v, steps, i + 1, resolve, test, pattern);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const obj = v as Record<string, unknown>;
  if (step.kind === 'extension') {
    const exts = obj['extension'];
    if (!Array.isArray(exts)) return false;
    for (const x of exts)
      if (
        typeof x === 'object' &&
        x !== null &&
        !Array.isArray(x) &&
        (x as Record<string, unknown>)['url'] === step.url &&
        reaches(x, steps, i + 1, resolve, test, pattern)
      )
        return true;
    return false;
  }
  const direct = obj[step.name];
  if (direct !== undefined) return reachesAll(direct, steps, i + 1, resolve, test, pattern);
  // a choice element: value[x] reached as `value` matches valueQuantity, valueString, …
  const name = step.name;
  for (const k in obj)
    if (
      k.length > name.length &&
      k.startsWith(name) &&
      k.charCodeAt(name.length) < 97 &&
      reachesAll(obj[k], steps, i + 1, resolve, test, pattern)
    )
      return true;
  return false;
}

/** {@link reaches} from a property's value: each item of an array, else the value itself. */
function reachesAll(
  v: unknown,
  steps: readonly PathStep[],
  i: number,
  resolve: (ref: unknown) => unknown,
  test: boolean,
  pattern: unknown,
): boolean {
  if (!Array.isArray(v)) return reaches(v, steps, i, resolve, test, pattern);
  for (const x of v) if (reaches(x, steps, i, resolve, test, pattern)) return true;
  return false;
}

/**
 * Narrows several matching slices by the bindings on the slices themselves (UK Core
 * `Observation.code.coding`, sliced by type into PaLM and PBCL codings): a slice whose required or
 * extensible value set rejects the item drops out. Returns the remaining slices and whether some
 * membership could not be decided offline.
 */
export function narrowByBinding(
  services: SliceServices,
  nodes: readonly ElementNode[],
  item: unknown,
): { nodes: ElementNode[]; undecided: boolean } {
  const answers = nodes.map((n) => {
    const b = n.valueRules?.binding;
    return b && (b.strength === 'required' || b.strength === 'extensible')
      ? services.inValueSet(b.valueSet, item)
      : null;
  });
  if (answers.every((a) => a === null)) return { nodes: [...nodes], undecided: false };
  const members = nodes.filter((_, i) => answers[i] === true);
  if (members.length > 0) return { nodes: members, undecided: false };
  const open = nodes.filter((_, i) => answers[i] !== false);
  if (open.length === 0) return { nodes: [...nodes], undecided: false };
  return { nodes: open, undecided: answers.includes(undefined) };
}
