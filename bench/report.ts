/**
 * Renders the benchmark run as Markdown: throughput table with ratios measured in the same run,
 * cold start, linearity, injected errors and HTTP figures.
 * @module
 */
import type { CliFigures } from './cli-process.js';
import type { ColdStartFigures } from './cold-start.js';
import type { HttpFigures, HttpRow } from './http.js';
import type { InjectedFigures } from './injected-errors.js';
import type { LinearityFigures } from './linearity.js';
import { fmt, markdownTable, ratio } from './stats.js';
import { targetNeeds } from './target-needs.js';
import type { EngineSummary } from './throughput.js';

/** Everything one `npm run bench` measured. */
export interface BenchRun {
  readonly startedAt: string;
  readonly machine: string;
  readonly seed: number;
  readonly corpus: {
    readonly bundles: number;
    readonly resources: number;
    readonly bytes: number;
    readonly generateMs: number;
  };
  readonly rounds: number;
  readonly engines: readonly EngineSummary[];
  readonly skipped: readonly string[];
  readonly linearity?: LinearityFigures;
  readonly coldStart?: ColdStartFigures;
  readonly injected?: InjectedFigures;
  readonly http?: HttpFigures;
  readonly cli?: CliFigures;
  /** `--quick`: the short run for a shared machine. */
  readonly quick?: boolean;
}

