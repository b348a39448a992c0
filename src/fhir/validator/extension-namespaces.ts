/**
 * How serious an extension whose definition cannot be found is, by the namespace of its url.
 *
 * The HL7 validator rejects an unknown extension ("could not be found so is not allowed here")
 * unless its url is on an allowed domain. MDSS does the same, except where the definition may well
 * exist but MDSS does not carry it, which stays a warning (`extension.unknown`, content not checked):
 * - HL7's own namespace outside its implementation guides: `http://hl7.org/fhir/StructureDefinition/`
 *   (core extensions of other FHIR versions and the HL7 extensions pack), `/fhir/tools/` and any
 *   other path under `http://hl7.org/fhir/` that is not a realm IG (`/fhir/uv/…`, `/fhir/us/…`: an
 *   IG's extensions are known when its package is loaded, and an error when not);
 * - DICOM (`nema.org`) and, while example URLs are allowed, the example domains (example.org,
 *   example.com, example.net, acme.com), as in the HL7 validator;
 * - England's namespaces: `fhir.hl7.org.uk` (UK Core), any host under `nhs.uk` (`fhir.nhs.uk` NHS
 *   England, and NHS organisations' own, such as regional shared care records) and the former
 *   `fhir.nhs.net` (DSTU2 GP Connect), whose extensions are published in packages a partner may not
 *   have loaded.
 * @module
 */
import { isExampleUrl } from './primitives.js';

const hostOf = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/;
const hl7Core = /^https?:\/\/hl7\.org\/fhir\//;
/** An HL7 implementation guide's namespace: `/fhir/uv/<ig>/` or a two-letter realm (`/fhir/us/<ig>/`). */
const hl7RealmIg = /^https?:\/\/hl7\.org\/fhir\/[a-z]{2}\/[^/]+\//;
const englandHosts = new Set(['fhir.hl7.org.uk', 'fhir.nhs.net']);

/** True for England's namespaces: UK Core, `fhir.nhs.net` and any host under `nhs.uk`. */
function isEnglandHost(host: string): boolean {
  return englandHosts.has(host) || host === 'nhs.uk' || host.endsWith('.nhs.uk');
}

/**
 * `warning` when an unknown extension at `url` is only unchecked (see the module comment), `error`
 * when it is not allowed.
 * @example unknownExtensionSeverity('http://hl7.org/fhir/StructureDefinition/patient-sexParameterForClinicalUse', true) // 'warning'
 * @example unknownExtensionSeverity('http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext', true) // 'error'
 * @example unknownExtensionSeverity('https://supplier.example.co.uk/fhir/StructureDefinition/x', true) // 'error'
 */
export function unknownExtensionSeverity(
  url: string,
  allowExampleUrls: boolean,
): 'error' | 'warning' {
  if (hl7Core.test(url)) return hl7RealmIg.test(url) ? 'error' : 'warning';
  const host = hostOf.exec(url)?.[1]?.toLowerCase();
  if (host === undefined) return 'error';
  if (isEnglandHost(host) || host === 'nema.org' || host.endsWith('.nema.org')) return 'warning';
  return allowExampleUrls && isExampleUrl(url) ? 'warning' : 'error';
}
