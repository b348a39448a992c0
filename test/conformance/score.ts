/**
 * `npm run test:conformance`: scores MDSS on the shared HL7 validator cases and prints verdict
 * agreement, exact error-count agreement, false accepts and false rejects, overall and per category.
 * Fails when a case disagrees on the verdict and is not listed in known-failures.json, or when a
 * listed known failure now agrees (so the list cannot go stale). Skips when ../shared is absent.
 *
 * `--suite <dir>` scores instead on a checkout of the full upstream suite (fhir-test-cases
 * `validator/`, read in its own manifest format by upstream-suite.ts; R4 JSON cases only, so
 * `--json-only` is accepted and changes nothing): it prints the same table plus the skipped cases by
 * reason and every disagreement, and does not use known-failures.json (which is for the sample).
 * `--suite <dir> --xml` scores the suite's R4 XML cases instead (issue 20), read by the FHIR XML
 * reader; their supporting files may be JSON or XML. `--only <regex>` keeps the cases whose name
 * matches; `--verbose` prints every case's issues.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeValidator } from '../../src/node/create-node-validator.js';
import { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { createValidator } from '../../src/fhir/validator/create-validator.js';
import type { EngineOptions } from '../../src/fhir/validator/validation-context.js';
import { loadBaseRegistry } from '../../src/node/create-node-validator.js';
import {
  hasCases,
  loadCases,
  runCase,
  score,
  type CaseOutcome,
  type ConformanceCase,
} from './run-cases.js';
import { createFhirXmlReader } from '../../src/fhir/xml/validate-fhir-xml.js';
import { loadUpstreamSuite } from './upstream-suite.js';

void createNodeValidator;
const here = dirname(fileURLToPath(import.meta.url));
const suiteArg = process.argv.indexOf('--suite');
const suiteDir = suiteArg >= 0 ? process.argv[suiteArg + 1] : undefined;
const xml = process.argv.includes('--xml');

if (suiteDir === undefined && !hasCases()) {
  console.log('conformance: ../shared/conformance/hl7-validator-cases not found; skipped');
  process.exit(0);
}

const known =
  suiteDir === undefined
    ? (JSON.parse(readFileSync(join(here, 'known-failures.json'), 'utf8')) as Record<
        string,
        string
      >)
    : {};
const base = loadBaseRegistry();
const verbose = process.argv.includes('--verbose');
let cases: ConformanceCase[];
if (suiteDir !== undefined) {
  const suite = loadUpstreamSuite(suiteDir, { xml });
  cases = suite.cases;
  const reasons = new Map<string, number>();
  for (const s of suite.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  console.log(
    `Upstream suite ${suiteDir}: ${cases.length} R4 ${xml ? 'XML' : 'JSON'} case runs; skipped ${suite.skipped.length}:`,
  );
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(4)}  ${reason}`);
} else cases = loadCases();

// `--only <regex>`: score only the cases whose name matches (for working on a few)
const onlyArg = process.argv.indexOf('--only');
if (onlyArg >= 0) {
  const only = new RegExp(process.argv[onlyArg + 1] ?? '');
  cases = cases.filter((c) => only.test(c.name));
}
const xmlReader = createFhirXmlReader(base);
const outcomes: CaseOutcome[] = cases.map((c) => {
  const make = (
    supporting: unknown[],
    engine?: Partial<EngineOptions>,
    resolveReference?: (reference: string) => unknown,
  ) => {
    const registry = new CanonicalRegistry();
    registry.addAll(base.allResources());
    registry.addAll(supporting);
    return createValidator({
      registry,
      ...(engine ? { engine } : {}),
      ...(resolveReference ? { resolveReference } : {}),
    });
  };
  if (suiteDir === undefined) return runCase(c, make, xmlReader);
  try {
    return runCase(c, make, xmlReader);
  } catch (e) {
    // a crash counts as a reject, with the error as its only issue
    const message = e instanceof Error ? e.message : String(e);
    return {
      case: c,
      valid: false,
      errors: 1,
      warnings: 0,
      issues: [
        {
          severity: 'fatal',
          code: 'crash',
          expression: '',
          message,
        } as unknown as CaseOutcome['issues'][number],
      ],
    };
  }
});

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const line = (label: string, list: CaseOutcome[]) => {
  const s = score(list);
  console.log(
    `${label.padEnd(24)} ${String(s.total).padStart(3)} cases  verdict ${pct(s.verdictAgree, s.total).padStart(6)}  exact-count ${pct(s.exactCount, s.total).padStart(6)}  false-accept ${s.falseAccepts}  false-reject ${s.falseRejects}`,
  );
};
console.log(
  `MDSS conformance against the HL7 FHIR validator cases (${suiteDir ?? '../shared/conformance/hl7-validator-cases'})`,
);
line('all', outcomes);
if (suiteDir !== undefined)
  line(
    'all but questionnaire',
    outcomes.filter((o) => o.case.category !== 'questionnaire'),
  );
line(
  'mode=base',
  outcomes.filter((o) => o.case.mode === 'base'),
);
line(
  'mode=profile',
  outcomes.filter((o) => o.case.mode === 'profile'),
);
for (const cat of [...new Set(outcomes.map((o) => o.case.category))].sort())
  line(
    `  ${cat}`,
    outcomes.filter((o) => o.case.category === cat),
  );

let unexpected = 0;
for (const o of outcomes) {
  const agrees = o.valid === o.case.expect.valid;
  const listed = Object.prototype.hasOwnProperty.call(known, o.case.name);
  if (!agrees || verbose) {
    const tag = agrees ? 'ok' : o.valid ? 'FALSE-ACCEPT' : 'FALSE-REJECT';
    console.log(
      `\n${tag} ${o.case.name} (expected ${o.case.expect.valid ? 'valid' : 'invalid'}, ${o.case.expect.errors} errors; got ${o.errors})${listed ? ` [known: ${known[o.case.name]}]` : ''}`,
    );
    for (const i of o.issues.filter((x) => x.severity !== 'information'))
      console.log(`    ${i.severity} ${i.code} @ ${i.expression}: ${i.message.slice(0, 160)}`);
    for (const p of o.case.expect.errorPaths) console.log(`    expected error @ ${p}`);
  }
  if (!agrees && !listed) unexpected++;
  if (agrees && listed) {
    console.log(`KNOWN FAILURE NOW PASSES: ${o.case.name}: remove it from known-failures.json`);
    unexpected++;
  }
}
if (suiteDir !== undefined) {
  console.log(
    `\nconformance (upstream suite): ${unexpected} disagreement(s); known-failures.json is not used here`,
  );
  process.exit(0);
}
console.log(`\nconformance: ${unexpected === 0 ? 'OK' : `${unexpected} unexpected result(s)`}`);
process.exit(unexpected === 0 ? 0 : 1);
