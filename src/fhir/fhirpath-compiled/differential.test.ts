/**
 * Differential test: every R4 core constraint expression that compiles is evaluated on every
 * element of real instances (generated bench Bundles, the UK Core examples when ../shared is
 * present, and mutated variants of both) by the compiled closure and by fhirpath.js; wherever the
 * compiled form decides (not undefined), both must agree.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../bench/generate-bundles.js';
import { locations, mutate, type MutationOp } from '../../../bench/mutate-resource.js';
import { createRng, type Rng } from '../../../bench/prng.js';
import type { CompiledStructure, ElementNode } from '../definitions/compiled/element-node.js';
import { StructureModel } from '../definitions/compiled/structure-model.js';
import type { StructureDefinition } from '../definitions/conformance-resource.js';
import { primitiveTypes } from '../definitions/primitive-types.js';
import { FhirPathEngine } from '../fhirpath.js';
import { loadBaseRegistry } from '../../node/create-node-validator.js';
import { compileInvariant, type CompiledInvariant } from './compile.js';

type Json = Record<string, unknown>;

const registry = loadBaseRegistry();
const model = new StructureModel(registry);
const engine = new FhirPathEngine();

/** (base, expression) of every constraint in the R4 core definitions (types, resources, core profiles and extensions). */
const pairs = new Map<string, { base: string; expression: string }>();
for (const sd of registry.all('StructureDefinition') as Iterable<StructureDefinition>) {
  if (!sd.snapshot?.element) continue;
  for (const el of sd.snapshot.element)
    for (const c of el.constraint ?? [])
      if (c.expression)
        pairs.set(`${el.path}\u0000${c.expression}`, { base: el.path, expression: c.expression });
}
const byBase = new Map<string, { expression: string; fn: CompiledInvariant }[]>();
let compiledCount = 0;
for (const { base, expression } of pairs.values()) {
  const fn = compileInvariant(model, base, expression);
  if (!fn) continue;
  compiledCount++;
  let list = byBase.get(base);
  if (!list) byBase.set(base, (list = []));
  list.push({ expression, fn });
}
const expressions = new Set([...pairs.values()].map((p) => p.expression));
const compiledExpressions = new Set(
  [...byBase.values()].flatMap((l) => l.map((x) => x.expression)),
);

/** Figures of one differential run. */
interface Tally {
  compared: number;
  undecided: number;
  falseVerdicts: number;
  mismatches: string[];
  decided: Set<string>;
}
const newTally = (): Tally => ({
  compared: 0,
  undecided: 0,
  falseVerdicts: 0,
  mismatches: [],
  decided: new Set(),
});

function check(tally: Tally, obj: Json, bases: readonly string[], resource: Json): void {
  for (const base of bases) {
    for (const { expression, fn } of byBase.get(base) ?? []) {
      const compiled = fn(obj);
      if (compiled === undefined) {
        tally.undecided++;
        continue;
      }
      const outcome = engine.evaluateInvariant(base, expression, obj, resource, resource);
      tally.compared++;
      tally.decided.add(expression);
      if (!compiled) tally.falseVerdicts++;
      const expected = outcome.ok ? outcome.passed : `error ${outcome.error}`;
      if (expected !== compiled && tally.mismatches.length < 20)
        tally.mismatches.push(
          `${base} :: ${expression} on ${JSON.stringify(obj).slice(0, 300)}: compiled ${compiled}, fhirpath.js ${expected}`,
        );
    }
  }
}

/** Walks every complex value of a resource with its FHIRPath base path and type, checking each. */
function walkResource(tally: Tally, resource: Json): void {
  const type = resource.resourceType;
  if (typeof type !== 'string') return;
  const s = model.base(type);
  if (!s || s.kind !== 'resource') return;
  walk(tally, resource, s.root, s, type, type, resource);
}

