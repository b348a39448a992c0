/**
 * The human text of FHIR constraints by key (`pat-1` → "SHALL at least contain a contact's details
 * or a reference to an organization"), read from the StructureDefinitions of a registry (R4 core,
 * the framework's profiles, supporting packages): model data, never payload data. Reports use it to
 * name the rule behind an `invariant.*` gap. Edge-safe.
 * @module
 */

import type { CanonicalRegistry } from './canonical-registry.js';

interface ElementLike {
  readonly constraint?: readonly { readonly key?: unknown; readonly human?: unknown }[];
}

/**
 * A lookup `(key) => human | undefined` over the registry's StructureDefinitions. The index is built
 * on the first call (reports without constraint gaps never pay for it); the first definition that
 * carries a key wins.
 * @example constraintTextLookup(checker.registry)('pat-1')
 */
export function constraintTextLookup(
  registry: CanonicalRegistry,
): (key: string) => string | undefined {
  let index: Map<string, string> | undefined;
  return (key) => {
    if (index === undefined) {
      index = new Map();
      for (const sd of registry.all('StructureDefinition')) {
        const s = sd as {
          snapshot?: { element?: readonly ElementLike[] };
          differential?: { element?: readonly ElementLike[] };
        };
        for (const e of [...(s.snapshot?.element ?? []), ...(s.differential?.element ?? [])]) {
          for (const c of e.constraint ?? []) {
            if (typeof c.key === 'string' && typeof c.human === 'string' && !index.has(c.key))
              index.set(c.key, c.human);
          }
        }
      }
    }
    return index.get(key);
  };
}
