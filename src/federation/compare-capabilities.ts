/**
 * Compares a partner's CapabilityStatement with what the framework requires
 * (see required-capabilities.ts): every missing capability is a `capability.*` issue, which the
 * catalogue traces to its requirement (MDS-20). Pure; reads only declarations, never data.
 * @module
 */
import type { Issue } from '../issues/issue.js';
import { federationIssue } from './federation-issue.js';
import type { RequiredCapabilities } from './required-capabilities.js';

interface CsResource {
  readonly type?: unknown;
  readonly profile?: unknown;
  readonly supportedProfile?: unknown;
  readonly interaction?: unknown;
  readonly searchParam?: unknown;
}

interface CsRest {
  readonly mode?: unknown;
  readonly resource?: unknown;
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(values: readonly unknown[], key?: string): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    const s = key ? (v as Record<string, unknown> | null)?.[key] : v;
    if (typeof s === 'string') out.add(s);
  }
  return out;
}

function withoutVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar < 0 ? canonical : canonical.slice(0, bar);
}

/** Short, value-free description of what came back instead of a CapabilityStatement. */
function describe(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return Array.isArray(value) ? 'array' : typeof value;
  const rt = (value as { resourceType?: unknown }).resourceType;
  return typeof rt === 'string' && /^[A-Za-z]{1,64}$/.test(rt) ? rt : 'object without resourceType';
}

/** The issues of one CapabilityStatement against the required capabilities, in a stable order. */
export function compareCapabilities(statement: unknown, required: RequiredCapabilities): Issue[] {
  const cs = statement as {
    resourceType?: unknown;
    fhirVersion?: unknown;
    format?: unknown;
    rest?: unknown;
  } | null;
  if (!cs || typeof cs !== 'object' || cs.resourceType !== 'CapabilityStatement') {
    return [
      federationIssue(
        'capability.statement-invalid',
        { got: describe(statement) },
        'CapabilityStatement',
      ),
    ];
  }
  const issues: Issue[] = [];
  const version = typeof cs.fhirVersion === 'string' ? cs.fhirVersion : '';
  if (!version.startsWith(required.fhirVersionPrefix)) {
    const declared = /^[0-9A-Za-z.-]{1,20}$/.test(version) ? version : 'none';
    issues.push(
      federationIssue(
        'capability.fhir-version',
        { declared, required: required.fhirVersion },
        'CapabilityStatement.fhirVersion',
      ),
    );
  }
  const formats = strings(list(cs.format));
  if (!required.jsonFormats.some((f) => formats.has(f))) {
    issues.push(
      federationIssue(
        'capability.format-missing',
        { format: 'json' },
        'CapabilityStatement.format',
      ),
    );
  }
  const rests = list(cs.rest) as CsRest[];
  const restIndex = rests.findIndex((r) => r?.mode === 'server');
  if (restIndex < 0) {
    issues.push(federationIssue('capability.server-rest-missing', {}, 'CapabilityStatement.rest'));
    return issues;
  }
  const resources = list(rests[restIndex]?.resource) as CsResource[];
  const restPath = `CapabilityStatement.rest[${restIndex}]`;
  for (const need of required.resources) {
    const index = resources.findIndex((r) => r?.type === need.type);
    if (index < 0) {
      issues.push(
        federationIssue(
          'capability.resource-missing',
          { resourceType: need.type },
          `${restPath}.resource`,
        ),
      );
      continue;
    }
    const res = resources[index] as CsResource;
    const path = `${restPath}.resource[${index}]`;
    const interactions = strings(list(res.interaction), 'code');
    for (const interaction of need.interactions) {
      if (!interactions.has(interaction)) {
        issues.push(
          federationIssue(
            'capability.interaction-missing',
            { resourceType: need.type, interaction },
            `${path}.interaction`,
          ),
        );
      }
    }
    const params = strings(list(res.searchParam), 'name');
    for (const searchParam of need.searchParams) {
      if (!params.has(searchParam)) {
        issues.push(
          federationIssue(
            'capability.search-param-missing',
            { resourceType: need.type, searchParam },
            `${path}.searchParam`,
          ),
        );
      }
    }
    const declared = new Set(
      [
        ...strings(list(res.supportedProfile)),
        ...(typeof res.profile === 'string' ? [res.profile] : []),
      ].map(withoutVersion),
    );
    for (const profile of need.profiles) {
      if (!declared.has(profile)) {
        issues.push(
          federationIssue(
            'capability.profile-not-declared',
            { resourceType: need.type, profile },
            `${path}.supportedProfile`,
          ),
        );
      }
    }
  }
  return issues;
}
