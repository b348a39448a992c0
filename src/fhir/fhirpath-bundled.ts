/**
 * Provides fhirpath.js to the engine by a static import, for bundles that carry their dependencies
 * (the Worker): importing this module loads fhirpath.js. Node code imports
 * `src/node/fhirpath-node.ts` instead, which loads it only when an expression needs it.
 * @module
 */
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4/index.js';
import { provideFhirPath, type FhirPathLibrary } from './fhirpath.js';

const provision = { fhirpath: fhirpath as unknown as FhirPathLibrary, r4Model: r4Model as unknown };
provideFhirPath(() => provision);
