/**
 * The pipeline options a request gives, named as on the CLI and in the library (README, "Options on
 * every door"): `?framework=` (a version, or `none`), `?profile=` (repeatable), `?allowTestNumbers=`,
 * `?extensionDomain=` (repeatable),
 * `?cldRelease=`, `?showValues=`,
 * `?feed=` and `?format=` (upload routes); the limits are the service's own (server-limits.ts).
 * @module
 */
import type { Context } from 'hono';
import { isExtensionDomain, noFramework, type CheckOptions } from '../check/check-options.js';
import type { RequirementCatalogue } from '../framework/catalogue.js';
import type { AppEnv } from './app-env.js';
import { httpProblem } from './http-problem.js';
import type { ResolvedDeps } from './route-context.js';

/** OpenAPI query parameters shared by every validating route. */
export const checkParameters = [
  {
    name: 'framework',
    in: 'query' as const,
    description:
      'Framework version to check against, or `none` for base FHIR R4 and meta.profile only (no framework profiles, England rules or requirement ids). Default: the built-in framework.',
    schema: { type: 'string' },
  },
  {
    name: 'allowTestNumbers',
    in: 'query' as const,
    description: 'Accept NHS numbers in the 999 test range',
    schema: { type: 'boolean' },
  },
  {
    name: 'extensionDomain',
    in: 'query' as const,
    description:
      'Extension url prefix accepted without a definition (no extension.unknown for an extension under it); may repeat',
    schema: { type: 'array', items: { type: 'string' } },
  },
  {
    name: 'showValues',
    in: 'query' as const,
    description:
      'Quote payload values and names in issue messages and params (default: they read `[value]`)',
    schema: { type: 'boolean' },
  },
  {
    name: 'cldRelease',
    in: 'query' as const,
    description:
      "CLD specification release (1 or 2); default: the partner policy's, else detected (Release 2 for periods from October 2025)",
    schema: { enum: ['1', '2'] },
  },
];

/** The `profile` query parameter (repeatable). */
export const profileParameter = {
  name: 'profile',
  in: 'query' as const,
  description:
    'Canonical URL (optionally |version) of a profile to validate against, besides the framework and meta.profile; may repeat',
  schema: { type: 'array', items: { type: 'string' } },
};

/**
 * True when `value` names the catalogue's framework (`1.0`, `1.0.0`) or `none`; the doors refuse any
 * other version (only one ships with a release).
 */
export function isKnownFramework(value: string, catalogue: RequirementCatalogue): boolean {
  const v = catalogue.framework.version;
  return value === noFramework || value === v || `${value}.0` === v;
}

/** Reads the pipeline options of the request; 400 for a bad value. */
export function readCheckOptions(c: Context<AppEnv>, deps: ResolvedDeps): CheckOptions {
  const framework = c.req.query('framework');
  if (framework !== undefined && !isKnownFramework(framework, deps.catalogue)) {
    throw httpProblem(400, 'http.invalid-parameter', {
      name: 'framework',
      reason: `none, or the framework version this service carries (${deps.catalogue.framework.version})`,
    });
  }
  const allow = c.req.query('allowTestNumbers');
  if (allow !== undefined && allow !== 'true' && allow !== 'false')
    throw httpProblem(400, 'http.invalid-parameter', {
      name: 'allowTestNumbers',
      reason: 'true or false',
    });
  const show = c.req.query('showValues');
  if (show !== undefined && show !== 'true' && show !== 'false')
    throw httpProblem(400, 'http.invalid-parameter', {
      name: 'showValues',
      reason: 'true or false',
    });
  const release = c.req.query('cldRelease');
  if (release !== undefined && release !== '1' && release !== '2')
    throw httpProblem(400, 'http.invalid-parameter', { name: 'cldRelease', reason: '1 or 2' });
  const profiles = c.req.queries('profile') ?? [];
  const domains = c.req.queries('extensionDomain') ?? [];
  const badDomain = domains.find((d) => !isExtensionDomain(d));
  if (badDomain !== undefined)
    throw httpProblem(400, 'http.invalid-parameter', {
      name: 'extensionDomain',
      reason: 'an absolute URL prefix',
    });
  const { maxIssues, maxDepth, timeBudgetMs } = deps.limits;
  return {
    ...(framework !== undefined ? { framework } : {}),
    ...(allow === 'true' ? { allowTestNumbers: true } : {}),
    ...(show === 'true' ? { showValues: true } : {}),
    ...(release !== undefined ? { cldRelease: Number(release) as 1 | 2 } : {}),
    ...(profiles.length ? { profiles } : {}),
    ...(domains.length ? { extensionDomains: domains } : {}),
    maxIssues,
    maxDepth,
    timeBudgetMs,
  };
}
