/**
 * Reads a baseline document (already parsed from JSON) and checks it: shape, severities, counts,
 * sorted-or-not does not matter, and every fingerprint must match its identity fields (a
 * hand-edited entry would otherwise silently never match). Format 2 entries carry `location` and
 * an optional `record`; format 1 entries carry `expression` (read as the location). Broken setup, so it throws
 * a ConfigError (code `baseline.invalid`) rather than reporting issues.
 * @module
 */
import { ConfigError } from '../../errors.js';
import { severityRank, type Severity } from '../../issues/issue.js';
import { fingerprintIssue, type Baseline, type BaselineIssue } from './baseline.js';

const hash = /^[0-9a-f]{16}$/;

/**
 * Validates and returns a baseline document.
 * @throws ConfigError `baseline.invalid` with the JSON path of the first problem.
 * @example parseBaseline(JSON.parse(await readFile('mdss-baseline.json', 'utf8')))
 */
export function parseBaseline(value: unknown): Baseline {
  if (!isObject(value) || value['format'] !== 'mdss-baseline')
    fail('', "expected an object with format 'mdss-baseline'");
  const formatVersion = value['formatVersion'];
  if (formatVersion !== 1 && formatVersion !== 2)
    fail('/formatVersion', 'only format versions 1 and 2 are supported');
  const files = value['files'];
  if (!Array.isArray(files)) fail('/files', 'expected an array');
  const seen = new Set<string>();
  const out = files.map((f: unknown, fi) => {
    const at = `/files/${fi}`;
    if (!isObject(f) || typeof f['file'] !== 'string' || !Array.isArray(f['issues']))
      fail(at, 'expected { file: string, issues: [] }');
    const file = f['file'];
    const issues = (f['issues'] as unknown[]).map((i, ii): BaselineIssue => {
      const where = `${at}/issues/${ii}`;
      if (!isObject(i)) fail(where, 'expected an object');
      const { fingerprint, code, severity, count, record } = i;
      const location = formatVersion === 1 ? i['expression'] : i['location'];
      if (
        typeof fingerprint !== 'string' ||
        typeof code !== 'string' ||
        typeof location !== 'string'
      )
        fail(
          where,
          `fingerprint, code and ${formatVersion === 1 ? 'expression' : 'location'} must be strings`,
        );
      if (
        record !== undefined &&
        (formatVersion === 1 || typeof record !== 'string' || !hash.test(record))
      )
        fail(`${where}/record`, 'expected 16 lower-case hex digits');
      if (
        typeof severity !== 'string' ||
        !Object.prototype.hasOwnProperty.call(severityRank, severity)
      )
        fail(`${where}/severity`, 'expected fatal, error, warning or information');
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
        fail(`${where}/count`, 'expected a positive integer');
      const entry: BaselineIssue = {
        fingerprint,
        code,
        ...(typeof record === 'string' ? { record } : {}),
        location,
        severity: severity as Severity,
        count,
      };
      if (fingerprintIssue(file, entry, formatVersion) !== fingerprint)
        fail(`${where}/fingerprint`, 'does not match the identity fields');
      if (seen.has(fingerprint)) fail(`${where}/fingerprint`, 'appears twice');
      seen.add(fingerprint);
      return entry;
    });
    return { file, issues };
  });
  return { format: 'mdss-baseline', formatVersion, files: out };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, problem: string): never {
  throw new ConfigError('baseline.invalid', `Invalid baseline at '${path || '/'}': ${problem}`);
}
