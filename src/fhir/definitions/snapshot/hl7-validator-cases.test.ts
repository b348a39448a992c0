/** StructureDefinitions of ../shared/conformance/hl7-validator-cases: each generates without throwing. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseDefinitionBundles } from '../../../node/load-base-definitions.js';
import { CanonicalRegistry } from '../canonical-registry.js';
import type { StructureDefinition } from '../conformance-resource.js';
import { SnapshotGenerator } from './index.js';

/** Some case files are deliberately malformed JSON (they test the parser); those are no SDs. */
function parseOrUndefined(text: string): { resourceType?: string } | undefined {
  try {
    return JSON.parse(text) as { resourceType?: string };
  } catch {
    return undefined;
  }
}

const dir = resolve(
  import.meta.dirname,
  '../../../../../shared/conformance/hl7-validator-cases/files',
);

describe.skipIf(!existsSync(dir))('hl7-validator-cases StructureDefinitions', () => {
  it('generates a snapshot for every StructureDefinition in files/', () => {
    const sds: StructureDefinition[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const json = parseOrUndefined(readFileSync(join(dir, f), 'utf8'));
      if (json?.resourceType === 'StructureDefinition') sds.push(json as StructureDefinition);
    }
    expect(sds.length).toBeGreaterThan(20);
    const registry = new CanonicalRegistry();
    registry.addAll(readBaseDefinitionBundles());
    registry.addAll(sds);
    const generator = new SnapshotGenerator(registry);
    const errors: string[] = [];
    for (const sd of sds) {
      const result = generator.generate(sd);
      expect(result.structureDefinition.snapshot?.element.length, sd.url).toBeGreaterThan(0);
      for (const m of result.messages)
        if (m.severity === 'error')
          errors.push(`${sd.url!.split('/').pop()} ${m.code} ${m.elementId}`);
    }
    // The one genuine problem in these test profiles: Patient has no element dateOfBirth.
    expect(errors).toEqual([
      'parameters-profiled-resource-profiles-patient2 snapshot.element-not-found Patient.dateOfBirth',
    ]);
  });
});
