/**
 * Times snapshot generation for all UK Core StructureDefinitions (../shared/fixtures/ukcore), cold
 * (a fresh generator each round, so every base, type profile and extension is generated again) after
 * the registry is loaded; prints the median, fastest and slowest (first, unwarmed) round in wall-clock
 * time, and the median CPU time (steadier on a busy machine). Run: `node --import tsx bench/snapshot.ts [rounds]`.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CanonicalRegistry } from '../src/fhir/definitions/canonical-registry.js';
import type { StructureDefinition } from '../src/fhir/definitions/conformance-resource.js';
import { SnapshotGenerator } from '../src/fhir/definitions/snapshot/index.js';
import { readBaseDefinitionBundles } from '../src/node/load-base-definitions.js';

const dir = resolve(import.meta.dirname, '../../shared/fixtures/ukcore/structuredefinitions');
if (!existsSync(dir)) {
  console.log(`skipped: ${dir} not found`);
  process.exit(0);
}
const rounds = Number(process.argv[2] ?? 10);

const loadStart = performance.now();
const registry = new CanonicalRegistry();
registry.addAll(readBaseDefinitionBundles());
const sds = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as StructureDefinition);
registry.addAll(sds);
const loadMs = performance.now() - loadStart;

const times: number[] = [];
const cpuTimes: number[] = [];
let elements = 0;
const messages = { error: 0, warning: 0, information: 0 };
for (let round = 0; round < rounds; round++) {
  const generator = new SnapshotGenerator(registry);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let count = 0;
  for (const sd of sds) {
    const result = generator.generate(sd);
    count += result.structureDefinition.snapshot?.element.length ?? 0;
    if (round === 0) for (const m of result.messages) messages[m.severity]++;
  }
  times.push(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  elements = count;
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  JSON.stringify(
    {
      structureDefinitions: sds.length,
      snapshotElements: elements,
      rounds,
      registryLoadMs: Math.round(loadMs),
      slowestMs: Math.round(times.at(-1)!),
      medianMs: Math.round(median * 10) / 10,
      fastestMs: Math.round(times[0]! * 10) / 10,
      perProfileMs: Math.round((median / sds.length) * 100) / 100,
      medianCpuMs: Math.round(cpuTimes[Math.floor(cpuTimes.length / 2)]! * 10) / 10,
      messages,
    },
    null,
    2,
  ),
);
