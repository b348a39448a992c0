/**
 * fhirpath.js by a static import, for bundles that carry their dependencies (the Worker): pass
 * {@link bundledFhirPath} as the validator's `fhirPath` option (`createChecker({ fhirPath })`).
 * Importing this module also sets it as the process-wide fallback provider, for embedders that
 * build validators without the option. Node code uses `src/node/fhirpath-node.ts` instead, which
 * loads fhirpath.js only when an expression needs it.
 * @module
 */
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4/index.js';
import { provideFhirPath, type FhirPathLibrary, type FhirPathProvision } from './fhirpath.js';

const provision: FhirPathProvision = {
  fhirpath: fhirpath as unknown as FhirPathLibrary,
  r4Model: r4Model as unknown,
};

/** The bundled fhirpath.js and its R4 model. */
export function bundledFhirPath(): FhirPathProvision {
  return provision;
}

provideFhirPath(bundledFhirPath);
