/**
 * Terminology micro-benchmark: cold expansion of every R4 core (and UK Core, when ../shared is
 * present) ValueSet, then validateCode and checkBinding throughput on warm expansions.
 * Run: node --import tsx bench/terminology.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CanonicalRegistry } from '../src/fhir/definitions/canonical-registry.js';
import { checkBinding } from '../src/fhir/terminology/check-binding.js';
import type { CodingInput } from '../src/fhir/terminology/terminology.js';
import { LocalTerminology } from '../src/fhir/terminology/terminology.js';
import { readBaseDefinitionBundles } from '../src/node/load-base-definitions.js';

const ukcore = join(
  fileURLToPath(new URL('..', import.meta.url)),
  '..',
  'shared',
  'fixtures',
  'ukcore',
);

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

function readFolder(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
}

const registry = new CanonicalRegistry();
const [, loadMs] = time(() => {
  registry.addAll(
    readBaseDefinitionBundles(['valuesets.json', 'v3-codesystems.json', 'v2-tables.json']),
  );
  if (existsSync(ukcore)) {
    registry.addAll(readFolder(join(ukcore, 'codesystems')));
    registry.addAll(readFolder(join(ukcore, 'valuesets')));
  }
});
console.log(
  `load R4 terminology bundles${existsSync(ukcore) ? ' + UK Core' : ''}: ${loadMs.toFixed(0)} ms`,
);

// Cold expansion of every value set, one fresh instance.
const tx = new LocalTerminology(registry);
const urls = [...registry.all('ValueSet')].map((v) => v.url!).filter(Boolean);
const costs: [string, number, number][] = [];
let incomplete = 0;
const [, expandMs] = time(() => {
  for (const url of urls) {
    const [exp, ms] = time(() => tx.expand(url));
    costs.push([url, ms, exp?.size ?? 0]);
    if (exp && !exp.complete) incomplete++;
  }
});
costs.sort((a, b) => b[1] - a[1]);
console.log(
  `cold expansion of ${urls.length} value sets: ${expandMs.toFixed(0)} ms total, ${((expandMs / urls.length) * 1000).toFixed(0)} µs mean; ${incomplete} partly not expandable offline`,
);
for (const [url, ms, size] of costs.slice(0, 5))
  console.log(`  slowest: ${url} ${ms.toFixed(1)} ms (${size} codes)`);

function rate(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 1_000); i++) fn(i); // warm-up
  const [, ms] = time(() => {
    for (let i = 0; i < n; i++) fn(i);
  });
  console.log(`${label}: ${Math.round((n / ms) * 1000).toLocaleString('en-GB')} per second`);
}

const N = 200_000;
const gender = 'http://hl7.org/fhir/ValueSet/administrative-gender';
const genderCodes: CodingInput[] = ['male', 'female', 'other', 'unknown', 'Male'].map((code) => ({
  code,
}));
rate('validateCode administrative-gender (code)', N, (i) =>
  tx.validateCode(gender, genderCodes[i % genderCodes.length]!),
);
const marital = 'http://hl7.org/fhir/ValueSet/marital-status';
const maritalCoding: CodingInput = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
  code: 'M',
  display: 'Married',
};
rate('validateCode marital-status (Coding + display check)', N, () =>
  tx.validateCode(marital, maritalCoding),
);
const encounter = 'http://terminology.hl7.org/ValueSet/v3-ActEncounterCode';
const actCodes: CodingInput[] = ['AMB', 'IMP', 'EMER', 'ACCTRECEIVABLE'].map((code) => ({
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  code,
}));
rate('validateCode v3-ActEncounterCode (is-a)', N, (i) =>
  tx.validateCode(encounter, actCodes[i % actCodes.length]!),
);
const findings = 'http://hl7.org/fhir/ValueSet/clinical-findings';
rate('validateCode clinical-findings (SNOMED, not-checked)', N, () =>
  tx.validateCode(findings, { system: 'http://snomed.info/sct', code: '22298006' }),
);
const cc = {
  coding: [{ system: 'http://snomed.info/sct', code: '87915002' }, maritalCoding],
  text: 'Married',
};
let issues = 0;
rate('checkBinding required CodeableConcept (2 codings)', N, () =>
  checkBinding(
    tx,
    { strength: 'required', valueSet: marital },
    'CodeableConcept',
    cc,
    () => issues++,
  ),
);
if (issues !== 0) throw new Error('benchmark input unexpectedly produced issues');

// Expanding one large value set again in a fresh instance (cost of a cold cache for one binding).
const fresh = new LocalTerminology(registry);
const [, oneMs] = time(() => fresh.expand('http://hl7.org/fhir/ValueSet/all-languages'));
const [, roleMs] = time(() => fresh.expand('http://terminology.hl7.org/ValueSet/v3-RoleCode'));
console.log(
  `cold single expansions: all-languages ${oneMs.toFixed(1)} ms, v3-RoleCode ${roleMs.toFixed(1)} ms`,
);
