import { describe, expect, it } from 'vitest';
import type { CliFigures } from '../../bench/cli-process.js';
import { targetNeeds } from '../../bench/target-needs.js';
import type { EngineSummary } from '../../bench/throughput.js';

function engine(name: EngineSummary['engine'], over: Partial<EngineSummary>): EngineSummary {
  return {
    engine: name,
    notes: [],
    rounds: 3,
    resourcesPerSec: 0,
    mbPerSec: 0,
    setupMs: 0,
    firstResultMs: 0,
    processToFirstResultMs: 0,
    peakRssMb: 0,
    setupRssMb: 0,
    errors: 0,
    errorSamples: [],
    errorCodes: {},
    resources: 1000,
    bytes: 2_000_000,
    ...over,
  };
}

const cli = {
  bundles: 100,
  resources: 500,
  medplumMs: 3000,
  nodeMs: 50,
  // the rest is not read by targetNeeds
} as unknown as CliFigures;

describe('targetNeeds', () => {
  const engines = [
    engine('mdss-node', {
      resourcesPerSec: 40_000,
      mbPerSec: 80,
      secondPassResourcesPerSec: 60_000,
      setupMs: 50,
    }),
    engine('medplum', { resourcesPerSec: 5_000 }),
    engine('json-parse', { mbPerSec: 250 }),
  ];

  it('restates each first-pass target as a rate beside the first and second pass', () => {
    const needs = targetNeeds({ engines, cli });
    expect(needs.map((n) => [n.unit, n.needed, n.first, n.warm])).toEqual([
      ['resources/s', 75_000, 40_000, 60_000],
      // 2,000 bytes a resource: 60,000 resources/s is 120 MB/s
      ['MB/s', 100, 80, 120],
      // budget 300 ms less node 50 ms and set-up 50 ms: 500 resources in 200 ms
      ['resources/s', 2_500, 40_000, 60_000],
    ]);
  });

  it('needs an infinite rate when start and set-up alone exceed the CLI budget', () => {
    const slowStart = { ...cli, nodeMs: 400 } as CliFigures;
    const needs = targetNeeds({ engines, cli: slowStart });
    expect(needs[2]?.needed).toBe(Number.POSITIVE_INFINITY);
  });

  it('leaves out rows whose figures were not measured', () => {
    expect(targetNeeds({ engines: engines.slice(0, 1) })).toEqual([]);
    const noWarm = [engine('mdss-node', { resourcesPerSec: 1 }), ...engines.slice(1)];
    expect(targetNeeds({ engines: noWarm, cli })).toEqual([]);
  });
});
