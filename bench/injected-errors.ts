/**
 * The injected-error check: each of the 50 cases in injected-cases.ts is applied to a clean
 * generated resource and given to every engine; a case is caught when the engine reports at least
 * one error on the mutated resource (and none on the clean one). Also counts false positives on the
 * clean resources. Run alone: node --import tsx bench/injected-errors.ts [--seed 7]
 * @module
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createBenchEngine, type BenchEngine, type EngineName } from './engines.js';
import { sampleResources } from './generate-bundles.js';
import type { Resource } from './generate-resources.js';
import { applyCase, injectedCases, type BaseKind } from './injected-cases.js';

/** One case's outcome per engine. */
export interface CaseOutcome {
  readonly id: string;
  readonly category: string;
  /** Per engine: the first error reported, or undefined when missed. */
  readonly caught: Readonly<Record<string, string | undefined>>;
}

/** The whole check. */
export interface InjectedFigures {
  readonly engines: readonly EngineName[];
  readonly cases: readonly CaseOutcome[];
  /** Per engine: errors reported on the clean base resources (must be 0). */
  readonly cleanErrors: Readonly<Record<string, number>>;
  readonly cleanSamples: Readonly<Record<string, readonly string[]>>;
}

/** Clean base resources by kind, taken from one generated Bundle. */
export function baseResources(seed: number): Record<BaseKind, Resource> {
  const all = sampleResources(seed);
  const find = (p: (r: Resource) => boolean, kind: string): Resource => {
    const r = all.find(p);
    if (!r) throw new Error(`generator made no ${kind}`);
    return r;
  };
  return {
    Patient: find((r) => r.resourceType === 'Patient', 'Patient'),
    Organization: find((r) => r.resourceType === 'Organization', 'Organization'),
    Encounter: find((r) => r.resourceType === 'Encounter', 'Encounter'),
    Condition: find((r) => r.resourceType === 'Condition', 'Condition'),
    BloodPressure: find(
      (r) => r.resourceType === 'Observation' && 'component' in r,
      'blood pressure',
    ),
    Observation: find(
      (r) => r.resourceType === 'Observation' && 'valueQuantity' in r,
      'quantity Observation',
    ),
    MedicationRequest: find((r) => r.resourceType === 'MedicationRequest', 'MedicationRequest'),
  };
}

/** Runs the 50 cases against already set-up engines. */
export function checkInjectedErrors(engines: readonly BenchEngine[], seed = 7): InjectedFigures {
  const bases = baseResources(seed);
  const cleanErrors: Record<string, number> = {};
  const cleanSamples: Record<string, string[]> = {};
  for (const e of engines) {
    cleanErrors[e.name] = 0;
    cleanSamples[e.name] = [];
    for (const r of Object.values(bases)) {
      const v = e.validateValue(structuredClone(r));
      cleanErrors[e.name] = (cleanErrors[e.name] ?? 0) + v.errors;
      cleanSamples[e.name]?.push(...v.details.map((d) => `${r.resourceType}: ${d}`));
    }
  }
  const cases = injectedCases.map((tc) => {
    const caught: Record<string, string | undefined> = {};
    for (const e of engines) {
      const v = e.validateValue(applyCase(tc, bases[tc.base]));
      caught[e.name] = v.errors > 0 ? (v.details[0] ?? 'error') : undefined;
    }
    return { id: tc.id, category: tc.category, caught };
  });
  return { engines: engines.map((e) => e.name), cases, cleanErrors, cleanSamples };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '7' },
      engines: { type: 'string', default: 'mdss,medplum' },
    },
  });
  const names = (values.engines ?? '').split(',') as EngineName[];
  const engines: BenchEngine[] = [];
  for (const n of names) engines.push(await createBenchEngine(n, false));
  process.stdout.write(`${JSON.stringify(checkInjectedErrors(engines, Number(values.seed)))}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
