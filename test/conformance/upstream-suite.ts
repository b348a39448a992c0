/**
 * Reads the HL7 validator test suite in its own upstream layout (a checkout of
 * github:FHIR/fhir-test-cases `validator/`, given at run time; nothing of it is stored in the
 * project): `manifest.json` with `test-cases`, each with the file to validate, its supporting files,
 * an optional `profile` step, and per-implementation expected outcomes, of which the `java` block
 * (the HL7 validator) is the reference. Only R4 JSON cases are taken (R4 XML cases with `xml`, whose
 * supporting files may be JSON or XML); cases needing features MDSS does not have are skipped with
 * the reason.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceCase } from './run-cases.js';

interface UpstreamCase {
  readonly name: string;
  readonly file: string;
  readonly version?: string;
  readonly module?: string;
  readonly 'use-test'?: boolean;
  readonly supporting?: string[];
  readonly profiles?: string[];
  readonly packages?: string[];
  readonly logical?: string;
  readonly java?: string | { outcome?: OperationOutcome };
  readonly profile?: {
    source: string;
    supporting?: string[];
    java?: string | { outcome?: OperationOutcome };
  };
  readonly [option: string]: unknown;
}

interface OperationOutcome {
  readonly issue?: readonly { severity?: string; expression?: string[] }[];
}

/** Modules whose cases test something other than FHIR instance validation. */
const outOfScopeModules = new Set(['cdshooks', 'shc', 'dsig', 'matchetype', 'logical', 'xver']);

/**
 * Case options that ask for a feature MDSS does not have: JSON with comments (MDSS reads strict
 * JSON), cross-version extensions, the security checks (HTML in strings) and the no-HTML-in-markdown
 * mode.
 */
const outOfScopeOptions = [
  'allow-comments',
  'new-xver-mode',
  'security-checks',
  'noHtmlInMarkdown',
];

/** A skipped case and why. */
export interface SkippedCase {
  readonly name: string;
  readonly reason: string;
}

function outcomeOf(dir: string, java: UpstreamCase['java']): OperationOutcome | undefined {
  if (java === undefined) return undefined;
  if (typeof java === 'string') {
    const file = join(dir, 'outcomes', java);
    return existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as OperationOutcome)
      : undefined;
  }
  return java.outcome;
}

function expectOf(outcome: OperationOutcome): ConformanceCase['expect'] {
  const issues = outcome.issue ?? [];
  const errorIssues = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  return {
    valid: errorIssues.length === 0,
    errors: errorIssues.length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    errorPaths: errorIssues.map((i) => i.expression?.[0] ?? ''),
  };
}

/**
 * The engine options a case (or its profile step) runs with: `examples: false` runs the HL7 validator
 * without -allow-example-urls; `assumeValidRestReferences` is the engine option of that name;
 * `validateReference: CHECK_EXISTS…` is `checkReferencesExist`; `CHECK_VALID` fetches referenced
 * resources from the suite folder (`fetchReferences`, see run-cases.ts); `allowed-extension-domain`
 * is `allowedExtensionDomains`; `for-publication` is `forPublication`.
 */
function engineOptionsOf(
  c: UpstreamCase,
  step?: Record<string, unknown>,
): ConformanceCase['options'] {
  const engine: Record<string, boolean | string[]> = {};
  if (c['examples'] === false) engine['allowExampleUrls'] = false;
  // allowed-extension-domain: the HL7 validator's -extension <domain> (unknown extensions there pass)
  const domain = c['allowed-extension-domain'];
  if (typeof domain === 'string') engine['allowedExtensionDomains'] = [domain];
  // for-publication: the HL7 validator's publication mode (true or "true" in the manifest)
  if (c['for-publication'] === true || c['for-publication'] === 'true')
    engine['forPublication'] = true;
  if (c['assumeValidRestReferences'] === true || step?.['assumeValidRestReferences'] === true)
    engine['assumeValidRestReferences'] = true;
  // validateReference CHECK_EXISTS / CHECK_EXISTS_AND_TYPE: references must resolve
  if (/^CHECK_EXISTS/.test(String(c['validateReference'] ?? '')))
    engine['checkReferencesExist'] = true;
  // validateReference CHECK_VALID: referenced resources are fetched from the suite folder (by the
  // HL7 test harness's naming) and checked against the element's target profiles
  const fetchReferences = c['validateReference'] === 'CHECK_VALID';
  return {
    ...(Object.keys(engine).length ? { engine } : {}),
    ...(fetchReferences ? { fetchReferences: true } : {}),
  };
}

