/**
 * Node-only: provides fhirpath.js to the engine (src/fhir/fhirpath.ts) with a synchronous `require`
 * on the first FHIRPath expression a validator evaluates, so a process that never needs fhirpath.js
 * never loads it (≈100 ms of a cold start). Importing this module is enough; every Node entry that
 * builds validators imports it (load-pack-registry.ts, create-node-validator.ts, the package index).
 * @module
 */
import { createRequire } from 'node:module';
import { provideFhirPath, type FhirPathLibrary, type FhirPathProvision } from '../fhir/fhirpath.js';

const require = createRequire(import.meta.url);

/** Loads fhirpath.js and its R4 model (CommonJS builds, synchronously). */
export function loadNodeFhirPath(): FhirPathProvision {
  return {
    fhirpath: require('fhirpath') as FhirPathLibrary,
    r4Model: require('fhirpath/fhir-context/r4') as unknown,
  };
}

provideFhirPath(loadNodeFhirPath);
