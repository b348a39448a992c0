/**
 * Generates a minimal valid instance of any R4 resource type from its StructureDefinition: every
 * element with min ≥ 1 is filled, recursively, with a value of its first allowed type. Codes for
 * required bindings are taken from the value set's first enumerated code when one is available.
 */
import type { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import type {
  ElementDefinition,
  StructureDefinition,
} from '../../src/fhir/definitions/conformance-resource.js';

const primitiveSamples: Record<string, unknown> = {
  boolean: true,
  integer: 1,
  positiveInt: 1,
  unsignedInt: 0,
  decimal: 1.5,
  string: 'Synthetic',
  markdown: 'Synthetic',
  code: 'synthetic',
  id: 'a1',
  uri: 'http://example.org/x',
  url: 'http://example.org/x',
  canonical: 'http://example.org/x',
  oid: 'urn:oid:1.2.3',
  uuid: 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520',
  base64Binary: 'QUJD',
  date: '2020-01-02',
  dateTime: '2020-01-02T10:00:00Z',
  instant: '2020-01-02T10:00:00Z',
  time: '10:00:00',
  xhtml: '<div xmlns="http://www.w3.org/1999/xhtml">Synthetic</div>',
};

function firstCode(
  registry: CanonicalRegistry,
  valueSet: string | undefined,
): { system?: string; code: string } | undefined {
  if (!valueSet) return undefined;
  const vs = registry.valueSet(valueSet) as
    { compose?: { include?: { system?: string; concept?: { code: string }[] }[] } } | undefined;
  for (const inc of vs?.compose?.include ?? []) {
    if (inc.concept?.[0])
      return { ...(inc.system ? { system: inc.system } : {}), code: inc.concept[0].code };
    if (inc.system) {
      const cs = registry.codeSystem(inc.system) as { concept?: { code: string }[] } | undefined;
      if (cs?.concept?.[0]) return { system: inc.system, code: cs.concept[0].code };
    }
  }
  return undefined;
}

/** Builds the minimal instance of `type`. */
export function minimalInstance(
  registry: CanonicalRegistry,
  type: string,
): Record<string, unknown> {
  const sd = registry.baseDefinition(type)!;
  const out = fill(registry, sd, sd.snapshot!.element[0]!.path!, 0) as Record<string, unknown>;
  return { resourceType: type, ...out };
}

function fill(
  registry: CanonicalRegistry,
  sd: StructureDefinition,
  path: string,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const elements = sd.snapshot!.element.filter(
    (e) =>
      !e.sliceName &&
      e.path!.startsWith(`${path}.`) &&
      !e.path!.slice(path.length + 1).includes('.'),
  );
  for (const e of elements) {
    if ((e.min ?? 0) < 1 || depth > 6) continue;
    const name = e.path!.slice(path.length + 1);
    const [key, value] = valueFor(registry, sd, e, name, depth);
    if (value === undefined) continue;
    out[key] = (e.base?.max ?? e.max) !== '1' ? [value] : value;
  }
  if (Object.keys(out).length === 0 && depth > 0)
    out['extension'] = [{ url: 'http://example.org/ext', valueString: 'Synthetic' }];
  return out;
}

function valueFor(
  registry: CanonicalRegistry,
  sd: StructureDefinition,
  e: ElementDefinition,
  name: string,
  depth: number,
): [string, unknown] {
  const t = e.type?.[0]?.code ?? 'BackboneElement';
  const jsonName = name.endsWith('[x]')
    ? name.slice(0, -3) + t.charAt(0).toUpperCase() + t.slice(1)
    : name;
  if (t in primitiveSamples) {
    if (t === 'code' && e.binding?.strength === 'required')
      return [jsonName, firstCode(registry, e.binding.valueSet)?.code ?? 'synthetic'];
    return [jsonName, primitiveSamples[t]];
  }
  if (t === 'CodeableConcept' || t === 'Coding') {
    const c =
      e.binding?.strength === 'required' ? firstCode(registry, e.binding.valueSet) : undefined;
    const coding = c ? { ...c } : { system: 'http://example.org/cs', code: 'synthetic' };
    return [jsonName, t === 'Coding' ? coding : { coding: [coding] }];
  }
  if (t === 'Reference') return [jsonName, { display: 'Synthetic' }];
  if (t === 'BackboneElement' || t === 'Element')
    return [jsonName, fill(registry, sd, e.path!, depth + 1)];
  if (t === 'Resource') return [jsonName, { resourceType: 'Basic', code: { text: 'Synthetic' } }];
  const typeSd = registry.baseDefinition(t);
  if (!typeSd) return [jsonName, undefined];
  return [jsonName, fill(registry, typeSd, t, depth + 1)];
}
