/**
 * SARIF 2.1.0 (OASIS) for code scanning (GitHub, Azure DevOps, IDE viewers).
 *
 * - One run; `tool.driver` = name, version, informationUri, and one rule per issue code present
 *   (sorted): `id` = the issue code (stable public API), `shortDescription` = the registry message
 *   template (placeholders such as `{min}` kept: it describes the rule, not one finding), `helpUri`
 *   = the registry spec link, `defaultConfiguration.level` from the registry severity,
 *   `properties.tags` = the requirement ids seen with that code in this run (sorted).
 * - One result per issue (files sorted by path, issues in result order): `ruleId`/`ruleIndex`,
 *   `level` (fatal/error → error, warning → warning, information → note), `message.text`, a
 *   physical location (`artifactLocation.uri` = the file path percent-encoded per segment,
 *   `uriBaseId: '%SRCROOT%'`, `region.startLine/startColumn` only when the issue has a position)
 *   and a logical location whose `fullyQualifiedName` is the FHIRPath expression.
 * - `partialFingerprints['mdssIssue/v2']` = the issue's baseline fingerprint (file, code, record,
 *   location in the record, severity: see baseline.ts and issue-identity.ts), `:`, and its
 *   occurrence among identical identities in the file (1, 2, …). Unique per finding; follows the
 *   record, not its index, so re-runs de-duplicate whatever the message, the line or the entries
 *   inserted before it.
 * - Waived issues carry `suppressions: [{ kind: 'external', status: 'accepted', justification }]`.
 * - With a baseline comparison, results carry `baselineState` (`new` or `unchanged`); fixed
 *   entries are not written as `absent` results (code scanning would open alerts for them).
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @module
 */
import { issueCodes } from '../../issues/codes/index.js';
import type { Issue, Severity } from '../../issues/issue.js';
import { fingerprintIssue, type BaselineComparison } from './baseline.js';
import { baselineStates, type BaselineState } from './baseline-states.js';
import type { FileResult, RunInfo } from './file-result.js';
import { identifyIssues } from './issue-identity.js';
import { compareCodeUnits, sortFiles } from './summarise-files.js';
import type { SarifLog, SarifResult, SarifRule } from './sarif-types.js';

/** The schema URI written in `$schema` (OASIS SARIF 2.1.0, errata 01). */
export const sarifSchemaUri =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Key of the MDSS partial fingerprint. */
export const sarifFingerprintKey = 'mdssIssue/v2';

/** Options of {@link renderSarif}. */
export interface SarifOptions {
  /** `tool.driver.informationUri`. Default: the MDSS documentation home. */
  readonly informationUri?: string;
  /** A comparison with a baseline: results get `baselineState` `new` or `unchanged`. */
  readonly baseline?: BaselineComparison;
}

const defaultInformationUri = 'https://mdss.example.org/docs/';

const levels: Readonly<Record<Severity, SarifResult['level']>> = {
  fatal: 'error',
  error: 'error',
  warning: 'warning',
  information: 'note',
};

/** Builds the SARIF log as a value. */
export function toSarif(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: SarifOptions = {},
): SarifLog {
  const sorted = sortFiles(files);
  const requirementsByCode = new Map<string, Set<string>>();
  for (const { result } of sorted) {
    for (const issue of result.issues) {
      const seen = requirementsByCode.get(issue.code) ?? new Set<string>();
      for (const r of issue.requirements ?? []) seen.add(r);
      requirementsByCode.set(issue.code, seen);
    }
  }
  const codes = [...requirementsByCode.keys()].sort(compareCodeUnits);
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const rules = codes.map((code) => toRule(code, requirementsByCode.get(code)!));
  const states = options.baseline ? baselineStates(options.baseline) : undefined;
  const results = sorted.flatMap(({ file, result }) => {
    const fingerprints = findingFingerprints(file, result);
    return result.issues.map((issue, i) =>
      toResult(file, issue, ruleIndex.get(issue.code)!, states?.get(issue), fingerprints[i]!),
    );
  });
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: runInfo.toolName,
            version: runInfo.toolVersion,
            informationUri: options.informationUri ?? defaultInformationUri,
            rules,
          },
        },
        ...invocations(runInfo),
        columnKind: 'utf16CodeUnits',
        results,
        properties: { frameworkVersion: runInfo.frameworkVersion },
      },
    ],
  };
}

