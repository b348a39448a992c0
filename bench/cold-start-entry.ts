/**
 * Entry bundled by bench/cold-start.ts (esbuild, packages external): creates the validator the way
 * a CLI run would, from the built-in packs (folder `argv[2]`, framework profiles `argv[3]`; falling back to the JSON definitions when the
 * pack is missing or stale), and validates one Patient. Prints the timings since process start.
 * @module
 */
import { createValidator } from '../src/fhir/validator/create-validator.js';
import { loadPackRegistry } from '../src/node/load-pack-registry.js';
import { fhirPathLoaded } from '../src/fhir/fhirpath.js';

const imported = performance.now();
// Folders are passed in: inside the bundle, the loader's defaults would resolve from the bundle's location.
const loaded =
  process.argv[2] && process.argv[3]
    ? loadPackRegistry(process.argv[2], process.argv[3])
    : loadPackRegistry();
const validator = createValidator({ registry: loaded.registry });
const ready = performance.now();
const result = validator.validate({
  resourceType: 'Patient',
  id: 'p1',
  gender: 'unknown',
  birthDate: '1980-02-29',
});
const first = performance.now();
const info = loaded as {
  source?: string;
  fallbackReason?: string;
  fallbackReasons?: readonly string[];
};
const why = [info.fallbackReason, ...(info.fallbackReasons ?? [])].filter(Boolean).join('; ');
const notes = [
  `loadPackRegistry: source ${info.source ?? '?'}${why ? ` (fallback: ${why})` : ''}`,
  `first result valid: ${result.valid}`,
];
process.stdout.write(
  `${JSON.stringify({ importedMs: imported, readyMs: ready, firstResultMs: first, setupMs: first - imported, fhirpathLoaded: fhirPathLoaded(), notes })}\n`,
);