/** The table of issue 18: each row a ratio against a peer or floor measured in this run. */
function issueTableSection(run: BenchRun): string[] {
  const by = new Map(run.engines.map((e) => [e.engine, e]));
  const node = by.get('mdss-node');
  const nodeFw = by.get('mdss-node-framework');
  const pack = by.get('mdss');
  const medplum = by.get('medplum');
  const json = by.get('json-parse');
  const rows: string[][] = [];
  const na = (what: string): string[] => [what, 'not measured', '', '', ''];
  rows.push(
    node && medplum
      ? [
          'library `createNodeValidator()`, resources/s',
          fmt(node.resourcesPerSec),
          `@medplum/core ${fmt(medplum.resourcesPerSec)}`,
          ratio(node.resourcesPerSec / medplum.resourcesPerSec),
          '≥ 15×',
        ]
      : na('library `createNodeValidator()`, resources/s'),
  );
  if (node?.secondPassResourcesPerSec && medplum?.secondPassResourcesPerSec)
    rows.push([
      'library, second pass over the corpus in the same process (code optimised, first use done), resources/s',
      fmt(node.secondPassResourcesPerSec),
      `@medplum/core ${fmt(medplum.secondPassResourcesPerSec)}`,
      ratio(node.secondPassResourcesPerSec / medplum.secondPassResourcesPerSec),
      '(the row above is the target)',
    ]);
  rows.push(
    node && json
      ? [
          'library MB/s',
          fmt(node.mbPerSec, 1),
          `JSON.parse ${fmt(json.mbPerSec, 1)}`,
          ratio(node.mbPerSec / json.mbPerSec),
          '≥ 0.4×',
        ]
      : na('library MB/s'),
  );
  rows.push(
    node && pack
      ? [
          '`createNodeValidator()` set-up (framework none)',
          `${fmt(node.setupMs)} ms, ${fmt(node.setupRssMb)} MB RSS`,
          `pack loader ${fmt(pack.setupMs)} ms, ${fmt(pack.setupRssMb)} MB`,
          `${ratio(node.setupMs / pack.setupMs)} time, ${ratio(node.setupRssMb / pack.setupRssMb)} RSS`,
          '≤ 100 ms, < 150 MB',
        ]
      : na('`createNodeValidator()` set-up'),
  );
  if (nodeFw && pack)
    rows.push([
      '`createNodeValidator()` set-up (framework on)',
      `${fmt(nodeFw.setupMs)} ms, ${fmt(nodeFw.setupRssMb)} MB RSS`,
      `pack loader ${fmt(pack.setupMs)} ms, ${fmt(pack.setupRssMb)} MB`,
      `${ratio(nodeFw.setupMs / pack.setupMs)} time, ${ratio(nodeFw.setupRssMb / pack.setupRssMb)} RSS`,
      '≤ 100 ms, < 150 MB',
    ]);
  const cli = run.cli;
  rows.push(
    cli
      ? [
          `CLI whole process, ${fmt(cli.bundles)} Bundles, \`--framework none\``,
          `${fmt(cli.mdssMs)} ms`,
          `Medplum script ${fmt(cli.medplumMs)} ms`,
          ratio(cli.medplumMs / cli.mdssMs),
          '≥ 10×',
        ]
      : na('CLI whole process, `--framework none`'),
  );
  if (cli?.cpuMs)
    rows.push([
      `CLI whole process, ${fmt(cli.bundles)} Bundles, \`--framework none\`, CPU time (user + system)`,
      `${fmt(cli.cpuMs.mdss)} ms`,
      `Medplum script ${fmt(cli.cpuMs.medplum)} ms`,
      ratio(cli.cpuMs.medplum / cli.cpuMs.mdss),
      '≥ 10×',
    ]);
  if (cli?.libraryMs !== undefined) {
    rows.push([
      "CLI whole process vs the engine's own work (set-up + validation) on the same files, in a fresh process, plus bare `node -e 0`",
      `${fmt(cli.mdssMs)} ms`,
      `engine ${fmt(cli.engineMs)} ms + node ${fmt(cli.nodeMs)} ms`,
      ratio(cli.mdssMs / (cli.engineMs + cli.nodeMs)),
      'close to 1×',
    ]);
    rows.push([
      'CLI whole process vs the library script on the same files (bench/mdss-validate-files.mjs, spawn to exit), CPU time',
      `${fmt(cli.mdssMs)} ms, CPU ${fmt(cli.cpuMs.mdss)} ms`,
      `script ${fmt(cli.libraryMs)} ms, CPU ${fmt(cli.cpuMs.library)} ms`,
      `${ratio(cli.mdssMs / cli.libraryMs)}, CPU ${ratio(cli.cpuMs.mdss / cli.cpuMs.library)}`,
      'close to 1×',
    ]);
  }
  rows.push(
    nodeFw && node
      ? [
          'framework on vs base (`createNodeValidator()`), resources/s',
          fmt(nodeFw.resourcesPerSec),
          `base ${fmt(node.resourcesPerSec)}`,
          ratio(nodeFw.resourcesPerSec / node.resourcesPerSec),
          '≥ 0.6×',
        ]
      : na('framework on vs base'),
  );
  const h = run.http;
  // the cell at the most connections (32: the load the target is stated for), not the best
  // requests/s of any cell, so the row's p99 is always measured under the same load
  const cell = h?.rows
    .filter((r) => r.payload.startsWith('100-entry'))
    .sort((a, b) => b.connections - a.connections)[0];
  const bare = cell
    ? h?.bareRows.find((r) => r.payload === cell.payload && r.connections === cell.connections)
    : undefined;
  rows.push(
    cell && bare
      ? [
          `HTTP \`$validate\`, ${cell.payload}, ${cell.connections} connections`,
          `${fmt(cell.requestsPerSec)} req/s, p99 ${fmt(cell.p99Ms, 1)} ms`,
          `bare Hono ${fmt(bare.requestsPerSec)} req/s, p99 ${fmt(bare.p99Ms, 1)} ms`,
          ratio(cell.requestsPerSec / bare.requestsPerSec),
          '≥ 1,000 req/s, p99 < 50 ms',
        ]
      : na('HTTP `$validate`'),
  );
  const twoCell = cell
    ? h?.clusterRows?.find((r) => r.payload === cell.payload && r.connections === cell.connections)
    : undefined;
  rows.push(
    cell && bare && twoCell
      ? [
          `HTTP \`$validate\`, \`--processes 2\`, ${cell.payload}, ${cell.connections} connections`,
          `${fmt(twoCell.requestsPerSec)} req/s, p99 ${fmt(twoCell.p99Ms, 1)} ms`,
          `one process ${fmt(cell.requestsPerSec)} req/s (${ratio(twoCell.requestsPerSec / cell.requestsPerSec)}); bare Hono ${fmt(bare.requestsPerSec)} req/s`,
          ratio(twoCell.requestsPerSec / bare.requestsPerSec),
          '≥ 1,000 req/s, p99 < 50 ms',
        ]
      : na('HTTP `$validate`, `--processes 2`'),
  );
  const poolCell = cell
    ? h?.poolRows?.find((r) => r.payload === cell.payload && r.connections === cell.connections)
    : undefined;
  rows.push(
    cell && bare && poolCell
      ? [
          `HTTP \`$validate\`, one process, check pool of ${h?.poolThreads ?? '?'} threads, ${cell.payload}, ${cell.connections} connections`,
          `${fmt(poolCell.requestsPerSec)} req/s, p99 ${fmt(poolCell.p99Ms, 1)} ms`,
          `one process ${fmt(cell.requestsPerSec)} req/s (${ratio(poolCell.requestsPerSec / cell.requestsPerSec)}); bare Hono ${fmt(bare.requestsPerSec)} req/s`,
          ratio(poolCell.requestsPerSec / bare.requestsPerSec),
          '≥ 1,000 req/s, p99 < 50 ms',
        ]
      : na('HTTP `$validate`, check pool'),
  );
  return [
    '## Issue 18: the table, each row against a peer measured in this run',
    '',
    markdownTable(['what', 'MDSS', 'peer / floor (same run)', 'ratio', 'target'], rows),
    '',
  ];
}