/**
 * Renders SARIF 2.1.0 JSON (two-space indented, ending with a newline).
 * @example renderSarif(files, runInfo) // upload with github/codeql-action/upload-sarif
 */
export function renderSarif(
  files: readonly FileResult[],
  runInfo: RunInfo,
  options: SarifOptions = {},
): string {
  return `${JSON.stringify(toSarif(files, runInfo, options), null, 2)}\n`;
}

function toRule(code: string, requirements: ReadonlySet<string>): SarifRule {
  const def = issueCodes[code];
  const tags = [...requirements].sort(compareCodeUnits);
  return {
    id: code,
    shortDescription: { text: def?.template ?? code },
    ...(def?.spec ? { helpUri: def.spec } : {}),
    ...(def ? { defaultConfiguration: { level: levels[def.severity] } } : {}),
    properties: { tags, ...(def ? { fhirIssueType: def.fhirIssueType } : {}) },
  };
}

/** One fingerprint per issue of a file: identity fingerprint plus occurrence number. */
function findingFingerprints(file: string, result: FileResult['result']): string[] {
  const seen = new Map<string, number>();
  const ids = identifyIssues(result);
  return result.issues.map((issue, i) => {
    const { record, location } = ids[i]!;
    const fingerprint = fingerprintIssue(file, {
      code: issue.code,
      ...(record === undefined ? {} : { record }),
      location,
      severity: issue.severity,
    });
    const n = (seen.get(fingerprint) ?? 0) + 1;
    seen.set(fingerprint, n);
    return `${fingerprint}:${n}`;
  });
}

function toResult(
  file: string,
  issue: Issue,
  ruleIndex: number,
  state: BaselineState | undefined,
  fingerprint: string,
): SarifResult {
  const region = issue.position
    ? { region: { startLine: issue.position.line, startColumn: issue.position.column } }
    : {};
  const logical = issue.expression
    ? { logicalLocations: [{ fullyQualifiedName: issue.expression, kind: 'element' }] }
    : {};
  return {
    ruleId: issue.code,
    ruleIndex,
    level: levels[issue.severity],
    message: { text: issue.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUriReference(file), uriBaseId: '%SRCROOT%' },
          ...region,
        },
        ...logical,
      },
    ],
    partialFingerprints: { [sarifFingerprintKey]: fingerprint },
    ...(state
      ? { baselineState: state === 'new' ? ('new' as const) : ('unchanged' as const) }
      : {}),
    ...(issue.waived
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: issue.waived.reason,
              ...(issue.waived.until ? { properties: { until: issue.waived.until } } : {}),
            },
          ],
        }
      : {}),
    properties: {
      severity: issue.severity,
      pointer: issue.pointer,
      ...(issue.requirements?.length ? { requirements: [...issue.requirements] } : {}),
    },
  };
}

function invocations(
  runInfo: RunInfo,
): { invocations: NonNullable<SarifLog['runs'][number]['invocations']> } | Record<never, never> {
  if (!runInfo.startedAt) return {};
  const start = Date.parse(runInfo.startedAt);
  if (Number.isNaN(start)) return {};
  const end =
    runInfo.durationMs === undefined
      ? {}
      : { endTimeUtc: new Date(start + runInfo.durationMs).toISOString() };
  return {
    invocations: [
      { executionSuccessful: true, startTimeUtc: new Date(start).toISOString(), ...end },
    ],
  };
}

/**
 * A relative file path as a URI reference: each segment percent-encoded (spaces, `%`, `#`, `?`,
 * and `:` that would otherwise read as a scheme), `/` kept, unpaired surrogates replaced (U+FFFD).
 */
export function toUriReference(path: string): string {
  return path
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
