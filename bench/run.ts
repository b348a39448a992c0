/**
 * `npm run bench`: builds the seeded corpus, then measures in one run MDSS, @medplum/core and
 * JSON.parse (interleaved rounds, one child process per engine and round, medians), the linearity
 * of one 10,000- vs 100,000-entry Bundle, the 50 injected errors and the HTTP figures. Prints the
 * Markdown report and writes it to bench/results/latest.md (and the raw figures to latest.json).
 *
 * Options: --bundles 200 (2000 for the full run), --seed 1, --rounds 3, --engines a,b,
 * --no-linearity, --no-http, --no-injected, --no-cold-start, --http-duration 5, --linearity-small 10000,
 * --linearity-large 100000, --no-pack, --no-cli, --cli-bundles 100, --cli-rounds 3, --no-workers.
 * The job workers (issue 21: submissions per minute for 1, 2 and 4 `mdss worker` processes on Redis)
 * run last, as `bench/workers.ts` in a child process, and their table is appended to the report;
 * they are skipped with a line saying so when Redis does not answer.
 * --quick (a shared machine): 100 Bundles, 1 round, the engines of the issue-18 table only, no
 * linearity, no cold start, CLI 2 rounds, HTTP only the 100-entry Bundle at 8 connections for 3 s.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runChild } from './child-process.js';
import { runCliBench } from './cli-process.js';
import { measureColdStart } from './cold-start.js';
import { writeCorpus } from './corpus-file.js';
import type { EngineName } from './engines.js';
import { loadFrameworkProfiles } from './framework-profiles.js';
import { runHttpBench } from './http.js';
import type { InjectedFigures } from './injected-errors.js';
import type { LinearityFigures } from './linearity.js';
import { renderReport, type BenchRun } from './report.js';
import { runThroughput } from './throughput.js';

const { values } = parseArgs({
  options: {
    bundles: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    engines: { type: 'string' },
    'no-linearity': { type: 'boolean' },
    'no-http': { type: 'boolean' },
    'no-injected': { type: 'boolean' },
    'no-pack': { type: 'boolean' },
    'no-cold-start': { type: 'boolean' },
    'no-cli': { type: 'boolean' },
    'no-workers': { type: 'boolean' },
    'cli-bundles': { type: 'string', default: '100' },
    'cli-rounds': { type: 'string' },
    quick: { type: 'boolean' },
    'http-duration': { type: 'string', default: '5' },
    'linearity-small': { type: 'string', default: '10000' },
    'linearity-large': { type: 'string', default: '100000' },
  },
});

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

/** Writes the report so far (also after each phase, so a late failure keeps the earlier figures). */
function writeReport(run: BenchRun): string {
  const markdown = renderReport(run);
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('latest.md', dir), markdown);
  writeFileSync(new URL('latest.json', dir), `${JSON.stringify(run, null, 2)}\n`);
  return markdown;
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const seed = Number(values.seed);
  const quick = values.quick === true;
  if (quick) {
    values.bundles = '100';
    values.rounds = '1';
    values['no-linearity'] = true;
    values['no-cold-start'] = true;
    values['http-duration'] = '3';
  }
  const skipped: string[] = [];
  const defaultEngines: EngineName[] = quick
    ? ['mdss', 'mdss-node', 'mdss-node-framework', 'medplum', 'json-parse']
    : [
        'mdss',
        'mdss-node',
        'mdss-node-framework',
        'mdss-xml',
        'medplum',
        'json-parse',
        'mdss-framework',
      ];
  let engines: EngineName[] = values.engines
    ? (values.engines.split(',') as EngineName[])
    : defaultEngines;
  if (engines.includes('mdss-framework') && !loadFrameworkProfiles()) {
    engines = engines.filter((e) => e !== 'mdss-framework');
    skipped.push(
      'MDSS with the framework profiles: no framework StructureDefinitions under profiles/ yet',
    );
  }
  const g0 = performance.now();
  const corpus = await writeCorpus(seed, Number(values.bundles));
  const generateMs = performance.now() - g0;
  log(
    `corpus ${corpus.path}: ${corpus.bundles} Bundles, ${corpus.resources} resources, ${(corpus.bytes / 1e6).toFixed(1)} MB`,
  );
  const rounds = Number(values.rounds);
  const summaries = await runThroughput(corpus.path, engines, rounds, log, [
    '--second-pass',
    ...(values['no-pack'] ? ['--no-pack'] : []),
  ]);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let run: BenchRun = {
    startedAt,
    seed,
    rounds,
    skipped,
    quick,
    machine: `${cpu} ×${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
    corpus: {
      bundles: corpus.bundles,
      resources: corpus.resources,
      bytes: corpus.bytes,
      generateMs,
    },
    engines: summaries,
  };
  writeReport(run);

  let linearity: LinearityFigures | undefined;
  if (!values['no-linearity']) {
    log(`linearity: ${values['linearity-small']} vs ${values['linearity-large']} entries`);
    linearity = await runChild<LinearityFigures>('./linearity.ts', [
      '--seed',
      String(seed),
      '--small',
      values['linearity-small'] ?? '10000',
      '--large',
      values['linearity-large'] ?? '100000',
    ]);
    run = { ...run, linearity };
    writeReport(run);
  }
  if (!values['no-cli']) {
    log(`CLI: ${values['cli-bundles']} Bundles as files`);
    const cli = await runCliBench(
      corpus.path,
      Number(values['cli-bundles']),
      Number(values['cli-rounds'] ?? (quick ? '2' : '3')),
      log,
    );
    run = { ...run, cli };
    writeReport(run);
  }
  let coldStart: BenchRun['coldStart'];
  if (!values['no-cold-start']) {
    log('cold start (esbuild bundle, fresh processes)');
    coldStart = await measureColdStart(5);
    run = { ...run, coldStart };
  }
  let injected: InjectedFigures | undefined;
  if (!values['no-injected']) {
    log('injected errors');
    injected = await runChild<InjectedFigures>('./injected-errors.ts', [
      '--engines',
      'mdss,medplum',
    ]);
    run = { ...run, injected };
    writeReport(run);
  }
  let http: BenchRun['http'];
  if (!values['no-http']) {
    log('HTTP');
    const h = await runHttpBench(
      Number(values['http-duration']),
      quick ? [8] : [1, 8, 32],
      3,
      quick,
    );
    if ('skipped' in h) skipped.push(h.skipped);
    else http = h;
  }
  if (http) run = { ...run, http };
  let markdown = writeReport(run);
  if (!values['no-workers']) {
    log('job workers (1, 2, 4 worker processes on Redis)');
    markdown += workersSection(quick);
    writeFileSync(new URL('./results/latest.md', import.meta.url), markdown);
  }
  process.stdout.write(markdown);
}

/**
 * Runs bench/workers.ts in a child process and returns its table as a section of this report (its
 * own file, workers-latest.md, is written too), or a line saying why it did not run.
 */
function workersSection(quick: boolean): string {
  const args = quick ? ['--jobs', '8', '--records', '1000'] : ['--jobs', '24', '--records', '5000'];
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', new URL('./workers.ts', import.meta.url).pathname, ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 },
  );
  if (r.status !== 0) {
    const why = /ECONNREFUSED|connect/i.test(r.stderr)
      ? 'Redis does not answer (start redis-server or set REDIS_URL)'
      : `bench/workers.ts exited ${r.status ?? r.signal}`;
    log(`job workers skipped: ${why}`);
    return `\n## Job workers\n\nSkipped: ${why}.\n`;
  }
  const table = readFileSync(new URL('./results/workers-latest.md', import.meta.url), 'utf8');
  return `\n${table.replace(/^# /, '## ')}`;
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exitCode = 1;
});
