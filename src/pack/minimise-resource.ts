/**
 * Removes from a conformance resource what validation never reads: narrative, mappings, and the
 * documentation text of StructureDefinitions (element short, definition, comment, requirements,
 * alias, examples, mapping; constraint xpath; the differential when a snapshot is present) and of CodeSystems/ValueSets (descriptions, purpose, copyright, contacts,
 * concept definitions). Kept: everything structural (snapshot and differential elements with
 * cardinality, types, constraints with `human`, bindings, slicing, fixed/pattern values), ValueSet
 * compose/expansion, CodeSystem concepts with codes, displays, designations, properties and nesting;
 * of a SearchParameter only its url, version, derivedFrom, code, base and type.
 * @module
 */

import { elementDocumentationFields } from '../fhir/definitions/element-documentation.js';

type Json = Record<string, unknown>;

/** Top-level fields dropped from every conformance resource. */
const resourceDrops = [
  'text',
  'mapping',
  'description',
  'purpose',
  'copyright',
  'contact',
  'useContext',
  'jurisdiction',
  'publisher',
  'meta',
];
/** ElementDefinition fields dropped. */
const elementDrops = elementDocumentationFields;
/** Constraint fields dropped (FHIRPath `expression`, `key`, `severity`, `human`, `source` stay). */
const constraintDrops = ['xpath', 'requirements'];

/** Resource types that go into a pack. */
export const packResourceTypes: ReadonlySet<string> = new Set([
  'StructureDefinition',
  'ValueSet',
  'CodeSystem',
  'SearchParameter',
]);

/** SearchParameter fields kept (validation reads its canonical, code, base, type and derivation). */
const searchParameterKeeps = new Set([
  'resourceType',
  'url',
  'version',
  'derivedFrom',
  'code',
  'base',
  'type',
]);

/** A minimised copy of `resource` (the input is not modified). */
export function minimiseResource(resource: Json): Json {
  if (resource['resourceType'] === 'SearchParameter')
    return omit(
      resource,
      Object.keys(resource).filter((k) => !searchParameterKeeps.has(k)),
    );
  const out = omit(resource, resourceDrops);
  if (resource['resourceType'] === 'StructureDefinition') {
    // With a snapshot, the differential is never read (profiles derive from the base snapshot).
    if (resource['snapshot']) delete out['differential'];
    for (const part of ['snapshot', 'differential'] as const) {
      const holder = out[part] as { element?: Json[] } | undefined;
      if (holder?.element) out[part] = { ...holder, element: holder.element.map(minimiseElement) };
    }
  }
  if (resource['resourceType'] === 'CodeSystem' && Array.isArray(resource['concept'])) {
    out['concept'] = (resource['concept'] as Json[]).map(minimiseConcept);
  }
  return out;
}

function minimiseElement(element: Json): Json {
  const out = omit(element, elementDrops);
  if (Array.isArray(element['constraint']))
    out['constraint'] = (element['constraint'] as Json[]).map((c) => omit(c, constraintDrops));
  return out;
}

function minimiseConcept(concept: Json): Json {
  const out = omit(concept, ['definition']);
  if (Array.isArray(concept['designation'])) {
    out['designation'] = (concept['designation'] as Json[]).map((d) => omit(d, ['use']));
  }
  if (Array.isArray(concept['concept']))
    out['concept'] = (concept['concept'] as Json[]).map(minimiseConcept);
  return out;
}

function omit(value: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) out[k] = v;
  return out;
}