function walk(
  tally: Tally,
  obj: Json,
  node: ElementNode,
  structure: CompiledStructure,
  type: string,
  path: string,
  resource: Json,
): void {
  check(tally, obj, path === type ? [path] : [path, type], resource);
  const resolved = model.childrenOf(node, structure, type);
  if (!resolved) return;
  for (const [key, value] of Object.entries(obj)) {
    const entry = resolved.children.get(key);
    if (!entry) continue;
    const el = entry.element;
    const childType =
      entry.choiceType ??
      (el.types.length === 1 ? el.types[0]!.code : undefined) ??
      'BackboneElement';
    if (primitiveTypes.has(childType)) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
      const child = item as Json;
      if (childType === 'Resource') walkResource(tally, child);
      else if (el.contentReference) {
        const target =
          resolved.structure.byId.get(el.contentReference.replace(/^#/, '')) ??
          resolved.structure.byId.get(el.contentReference);
        if (target) walk(tally, child, el, resolved.structure, childType, target.path, resource);
      } else if (el.children)
        walk(tally, child, el, resolved.structure, childType, el.path, resource);
      else {
        const t = model.base(childType);
        if (t) walk(tally, child, t.root, t, childType, childType, resource);
      }
    }
  }
}

/** String literals of the R4 expressions: replacement values that make invariants fail. */
const literals = [
  ...new Set(
    [...expressions].flatMap((e) => [...e.matchAll(/'([^'\\]{1,60})'/g)].map((m) => m[1]!)),
  ),
];
const replacements: unknown[] = [
  null,
  '',
  'x',
  0,
  -1,
  1,
  2.5,
  -0.5,
  true,
  false,
  [],
  {},
  [null],
  [{}],
  { id: 'a' },
  ...literals,
];

/** A primitive replaced by its `_name` extension only (or an array item by null + extension). */
function extensionOnly(resource: Json, rng: Rng): Json {
  const copy = structuredClone(resource);
  const spots = locations(copy).filter(
    ([c, k]) =>
      !Array.isArray(c) &&
      typeof k === 'string' &&
      !k.startsWith('_') &&
      k !== 'resourceType' &&
      (['string', 'number', 'boolean'].includes(typeof c[k]) ||
        (Array.isArray(c[k]) && (c[k] as unknown[]).some((x) => typeof x !== 'object'))),
  );
  if (spots.length === 0) return copy;
  const [c, k] = rng.pick(spots) as [Json, string];
  const v = c[k];
  if (Array.isArray(v)) {
    c[`_${k}`] = v.map((_, i) =>
      i === 0 ? { extension: [{ url: 'http://example.org/x', valueString: 'y' }] } : null,
    );
    v[0] = null;
  } else {
    c[`_${k}`] = { extension: [{ url: 'http://example.org/x', valueString: 'y' }] };
    if (rng.chance(0.7)) delete c[k];
  }
  return copy;
}

const ops: readonly MutationOp[] = ['delete', 'replace', 'duplicate', 'wrong-type', 'unwrap-array'];

function mutants(resource: Json, rng: Rng, n: number): Json[] {
  const out: Json[] = [];
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.15)) out.push(extensionOnly(resource, rng));
    else
      out.push(
        mutate(resource, rng.pick(ops), rng.int(0, 1_000_000), rng.pick(replacements), 20) as Json,
      );
  }
  return out;
}

function bundleResources(bundle: Json): Json[] {
  return ((bundle.entry as { resource?: Json }[] | undefined) ?? [])
    .map((e) => e.resource)
    .filter((r): r is Json => r !== undefined);
}

function expectAgreement(tally: Tally): void {
  expect(tally.mismatches).toEqual([]);
  expect(tally.compared).toBeGreaterThan(0);
}

describe('compiled invariants agree with fhirpath.js on the R4 core constraints', () => {
  it('compiles most R4 core expressions', () => {
    console.info(
      `R4 core constraints: ${pairs.size} (base, expression) pairs, ${compiledCount} compiled; ${expressions.size} distinct expressions, ${compiledExpressions.size} compiled`,
    );
    expect(compiledExpressions.size).toBeGreaterThan(expressions.size * 0.6);
  });

  it('on generated bench Bundles and their mutants', () => {
    const tally = newTally();
    const rng = createRng(7);
    const samples: Json[] = [];
    for (const { text } of generateCorpus(3, 6)) {
      const bundle = JSON.parse(text) as Json;
      walkResource(tally, bundle);
      for (const r of bundleResources(bundle))
        if (samples.length < 400 && rng.chance(0.3)) samples.push(r);
    }
    for (const r of samples) for (const m of mutants(r, rng, 12)) walkResource(tally, m);
    const bundle = JSON.parse(generateCorpus(5, 1).next().value!.text) as Json;
    for (const type of ['document', 'message', 'collection']) {
      walkResource(tally, { ...bundle, type });
      for (const m of mutants(
        { ...bundle, type, entry: (bundle.entry as unknown[]).slice(0, 3) },
        rng,
        40,
      ))
        walkResource(tally, m);
    }
    console.info(
      `bench: ${tally.compared} evaluations compared (${tally.falseVerdicts} false), ${tally.undecided} left to fhirpath.js, ${tally.decided.size} expressions decided`,
    );
    expectAgreement(tally);
  });

  const ukcore = join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    '..',
    'shared',
    'fixtures',
    'ukcore',
    'examples',
  );
  it.skipIf(!existsSync(ukcore))('on the UK Core examples and their mutants', () => {
    const tally = newTally();
    const rng = createRng(11);
    for (const file of readdirSync(ukcore)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const resource = JSON.parse(readFileSync(join(ukcore, file), 'utf8')) as Json;
      walkResource(tally, resource);
      for (const m of mutants(resource, rng, 25)) walkResource(tally, m);
    }
    console.info(
      `UK Core: ${tally.compared} evaluations compared (${tally.falseVerdicts} false), ${tally.undecided} left to fhirpath.js, ${tally.decided.size} expressions decided`,
    );
    expectAgreement(tally);
  });
});
