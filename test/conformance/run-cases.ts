/**
 * Runs the HL7 validator test cases stored in ../shared/conformance/hl7-validator-cases against
 * MDSS and compares with the reference validator's expected outcome (validity and error count).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Validator } from '../../src/fhir/validator/create-validator.js';
import type { EngineOptions } from '../../src/fhir/validator/validation-context.js';
import { createFhirXmlReader, validateFhirXml } from '../../src/fhir/xml/validate-fhir-xml.js';
import type { Issue } from '../../src/issues/issue.js';

/** Folder of the shared cases (beside the project checkout). */
export const casesDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'shared',
  'conformance',
  'hl7-validator-cases',
);

export interface ConformanceCase {
  readonly name: string;
  readonly category: string;
  readonly mode: 'base' | 'profile';
  readonly file: string;
  readonly profiles: readonly string[];
  readonly supporting: readonly string[];
  readonly options: Record<string, unknown>;
  readonly expect: {
    readonly valid: boolean;
    readonly errors: number;
    readonly warnings: number;
    readonly errorPaths: readonly string[];
  };
  /** Folder the case's files are relative to (the shared cases folder when absent). */
  readonly dir?: string;
}

export interface CaseOutcome {
  readonly case: ConformanceCase;
  readonly valid: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly Issue[];
}

/** True when the shared cases are present. */
export function hasCases(): boolean {
  return existsSync(join(casesDir, 'manifest.json'));
}

export function loadCases(): ConformanceCase[] {
  return (
    JSON.parse(readFileSync(join(casesDir, 'manifest.json'), 'utf8')) as {
      cases: ConformanceCase[];
    }
  ).cases;
}

/**
 * Runs one case with a validator built for its supporting files. FHIR XML (the case or its
 * supporting files) is read with `xmlReader` (a reader over the base definitions).
 */
export function runCase(
  c: ConformanceCase,
  makeValidator: (
    supporting: unknown[],
    engine?: Partial<EngineOptions>,
    resolveReference?: (reference: string) => unknown,
  ) => Validator,
  xmlReader?: ReturnType<typeof createFhirXmlReader>,
): CaseOutcome {
  const dir = c.dir ?? casesDir;
  const readResource = (rel: string): unknown => {
    const text = readFileSync(join(dir, rel), 'utf8');
    if (!rel.endsWith('.xml')) return JSON.parse(text);
    if (!xmlReader) throw new Error(`${rel}: XML needs an XML reader`);
    return xmlReader.read(text).value;
  };
  const supporting = [...new Set([...c.supporting, ...c.profiles])].map(readResource);
  const validator = makeValidator(
    supporting,
    c.options['engine'] as Partial<EngineOptions> | undefined,
    c.options['fetchReferences'] === true ? folderResolver(dir, readResource) : undefined,
  );
  const profiles = c.profiles.map((p) => (readResource(p) as { url: string }).url);
  const text = readFileSync(join(dir, c.file), 'utf8');
  const result = c.file.endsWith('.xml')
    ? validateFhirXml(validator, xmlReader ?? createFhirXmlReader(validator.registry), text, {
        profiles,
      })
    : validator.validate(text, { profiles });
  const errors = result.issues.filter(
    (i) => (i.severity === 'error' || i.severity === 'fatal') && !i.waived,
  ).length;
  const warnings = result.issues.filter((i) => i.severity === 'warning').length;
  return { case: c, valid: result.valid, errors, warnings, issues: result.issues };
}

/**
 * Resources referenced from a case, found in its folder as the HL7 test harness finds them: the
 * reference with `/` as `-`, lower-cased, as `.json` or `.xml`; then the same for the part after
 * the first `/` (`Patient/a-b` → `patient-a-b.xml`, then `a-b.xml`).
 */
function folderResolver(
  dir: string,
  readResource: (rel: string) => unknown,
): (reference: string) => unknown {
  return (reference) => {
    const names = [reference];
    if (reference.includes('/')) names.push(reference.slice(reference.indexOf('/') + 1));
    for (const name of names) {
      const stem = name.replace(/\//g, '-').toLowerCase();
      if (!/^[a-z0-9][a-z0-9._-]*$/.test(stem)) continue;
      for (const ext of ['.json', '.xml'])
        if (existsSync(join(dir, stem + ext))) return readResource(stem + ext);
    }
    return undefined;
  };
}

/** Summary figures over outcomes. */
export interface Score {
  readonly total: number;
  readonly verdictAgree: number;
  readonly exactCount: number;
  readonly falseAccepts: number;
  readonly falseRejects: number;
}

export function score(outcomes: readonly CaseOutcome[]): Score {
  let verdictAgree = 0;
  let exactCount = 0;
  let falseAccepts = 0;
  let falseRejects = 0;
  for (const o of outcomes) {
    if (o.valid === o.case.expect.valid) verdictAgree++;
    else if (o.valid) falseAccepts++;
    else falseRejects++;
    if (o.errors === o.case.expect.errors) exactCount++;
  }
  return { total: outcomes.length, verdictAgree, exactCount, falseAccepts, falseRejects };
}
