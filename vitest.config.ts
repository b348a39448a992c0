import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // the engine does not import fhirpath.js itself (src/fhir/fhirpath.ts): provide it as the Node entries do
    setupFiles: ['test/support/provide-fhirpath.ts'],
  },
});
