/**
 * Reads what `$validate` is asked to do from a parsed body: the resource itself, or a `Parameters`
 * with `resource`, `profile` and `mode` (https://hl7.org/fhir/R4/resource-operation-validate.html).
 * @module
 */
import { httpProblem } from './http-problem.js';

/** What to validate. */
export interface FhirValidateRequest {
  /** The resource (or, for non-objects, the value that will be reported as not a resource). */
  readonly resource: unknown;
  /** JSON pointer of the resource inside the body (`/parameter/0/resource`, or `''`). */
  readonly pointer: string;
  /** Profiles named in the Parameters. */
  readonly profiles: readonly string[];
  readonly mode?: string;
}

type Parameter = { readonly name?: unknown; readonly resource?: unknown } & Readonly<
  Record<string, unknown>
>;

/** Validation modes accepted (`delete` has no content to check and is refused). */
export const acceptedModes = ['create', 'update'] as const;

/**
 * Unwraps a `Parameters` body unless the operation was called on type `Parameters` itself.
 * @throws HttpProblem 400 when a Parameters body has no `resource` or an unsupported `mode`.
 */
export function readValidateRequest(body: unknown, type: string | undefined): FhirValidateRequest {
  const isParameters =
    typeof body === 'object' &&
    body !== null &&
    (body as { resourceType?: unknown }).resourceType === 'Parameters';
  if (!isParameters || type === 'Parameters') return { resource: body, pointer: '', profiles: [] };
  const list = (body as { parameter?: unknown }).parameter;
  const params: Parameter[] = Array.isArray(list) ? (list as Parameter[]) : [];
  const index = params.findIndex((p) => p?.name === 'resource' && p.resource !== undefined);
  if (index < 0)
    throw httpProblem(400, 'http.invalid-parameter', {
      name: 'resource',
      reason: 'a Parameters body needs a resource parameter',
    });
  const profiles = params
    .filter((p) => p?.name === 'profile')
    .map((p) => p.valueUri ?? p.valueCanonical ?? p.valueString);
  if (profiles.some((p) => typeof p !== 'string'))
    throw httpProblem(400, 'http.invalid-parameter', {
      name: 'profile',
      reason: 'a profile parameter needs valueUri or valueCanonical',
    });
  const mode = params.find((p) => p?.name === 'mode');
  const modeValue = mode?.valueCode ?? mode?.valueString;
  return {
    resource: params[index]!.resource,
    pointer: `/parameter/${index}/resource`,
    profiles: profiles as string[],
    ...(typeof modeValue === 'string' ? { mode: modeValue } : {}),
  };
}

/** 400 unless `mode` is absent or an accepted mode. */
export function checkMode(mode: string | undefined): void {
  if (mode === undefined || (acceptedModes as readonly string[]).includes(mode)) return;
  throw httpProblem(400, 'http.invalid-parameter', {
    name: 'mode',
    reason: `supported modes are ${acceptedModes.join(', ')}`,
  });
}
