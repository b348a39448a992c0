/**
 * What the speed targets of issue 18 that are stated against a first pass need, in this run's own
 * figures, set beside the best MDSS reaches in the same run: its second pass over the corpus in the
 * same process (code optimised, every structure compiled). A row whose need is above that best pass
 * cannot be met by removing warm-up alone; the engine's steady state has to get faster too.
 * @module
 */
import type { CliFigures } from './cli-process.js';
import type { EngineSummary } from './throughput.js';

/** One target restated as the first-pass rate it needs, beside MDSS's best rate in this run. */
export interface TargetNeed {
  /** The row of the issue-18 table the target belongs to. */
  readonly target: string;
  /** The rate a first pass must reach to meet the target. */
  readonly needed: number;
  /** MDSS's second pass in the same run, in the same unit. */
  readonly warm: number;
  /** MDSS's first pass in the same run, in the same unit. */
  readonly first: number;
  readonly unit: 'resources/s' | 'MB/s';
}

/** The figures of a run the needs are computed from (a subset of the bench run). */
export interface TargetNeedInputs {
  readonly engines: readonly EngineSummary[];
  readonly cli?: CliFigures | undefined;
}

/**
 * The first-pass rates the library, MB/s and CLI targets need (15× @medplum/core, 0.4× JSON.parse,
 * 10× the Medplum script), each beside MDSS's first and second pass measured in the same run.
 * Rows whose figures were not measured are left out.
 */
export function targetNeeds(run: TargetNeedInputs): TargetNeed[] {
  const by = new Map(run.engines.map((e) => [e.engine, e]));
  const node = by.get('mdss-node');
  const medplum = by.get('medplum');
  const json = by.get('json-parse');
  const warmRps = node?.secondPassResourcesPerSec;
  if (!node || warmRps === undefined) return [];
  const out: TargetNeed[] = [];
  if (medplum)
    out.push({
      target: 'library ≥ 15× @medplum/core',
      needed: 15 * medplum.resourcesPerSec,
      warm: warmRps,
      first: node.resourcesPerSec,
      unit: 'resources/s',
    });
  if (json)
    out.push({
      target: 'library ≥ 0.4× JSON.parse MB/s',
      needed: 0.4 * json.mbPerSec,
      warm: (warmRps * node.bytes) / node.resources / 1e6,
      first: node.mbPerSec,
      unit: 'MB/s',
    });
  const cli = run.cli;
  if (cli) {
    // the CLI's time budget less what no engine change removes: Node's own start and the set-up
    const leftMs = cli.medplumMs / 10 - cli.nodeMs - node.setupMs;
    out.push({
      target: `CLI ≥ 10× the Medplum script (${cli.bundles} Bundles; budget less node start and set-up)`,
      needed: leftMs > 0 ? cli.resources / (leftMs / 1000) : Number.POSITIVE_INFINITY,
      warm: warmRps,
      first: node.resourcesPerSec,
      unit: 'resources/s',
    });
  }
  return out;
}
