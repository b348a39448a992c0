/**
 * Rules for resources HL7 publishes (the HL7 validator's "for publication" mode, engine option
 * `forPublication`): a canonical resource whose url is in HL7's namespace (`http://hl7.org/fhir/…`)
 * must name its owning work group with the `structuredefinition-wg` extension (a contained resource
 * may rely on its container's), except the external code system identifiers under
 * `http://hl7.org/fhir/sid/`. Located at the resource: `canonical.hl7-workgroup-missing` (error).
 * @module
 */
import type { ValidationContext } from './validation-context.js';

const workGroup = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-wg';
const hl7Namespace = 'http://hl7.org/fhir/';
const externalSystems = 'http://hl7.org/fhir/sid';

/** Checks one resource (the current location) when the engine runs for publication. */
export function checkHl7Publication(
  ctx: ValidationContext,
  resource: Record<string, unknown>,
): void {
  const url = resource['url'];
  if (typeof url !== 'string' || !url.startsWith(hl7Namespace) || url.includes(externalSystems))
    return;
  if (!isCanonicalResource(ctx, resource)) return;
  if (hasWorkGroup(resource)) return;
  const container = ctx.containers[ctx.containers.length - 1];
  if (container !== undefined && container !== resource && hasWorkGroup(container)) return;
  ctx.report('canonical.hl7-workgroup-missing', { extension: workGroup });
}

function hasWorkGroup(resource: Record<string, unknown>): boolean {
  const extensions = resource['extension'];
  return (
    Array.isArray(extensions) &&
    extensions.some(
      (e: unknown) =>
        typeof e === 'object' && e !== null && (e as { url?: unknown }).url === workGroup,
    )
  );
}

/** True when the resource's type defines `url` as its canonical identifier (R4 canonical resources). */
function isCanonicalResource(ctx: ValidationContext, resource: Record<string, unknown>): boolean {
  const type = resource['resourceType'];
  if (typeof type !== 'string') return false;
  const base = ctx.services.model.base(type);
  return base?.byId.get(`${type}.url`)?.types.some((t) => t.code === 'uri') ?? false;
}
