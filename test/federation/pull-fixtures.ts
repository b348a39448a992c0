/**
 * Shared setup of the federation tests: the checker and framework profiles as the CLI builds them,
 * CapabilityStatements, and resources loaded from the synthetic example feeds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import type { Checker } from '../../src/check/create-checker.js';
import { loadFrameworkResources, packageRoot } from '../../src/cli/framework-files.js';
import { buildChecker } from '../../src/cli/validate-command.js';
import { profilesByType } from '../../src/framework/framework-profiles.js';
import type { PullClock } from '../../src/federation/pull-clock.js';

let cached: { checker: Checker; profiles: Record<string, string[]> } | undefined;

/** The CLI's checker (test NHS numbers allowed, as the examples use them) and the framework's profiles by type. */
export function frameworkSetup(): { checker: Checker; profiles: Record<string, string[]> } {
  cached ??= {
    checker: buildChecker({ supporting: [], profiles: [], allowTestNumbers: true }, process.cwd()),
    profiles: profilesByType(loadFrameworkResources()),
  };
  return cached;
}

/** A CapabilityStatement declaring everything the framework needs for `types` (or all framework types). */
export function fullCapability(
  profiles: Readonly<Record<string, readonly string[]>>,
  types?: readonly string[],
): Record<string, unknown> {
  const keyParams: Record<string, string[]> = {
    Patient: ['identifier'],
    Organization: ['identifier'],
    Practitioner: ['identifier'],
    PractitionerRole: ['practitioner', 'organization'],
  };
  const resource = Object.keys(profiles)
    .filter((t) => t !== 'Bundle' && (!types || types.includes(t)))
    .map((type) => ({
      type,
      supportedProfile: profiles[type],
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: (keyParams[type] ?? ['patient']).map((name) => ({ name, type: 'reference' })),
    }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{ mode: 'server', resource }],
  };
}

/** The resources of an example Bundle (entries' resources, ids kept). */
export function exampleResources(relative: string): Resource[] {
  const bundle = JSON.parse(readFileSync(join(packageRoot(), 'examples', relative), 'utf8')) as {
    entry?: { resource: Resource }[];
  };
  return (bundle.entry ?? []).map((e) => e.resource);
}

/** A clock whose sleeps are recorded and return at once (no real waiting, no timed assertions). */
export function recordingClock(): PullClock & { readonly sleeps: number[] } {
  const sleeps: number[] = [];
  let now = 1_000_000;
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