/** The first-pass targets restated as the rate each needs, beside MDSS's first and second pass. */
function targetNeedsSection(run: BenchRun): string[] {
  const needs = targetNeeds(run);
  if (needs.length === 0) return [];
  const rows = needs.map((n) => {
    const digits = n.unit === 'MB/s' ? 1 : 0;
    return [
      n.target,
      `${fmt(n.needed, digits)} ${n.unit}`,
      fmt(n.first, digits),
      fmt(n.warm, digits),
      ratio(n.warm / n.needed),
    ];
  });
  return [
    "### What the first-pass targets need, in this run's figures",
    '',
    "Each target restated as the rate a first pass must reach, beside MDSS's first pass and its second pass in the same process (code optimised, every structure compiled). Where the second pass is below the need (ratio under 1×), removing warm-up alone cannot meet the target: the engine's steady state has to get faster too.",
    '',
    markdownTable(
      ['target', 'first pass needs', 'MDSS first pass', 'MDSS second pass', 'second pass / need'],
      rows,
    ),
    '',
  ];
}

function cliSection(c: CliFigures): string[] {
  return [
    `## CLI as a whole process (${fmt(c.bundles)} Bundles as files, ${fmt(c.resources)} resources, ${fmt(c.bytes / 1e6, 1)} MB; median of ${c.rounds} interleaved rounds, spawn to exit)`,
    '',
    markdownTable(
      ['command', 'ms', 'CPU ms (user + system)'],
      [
        [
          '`mdss validate --framework none --format json --output FILE DIR`',
          fmt(c.mdssMs),
          fmt(c.cpuMs?.mdss ?? Number.NaN),
        ],
        [
          '`mdss validate --allow-test-numbers --format json --output FILE DIR` (framework on)',
          fmt(c.mdssFrameworkMs),
          fmt(c.cpuMs?.mdssFramework ?? Number.NaN),
        ],
        ...(c.mdssThreadsMs !== undefined
          ? [
              [
                `the same, \`--threads ${c.threads ?? '?'}\` (default: threads from 32 MB)`,
                fmt(c.mdssThreadsMs),
                fmt(c.cpuMs?.mdssThreads ?? Number.NaN),
              ],
            ]
          : []),
        [
          '`node bench/medplum-validate-files.mjs DIR` (@medplum/core, the peer)',
          fmt(c.medplumMs),
          fmt(c.cpuMs?.medplum ?? Number.NaN),
        ],
        [
          '`node bench/mdss-validate-files.mjs DIR` (the library alone: `createNodeValidator`, read, validate; no report)',
          fmt(c.libraryMs),
          fmt(c.cpuMs?.library ?? Number.NaN),
        ],
        ['`node -e 0` (process start, the floor)', fmt(c.nodeMs), fmt(c.cpuMs?.node ?? Number.NaN)],
      ],
    ),
    '',
    ...c.notes.map((n) => `- ${n}`),
    '',
  ];
}

