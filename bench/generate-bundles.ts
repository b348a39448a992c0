/**
 * Seeded generator of synthetic UK patient Bundles (type `collection` or `transaction`): one
 * patient's record with the GP practice and a number of encounters, each with conditions,
 * observations and sometimes a prescription. `small` Bundles hold about 10 resources, `large`
 * about 300. The same seed always gives the same bytes.
 * @module
 */
import {
  bloodPressureObservation,
  condition,
  encounter,
  medicationRequest,
  patient,
  practice,
  quantityObservation,
  type Resource,
} from './generate-resources.js';
import { createRng, type Rng } from './prng.js';
import { uuid } from './uk-identifiers.js';

/** Bundle size classes. */
export type BundleSize = 'small' | 'large';

/** Options of {@link generateBundle}. */
export interface BundleOptions {
  /** About how many resources the Bundle holds. */
  readonly resources: number;
  /** `collection` (default) or `transaction` (entries get a `request`). */
  readonly type?: 'collection' | 'transaction';
}

/** Target resource counts of the size classes. */
export const sizeTargets: Readonly<Record<BundleSize, number>> = { small: 10, large: 300 };

class BundleBuilder {
  readonly entries: Record<string, unknown>[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly type: 'collection' | 'transaction',
  ) {}

  add(make: (id: string, fullUrl: string) => Resource): string {
    const id = uuid(this.rng);
    const fullUrl = `urn:uuid:${id}`;
    const resource = make(id, fullUrl);
    const entry: Record<string, unknown> = { fullUrl, resource };
    if (this.type === 'transaction') entry.request = { method: 'POST', url: resource.resourceType };
    this.entries.push(entry);
    return fullUrl;
  }
}

/** One encounter's worth of resources (about five). */
function addEncounter(b: BundleBuilder, rng: Rng, patientUrl: string, practiceUrl: string): void {
  const encUrl = b.add((id) => encounter(rng, id, patientUrl, practiceUrl));
  b.add((id) => condition(rng, id, patientUrl, encUrl));
  b.add((id) => bloodPressureObservation(rng, id, patientUrl, encUrl));
  const observations = rng.int(1, 2);
  for (let i = 0; i < observations; i++)
    b.add((id) => quantityObservation(rng, id, patientUrl, encUrl));
  if (rng.chance(0.3)) b.add((id) => medicationRequest(rng, id, patientUrl, encUrl));
}

/** Generates one patient Bundle of about `options.resources` resources. */
export function generateBundle(rng: Rng, options: BundleOptions): Resource {
  const type = options.type ?? 'collection';
  const b = new BundleBuilder(rng, type);
  const practiceUrl = b.add((id) => practice(rng, id));
  const patientUrl = b.add((id) => patient(rng, id, practiceUrl));
  while (b.entries.length < options.resources) addEncounter(b, rng, patientUrl, practiceUrl);
  return {
    resourceType: 'Bundle',
    id: uuid(rng),
    meta: { lastUpdated: '2026-11-23T00:00:00Z' },
    type,
    timestamp: '2026-11-23T00:00:00Z',
    entry: b.entries,
  };
}

/** One corpus item: the Bundle's JSON text and how many resources it holds. */
export interface CorpusItem {
  readonly text: string;
  readonly resources: number;
  readonly size: BundleSize;
}

/**
 * The benchmark corpus as a lazy sequence (bounded memory): `count` Bundles, 60 % small and 40 %
 * large (about 125 resources per Bundle on average), half collections and half transactions.
 */
export function* generateCorpus(seed: number, count: number): Generator<CorpusItem> {
  const rng = createRng(seed);
  for (let i = 0; i < count; i++) {
    const size: BundleSize = rng.chance(0.6) ? 'small' : 'large';
    const bundle = generateBundle(rng, {
      resources: sizeTargets[size],
      type: rng.chance(0.5) ? 'collection' : 'transaction',
    });
    yield { text: JSON.stringify(bundle), resources: (bundle.entry as unknown[]).length, size };
  }
}

/** A single Bundle with exactly `entries` entries (for the linearity check), as JSON text. */
export function generateBigBundleText(seed: number, entries: number): string {
  const rng = createRng(seed);
  const bundle = generateBundle(rng, { resources: entries, type: 'collection' });
  (bundle.entry as unknown[]).length = entries;
  return JSON.stringify(bundle);
}

/** The clean resources of a few Bundles, one of each resource kind first (for injected errors). */
export function sampleResources(seed: number): Resource[] {
  const rng = createRng(seed);
  const bundle = generateBundle(rng, { resources: 40 });
  return (bundle.entry as { resource: Resource }[]).map((e) => e.resource);
}
