/**
 * Child process: times MDSS on one Bundle of 10,000 entries and one of 100,000 entries (generated
 * from the seed, parse included; the faster of two runs of each) after a warm-up, and prints the
 * per-entry time ratio (1.0 = linear).
 * Usage: node --import tsx bench/linearity.ts [--seed 1] [--small 10000] [--large 100000]
 * @module
 */
import { parseArgs } from 'node:util';
import { createNodeValidator } from '../src/node/create-node-validator.js';
import { generateBigBundleText } from './generate-bundles.js';

/** What the linearity child reports. */
export interface LinearityFigures {
  readonly smallEntries: number;
  readonly largeEntries: number;
  readonly smallMs: number;
  readonly largeMs: number;
  readonly smallBytes: number;
  readonly largeBytes: number;
  /** (largeMs / largeEntries) / (smallMs / smallEntries): 1.0 is linear. */
  readonly perEntryRatio: number;
  readonly largeTruncated: boolean;
  readonly largeErrors: number;
  readonly peakRssMb: number;
}

function timeOne(
  validate: (text: string) => { truncated: boolean; errors: number },
  text: string,
): { ms: number; truncated: boolean; errors: number } {
  const t0 = performance.now();
  const r = validate(text);
  return { ms: performance.now() - t0, ...r };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      small: { type: 'string', default: '10000' },
      large: { type: 'string', default: '100000' },
    },
  });
  const seed = Number(values.seed);
  const smallEntries = Number(values.small);
  const largeEntries = Number(values.large);
  const v = createNodeValidator([], { framework: 'none' });
  const validate = (text: string): { truncated: boolean; errors: number } => {
    const r = v.validate(text, { timeBudgetMs: 3_600_000, maxIssues: 100_000 });
    return {
      truncated: r.truncated,
      errors: r.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length,
    };
  };
  validate(generateBigBundleText(seed + 1, 2_000));
  const smallText = generateBigBundleText(seed, smallEntries);
  const small = [timeOne(validate, smallText), timeOne(validate, smallText)].sort(
    (a, b) => a.ms - b.ms,
  )[0] as { ms: number };
  const largeText = generateBigBundleText(seed, largeEntries);
  const largeBytes = largeText.length;
  // best of two for each size, so neither side gets a one-off pause the other does not
  const large = [timeOne(validate, largeText), timeOne(validate, largeText)].sort(
    (a, b) => a.ms - b.ms,
  )[0]!;
  const figures: LinearityFigures = {
    smallEntries,
    largeEntries,
    smallMs: small.ms,
    largeMs: large.ms,
    smallBytes: smallText.length,
    largeBytes,
    perEntryRatio: large.ms / largeEntries / (small.ms / smallEntries),
    largeTruncated: large.truncated,
    largeErrors: large.errors,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exitCode = 1;
});