/** Loads the R4 JSON (or, with `xml`, R4 XML) cases of an upstream suite folder; `base` and `#profile` runs are separate cases. */
export function loadUpstreamSuite(
  dir: string,
  options: { xml?: boolean } = {},
): { cases: ConformanceCase[]; skipped: SkippedCase[] } {
  const format = options.xml ? '.xml' : '.json';
  const readable = (f: string) =>
    f.endsWith('.json') || (options.xml === true && f.endsWith('.xml'));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    'test-cases': UpstreamCase[];
  };
  const cases: ConformanceCase[] = [];
  const skipped: SkippedCase[] = [];
  for (const c of manifest['test-cases']) {
    if (!(c.version ?? '5.0').startsWith('4.0') || !c.file.endsWith(format)) continue; // not R4 in the format asked for
    const skip = (reason: string) => skipped.push({ name: c.name, reason });
    const module = c.module ?? 'general';
    const supporting = [...(c.supporting ?? []), ...(c.profiles ?? [])];
    if (c['use-test'] === false) skip('use-test: false');
    else if (!existsSync(join(dir, c.file))) skip('file missing from the checkout');
    else if (typeof c.java === 'string' && c.java.startsWith('java/R5.'))
      skip('reference outcome recorded for R5');
    else if (c.packages?.length) skip('needs packages');
    else if (c.logical !== undefined || outOfScopeModules.has(module))
      skip(`out of scope: ${c.logical !== undefined ? 'logical model' : `module ${module}`}`);
    else if (c['validateContains'] === 'IGNORE')
      skip(
        'out of scope: option validateContains: IGNORE (MDSS always validates contained resources)',
      );
    else if (outOfScopeOptions.some((o) => c[o] !== undefined))
      skip(`out of scope: option ${outOfScopeOptions.find((o) => c[o] !== undefined)}`);
    else if (supporting.some((f) => !readable(f) || !existsSync(join(dir, f))))
      skip(options.xml ? 'supporting file neither JSON nor XML' : 'supporting file not JSON');
    else {
      // `examples: false` runs the HL7 validator without -allow-example-urls
      const options = engineOptionsOf(c);
      const base = outcomeOf(dir, c.java);
      if (base)
        cases.push({
          name: `R4.${c.name}`,
          category: module,
          mode: 'base',
          file: c.file,
          profiles: [],
          supporting,
          options,
          expect: expectOf(base),
          dir,
        });
      else skip('no java outcome');
      const p = c.profile;
      if (p) {
        const profileSupporting = p.supporting ?? [];
        const outcome = outcomeOf(dir, p.java);
        if (
          !readable(p.source) ||
          profileSupporting.some((f) => !readable(f) || !existsSync(join(dir, f)))
        )
          skipped.push({
            name: `${c.name}#profile`,
            reason: 'profile or its supporting file not readable',
          });
        else if (!outcome) skipped.push({ name: `${c.name}#profile`, reason: 'no java outcome' });
        else
          cases.push({
            name: `R4.${c.name}#profile`,
            category: module,
            mode: 'profile',
            file: c.file,
            profiles: [p.source],
            supporting: [...supporting, ...profileSupporting],
            options: engineOptionsOf(c, p),
            expect: expectOf(outcome),
            dir,
          });
      }
    }
  }
  return { cases, skipped };
}
