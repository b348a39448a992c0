/**
 * Vitest set-up: provides fhirpath.js to the engine as the Node entries do (src/node/fhirpath-node.ts),
 * for tests that build validators or FhirPathEngines from engine modules alone.
 */
import '../../src/node/fhirpath-node.js';