function throughputSection(run: BenchRun): string[] {
  const rows = run.engines.map((e) => [
    e.engine,
    fmt(e.resourcesPerSec),
    fmt(e.mbPerSec, 1),
    e.secondPassResourcesPerSec ? fmt(e.secondPassResourcesPerSec) : '',
    fmt(e.setupMs),
    fmt(e.firstResultMs),
    fmt(e.peakRssMb),
    String(e.errors),
  ]);
  const out = [
    `## Throughput (${fmt(run.corpus.bundles)} Bundles, ${fmt(run.corpus.resources)} resources, ${fmt(run.corpus.bytes / 1e6, 1)} MB; median of ${run.rounds} interleaved rounds, one child process per engine and round)`,
    '',
    markdownTable(
      [
        'engine',
        'resources/s',
        'MB/s',
        'second pass, resources/s',
        'set-up ms',
        'set-up + first Bundle ms',
        'peak RSS MB',
        'errors on clean corpus',
      ],
      rows,
    ),
    '',
  ];
  const by = new Map(run.engines.map((e) => [e.engine, e]));
  const mdss = by.get('mdss');
  const medplum = by.get('medplum');
  const json = by.get('json-parse');
  const ratios: string[][] = [];
  if (mdss && medplum)
    ratios.push([
      'MDSS / @medplum/core throughput (resources/s)',
      ratio(mdss.resourcesPerSec / medplum.resourcesPerSec),
      '≥ 10×',
    ]);
  if (mdss && json)
    ratios.push(['MDSS MB/s / JSON.parse MB/s', ratio(mdss.mbPerSec / json.mbPerSec), '≥ 0.33×']);
  const xml = by.get('mdss-xml');
  if (mdss && xml)
    ratios.push([
      'MDSS on FHIR XML / MDSS on JSON, same corpus (resources/s)',
      ratio(xml.resourcesPerSec / mdss.resourcesPerSec),
      '',
    ]);
  const fw = by.get('mdss-framework');
  if (fw && medplum)
    ratios.push([
      'MDSS + framework / @medplum/core',
      ratio(fw.resourcesPerSec / medplum.resourcesPerSec),
      '≥ 10×',
    ]);
  if (mdss && medplum)
    ratios.push([
      'MDSS / @medplum/core peak RSS',
      ratio(mdss.peakRssMb / medplum.peakRssMb),
      'MDSS < 200 MB',
    ]);
  if (mdss)
    ratios.push([
      'MDSS set-up + first Bundle (in process)',
      `${fmt(mdss.firstResultMs)} ms`,
      '< 150 ms with the pack',
    ]);
  if (mdss)
    ratios.push([
      'MDSS process start to first result (engine child, corpus reader included)',
      `${fmt(mdss.processToFirstResultMs)} ms`,
      '',
    ]);
  out.push(markdownTable(['ratio (same run)', 'measured', 'target'], ratios), '');
  for (const e of run.engines)
    out.push(
      `- ${e.engine}: ${e.notes.join('; ')}${e.errors > 0 ? `; errors by code: ${errorCodes(e)}; first: ${e.errorSamples[0] ?? ''}` : ''}`,
    );
  if (by.get('mdss-framework')?.errorCodes?.['england.nhs-number-test-range']) {
    out.push(
      '- `england.nhs-number-test-range` under the framework is by design: the corpus uses only 999 test-range NHS numbers, which the framework rejects unless test numbers are allowed.',
    );
  }
  for (const s of run.skipped) out.push(`- skipped: ${s}`);
  out.push('');
  return out;
}

function errorCodes(e: EngineSummary): string {
  const codes = Object.entries(e.errorCodes ?? {}).sort((a, b) => b[1] - a[1]);
  return codes.length === 0
    ? 'n/a'
    : codes
        .slice(0, 5)
        .map(([code, n]) => `\`${code}\` ×${fmt(n)}`)
        .join(', ');
}

function linearitySection(l: LinearityFigures): string[] {
  return [
    '## Linearity (one Bundle, MDSS, parse included)',
    '',
    markdownTable(
      ['entries', 'MB', 'ms', 'entries/s'],
      [
        [
          fmt(l.smallEntries),
          fmt(l.smallBytes / 1e6, 1),
          fmt(l.smallMs),
          fmt(l.smallEntries / (l.smallMs / 1000)),
        ],
        [
          fmt(l.largeEntries),
          fmt(l.largeBytes / 1e6, 1),
          fmt(l.largeMs),
          fmt(l.largeEntries / (l.largeMs / 1000)),
        ],
      ],
    ),
    '',
    `Each size: the faster of two runs. Per-entry time ratio large/small: ${ratio(l.perEntryRatio)} (1.00× is linear); time ratio ${ratio(l.largeMs / l.smallMs)} for ${ratio(l.largeEntries / l.smallEntries)} the entries. Large Bundle truncated: ${l.largeTruncated}; errors: ${l.largeErrors}; peak RSS ${fmt(l.peakRssMb)} MB.`,
    '',
  ];
}

function coldStartSection(c: ColdStartFigures): string[] {
  return [
    `## Cold start (MDSS bundled with esbuild, ${c.runs} fresh Node processes, medians)`,
    '',
    markdownTable(
      ['measure', 'ms', 'target'],
      [
        [
          'process start → first validation result',
          fmt(c.processToFirstResultMs),
          '< 150 with the built-in pack',
        ],
        ['of which: process start → MDSS modules loaded', fmt(c.moduleLoadMs), ''],
        [
          'of which: validator set-up (pack header, registry) + first validation',
          fmt(c.setupAndFirstMs),
          '',
        ],
        [
          'peer: bare Node process start → first statement (same runs, interleaved)',
          fmt(c.nodeBootstrapMs),
          '',
        ],
        ['spawn → exit (wall clock)', fmt(c.wallMs), ''],
      ],
    ),
    '',
    `- loader: ${c.notes.join('; ')}; fhirpath.js loaded by the first result: ${c.fhirpathLoaded ? 'yes' : 'no'}`,
    '',
  ];
}

