/**
 * Applies one differential element to its snapshot element (ProfileUtilities' `updateFromDefinition`):
 * documentation, cardinality, types, fixed/pattern, value limits, binding, constraints, slicing,
 * flags and element extensions. Conflicts with the base become messages; the differential still wins
 * where FHIR lets it (https://hl7.org/fhir/R4/profiling.html#constraints).
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';
import { mergeBinding } from './merge-binding.js';
import { mergeTypes, type TypeChecker } from './merge-types.js';
import type { MessageCollector } from './snapshot-result.js';

/** What merging needs besides the two elements. */
export interface MergeContext {
  /** Canonical url of the profile being generated (becomes `constraint.source`). */
  readonly profileUrl: string;
  readonly messages: MessageCollector;
  readonly types: TypeChecker;
}

type Loose = Record<string, unknown>;

/** Properties copied from the differential as they are. */
const replaced = [
  'short',
  'definition',
  'comment',
  'requirements',
  'label',
  'code',
  'meaningWhenMissing',
  'orderMeaning',
  'isModifier',
  'isModifierReason',
  'mustSupport',
  'maxLength',
  'example',
  'representation',
  'sliceIsConstraining',
] as const;

/** Choice-typed value properties: the differential's value replaces any value of the same family. */
const valueFamilies = ['fixed', 'pattern', 'defaultValue', 'minValue', 'maxValue'] as const;

/** Merges `diff` into `target` (mutates `target`, never `diff`). */
export function mergeElement(
  target: ElementDefinition,
  diff: ElementDefinition,
  ctx: MergeContext,
): void {
  const id = target.id;
  const t = target as unknown as Loose;
  const d = diff as unknown as Loose;
  for (const key of replaced) {
    if (d[key] !== undefined) t[key] = structuredClone(d[key]);
  }
  mergeCardinality(target, diff, ctx);
  if (diff.type) target.type = mergeTypes(target.type, diff.type, ctx.types, ctx.messages, id);
  for (const family of valueFamilies) mergeValue(t, d, family, ctx, id);
  if (diff.binding) target.binding = mergeBinding(target.binding, diff.binding, ctx.messages, id);
  if (diff.constraint) {
    const constraints = [...(target.constraint ?? [])];
    for (const c of diff.constraint) {
      if (constraints.some((x) => x.key === c.key)) continue;
      constraints.push({ ...structuredClone(c), source: c.source ?? ctx.profileUrl });
    }
    target.constraint = constraints;
  }
  if (diff.condition) target.condition = union(target.condition, diff.condition);
  if (diff.alias) target.alias = union(target.alias, diff.alias);
  if (diff.mapping) {
    const maps = [...(target.mapping ?? [])];
    for (const m of diff.mapping) {
      if (!maps.some((x) => x.identity === m.identity && x.map === m.map))
        maps.push(structuredClone(m));
    }
    target.mapping = maps;
  }
  if (diff.slicing) mergeSlicing(target, diff, ctx);
  if (diff.extension) {
    const urls = new Set(diff.extension.map((e) => e.url));
    target.extension = [
      ...(target.extension ?? []).filter((e) => !urls.has(e.url)),
      ...structuredClone(diff.extension),
    ];
  }
}

function mergeCardinality(
  target: ElementDefinition,
  diff: ElementDefinition,
  ctx: MergeContext,
): void {
  const id = target.id;
  const isSlice = target.sliceName !== undefined;
  if (diff.min !== undefined) {
    if (!isSlice && target.min !== undefined && diff.min < target.min) {
      ctx.messages.report(
        'error',
        'snapshot.min-below-base',
        `${id}: min ${diff.min} is below the base min ${target.min}`,
        id,
      );
    }
    target.min = diff.min;
  }
  if (diff.max !== undefined) {
    if (target.max !== undefined && exceeds(diff.max, target.max)) {
      ctx.messages.report(
        'error',
        'snapshot.max-above-base',
        `${id}: max ${diff.max} is above the base max ${target.max}`,
        id,
      );
    }
    target.max = diff.max;
  }
  if (
    target.min !== undefined &&
    target.max !== undefined &&
    target.max !== '*' &&
    target.min > Number(target.max)
  ) {
    ctx.messages.report(
      'error',
      'snapshot.min-above-max',
      `${id}: min ${target.min} is above max ${target.max}`,
      id,
    );
  }
}

/** True when max `a` allows more than max `b`. */
function exceeds(a: string, b: string): boolean {
  if (b === '*') return false;
  if (a === '*') return true;
  return Number(a) > Number(b);
}

function mergeValue(
  t: Loose,
  d: Loose,
  family: string,
  ctx: MergeContext,
  id: string | undefined,
): void {
  const dKey = Object.keys(d).find(
    (k) => k.startsWith(family) && isTypeSuffix(k.slice(family.length)),
  );
  if (!dKey) return;
  const tKey = Object.keys(t).find(
    (k) => k.startsWith(family) && isTypeSuffix(k.slice(family.length)),
  );
  if (
    family === 'fixed' &&
    tKey &&
    (tKey !== dKey || JSON.stringify(t[tKey]) !== JSON.stringify(d[dKey]))
  ) {
    ctx.messages.report(
      'error',
      'snapshot.fixed-conflict',
      `${id}: ${dKey} differs from the base's ${tKey}`,
      id,
    );
  }
  if (tKey) delete t[tKey];
  t[dKey] = structuredClone(d[dKey]);
}

function isTypeSuffix(s: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(s);
}

function mergeSlicing(target: ElementDefinition, diff: ElementDefinition, ctx: MergeContext): void {
  const base = target.slicing;
  const slicing = structuredClone(diff.slicing!);
  if (base) {
    const bd = JSON.stringify(base.discriminator ?? []);
    if (
      slicing.discriminator &&
      JSON.stringify(slicing.discriminator) !== bd &&
      base.discriminator?.length
    ) {
      ctx.messages.report(
        'warning',
        'snapshot.slicing-discriminator-changed',
        `${target.id}: slicing discriminator differs from the base's`,
        target.id,
      );
    }
    if (base.rules === 'closed' && slicing.rules && slicing.rules !== 'closed') {
      ctx.messages.report(
        'error',
        'snapshot.slicing-rules-loosened',
        `${target.id}: slicing rules ${slicing.rules} loosen the base's closed slicing`,
        target.id,
      );
    }
    target.slicing = { ...base, ...slicing };
  } else target.slicing = slicing;
}

function union<T>(a: readonly T[] | undefined, b: readonly T[]): T[] {
  const out = [...(a ?? [])];
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}