function injectedSection(inj: InjectedFigures): string[] {
  const total = inj.cases.length;
  const caught = (e: string): number => inj.cases.filter((c) => c.caught[e] !== undefined).length;
  const out = [
    `## Injected errors (${total} cases, each on a clean generated resource)`,
    '',
    markdownTable(
      ['engine', 'caught', 'false positives on the clean bases'],
      inj.engines.map((e) => [e, `${caught(e)}/${total}`, String(inj.cleanErrors[e] ?? 0)]),
    ),
    '',
  ];
  const categories = [...new Set(inj.cases.map((c) => c.category))];
  out.push(
    markdownTable(
      ['category', 'cases', ...inj.engines],
      categories.map((cat) => {
        const cs = inj.cases.filter((c) => c.category === cat);
        return [
          cat,
          String(cs.length),
          ...inj.engines.map((e) => String(cs.filter((c) => c.caught[e] !== undefined).length)),
        ];
      }),
    ),
    '',
  );
  const missed = inj.cases.filter((c) => inj.engines.some((e) => c.caught[e] === undefined));
  if (missed.length > 0) {
    out.push(
      'Cases missed by at least one engine:',
      '',
      markdownTable(
        ['case', 'category', ...inj.engines],
        missed.map((c) => [
          c.id,
          c.category,
          ...inj.engines.map((e) =>
            c.caught[e] === undefined
              ? '**missed**'
              : `\`${(c.caught[e] ?? '').slice(0, 70).replace(/\|/g, '\\|')}\``,
          ),
        ]),
      ),
      '',
    );
  }
  return out;
}

/** One HTTP table: a cell per payload and connection count. */
function httpTable(rows: readonly HttpRow[]): string {
  return markdownTable(
    [
      'payload',
      'connections',
      'requests/s',
      'p50 ms',
      'p99 ms',
      '/health max ms',
      'non-2xx',
      'errors',
    ],
    rows.map((r) => [
      r.payload,
      String(r.connections),
      fmt(r.requestsPerSec),
      fmt(r.p50Ms, 1),
      fmt(r.p99Ms, 1),
      r.healthMaxMs === undefined ? '–' : fmt(r.healthMaxMs, 1),
      String(r.non2xx),
      String(r.errors),
    ]),
  );
}

/** A titled HTTP table, or nothing when the rows were not measured. */
function titledHttpTable(title: string, rows: readonly HttpRow[] | undefined): string[] {
  return rows && rows.length > 0 ? [title, '', httpTable(rows), ''] : [];
}

function httpSection(h: HttpFigures): string[] {
  return [
    `## HTTP \`POST /fhir/$validate\` (autocannon, ${h.durationSec} s per cell, server in a child process on 127.0.0.1)`,
    '',
    httpTable(h.rows),
    '',
    ...titledHttpTable('Peer, same cells: a bare Hono route', h.bareRows),
    ...titledHttpTable(
      'Same app, `--processes 2` (node:cluster, two workers on one port)',
      h.clusterRows,
    ),
    ...titledHttpTable(
      `Same app, one process with its check pool (${h.poolThreads ?? '?'} threads, \`mdss serve\`)`,
      h.poolRows,
    ),
    ...h.notes.map((n) => `- ${n}`),
    '',
  ];
}

/** The Markdown report of a run. */
export function renderReport(run: BenchRun): string {
  const out = [
    '# MDSS benchmark',
    '',
    `Run ${run.startedAt} on ${run.machine}; seed ${run.seed}; corpus generated in ${fmt(run.corpus.generateMs)} ms${run.quick ? '; `--quick` (short run for a shared machine)' : ''}. Figures are from this one run; compare ratios, not absolute numbers across machines.`,
    '',
    ...issueTableSection(run),
    ...targetNeedsSection(run),
    ...throughputSection(run),
  ];
  if (run.cli) out.push(...cliSection(run.cli));
  if (run.linearity) out.push(...linearitySection(run.linearity));
  if (run.coldStart) out.push(...coldStartSection(run.coldStart));
  if (run.injected) out.push(...injectedSection(run.injected));
  if (run.http) out.push(...httpSection(run.http));
  return `${out.join('\n')}\n`;
}
