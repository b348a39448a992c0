/**
 * `mdss validate` on NDJSON through its streaming path (the one files over 32 MB take; forced here
 * with MDSS_STREAM_THRESHOLD_BYTES=0), as a child process: corrupted lines (invalid JSON, a line that
 * is one 2 MB string, invalid UTF-8 bytes) each get their own issue at their line and every other
 * line is still validated; and peak memory does not grow with the input (4 MB against 40 MB).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleResources } from '../../bench/generate-bundles.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'mdss-ndjson-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// like cli.e2e.test.ts: the built CLI (bin/mdss.js → dist/) when it exists, else the sources via tsx
const cli = existsSync(join(root, 'dist', 'cli', 'main.js'))
  ? [join(root, 'bin', 'mdss.js')]
  : ['--import', 'tsx', join(root, 'test', 'support', 'run-cli.ts')];
const maxRssHook = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))`;

interface Corruption {
  readonly line: number; // 1-based line in the file
  readonly code: string;
}

/**
 * Writes an NDJSON file of about `mb` MB of generated resources with three corrupted lines (at 10 %,
 * 50 % and 90 %) and two blank lines; returns what the run must find.
 */
function writeNdjson(
  name: string,
  mb: number,
): { file: string; bytes: number; records: number; corruptions: Corruption[] } {
  const resources = sampleResources(3);
  const target = mb * 1024 * 1024;
  const good: Buffer[] = [];
  let bytes = 0;
  let records = 0;
  for (let i = 0; bytes < target; i++) {
    const r = resources[i % resources.length]!;
    const line = Buffer.from(`${JSON.stringify(r)}\n`);
    good.push(line);
    bytes += line.length;
    records += 1 + (Array.isArray(r['contained']) ? r['contained'].length : 0);
  }
  const bad: [at: number, bytes: Buffer, code: string][] = [
    [
      Math.floor(good.length * 0.1),
      Buffer.from('{"resourceType":"Patient","name":[{"family":"Broken"}\n'),
      'input.invalid-json',
    ],
    [
      Math.floor(good.length * 0.5),
      Buffer.from(`${JSON.stringify('x'.repeat(2 * 1024 * 1024))}\n`),
      'input.not-a-resource',
    ],
    [
      Math.floor(good.length * 0.9),
      Buffer.concat([
        Buffer.from('{"resourceType":"Basic","code":{"text":"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('"}}\n'),
      ]),
      'input.invalid-utf8',
    ],
  ];
  const out: Buffer[] = [];
  const corruptions: Corruption[] = [];
  let lines = 0; // lines written so far
  const push = (b: Buffer) => {
    out.push(b);
    for (let p = b.indexOf(10); p >= 0; p = b.indexOf(10, p + 1)) lines++;
  };
  let next = 0;
  good.forEach((line, i) => {
    if (i === 7) push(Buffer.from('\n  \n')); // blank lines: skipped, but counted as lines
    while (next < bad.length && bad[next]![0] === i) {
      const [, b, code] = bad[next++]!;
      corruptions.push({ line: lines + 1, code });
      push(b);
    }
    push(line);
  });
  const file = join(dir, name);
  const all = Buffer.concat(out);
  writeFileSync(file, all);
  return { file, bytes: all.length, records, corruptions };
}

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [...cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
}

function validateStreamed(file: string) {
  // a small fixed young generation: its growth under a longer run would only add noise to peak RSS
  const r = spawnSync(
    process.execPath,
    [
      '--max-semi-space-size=2',
      // GC on the main thread: background marking that falls behind on a busy machine lets the heap
      // (and so peak RSS) grow with the input for reasons that have nothing to do with streaming
      '--single-threaded-gc',
      '--import',
      maxRssHook,
      ...cli,
      'validate',
      file,
      '--framework',
      'none',
      '--format',
      'json',
    ],
    {
      cwd: root, // where tsx resolves
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', MDSS_STREAM_THRESHOLD_BYTES: '0' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    },
  );
  const rss = Number(/maxrss-kb=(\d+)/.exec(r.stderr)?.[1]) * 1024;
  const json = JSON.parse(r.stdout) as {
    files: {
      recordCount: number;
      truncated: boolean;
      issues: { code: string; severity: string; pointer: string; position?: { line: number } }[];
    }[];
  };
  return { code: r.status, stderr: r.stderr, file: json.files[0]!, rss };
}

describe('mdss validate: NDJSON through the streaming path', () => {
  let smallRss: number | undefined;
  const small = writeNdjson('small.ndjson', 4);
  const large = writeNdjson('large.ndjson', 40);

  it('gives each corrupted line its own issue at its line and validates every other line', () => {
    const r = validateStreamed(small.file);
    expect(r.code, r.stderr).toBe(1);
    expect(r.file.truncated).toBe(false);
    expect(r.file.issues.map((i) => [i.position?.line, i.code, i.severity])).toEqual(
      small.corruptions.map((c) => [c.line, c.code, 'fatal']),
    );
    expect(r.file.issues.map((i) => i.pointer)).toEqual(
      small.corruptions.map((c) => `/${c.line - 1}`),
    );
    // every good line was validated (the corrupted ones hold no record)
    expect(r.file.recordCount).toBe(small.records);
    smallRss = r.rss;
  });

  it('keeps peak memory bounded: 40 MB of input needs far less than 36 MB more than 4 MB', () => {
    const r = validateStreamed(large.file);
    expect(r.code, r.stderr).toBe(1);
    expect(r.file.issues.map((i) => [i.position?.line, i.code])).toEqual(
      large.corruptions.map((c) => [c.line, c.code]),
    );
    expect(r.file.recordCount).toBe(large.records);
    smallRss ??= validateStreamed(small.file).rss;
    expect(statSync(large.file).size).toBe(large.bytes);
    // reading the file whole would take at least twice its size again (the bytes, then the text);
    // streaming stays well under once its size. The margin is wide because peak RSS also depends on
    // when the collector runs, which a busy machine shifts by several megabytes.
    expect(r.rss - smallRss).toBeLessThan(((large.bytes - small.bytes) * 3) / 4);
  });

  it('reads invalid UTF-8 strictly in small files too, and never splits a JSON document into lines', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: sampleResources(4).map((resource) => ({ resource })),
    };
    writeFileSync(join(dir, 'pretty.json'), JSON.stringify(bundle, null, 2));
    const streamed = run(
      ['validate', join(dir, 'pretty.json'), '--framework', 'none', '--format', 'json'],
      { MDSS_STREAM_THRESHOLD_BYTES: '0' },
    );
    const doc = JSON.parse(streamed.stdout) as {
      files: { recordCount: number; issues: { code: string }[] }[];
    };
    expect(doc.files[0]!.issues.map((i) => i.code)).not.toContain('input.invalid-json');
    expect(doc.files[0]!.recordCount).toBeGreaterThan(bundle.entry.length);

    const bad = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]); // {"\xff":1}
    writeFileSync(
      join(dir, 'small-bad.ndjson'),
      Buffer.concat([
        Buffer.from('{"resourceType":"Basic","code":{"text":"a"}}\n'),
        bad,
        Buffer.from('\n{"resourceType":"Basic","code":{"text":"b"}}\n'),
      ]),
    );
    writeFileSync(join(dir, 'small-bad.json'), bad);
    const r = run([
      'validate',
      join(dir, 'small-bad.ndjson'),
      join(dir, 'small-bad.json'),
      '--framework',
      'none',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(1);
    const files = (
      JSON.parse(r.stdout) as {
        files: {
          file: string;
          recordCount: number;
          issues: { code: string; position?: { line: number } }[];
        }[];
      }
    ).files;
    const ndjson = files.find((f) => f.file.endsWith('.ndjson'))!;
    expect(
      ndjson.issues
        .filter((i) => i.code.startsWith('input.'))
        .map((i) => [i.code, i.position?.line]),
    ).toEqual([['input.invalid-utf8', 2]]);
    expect(ndjson.recordCount).toBe(2);
    expect(files.find((f) => f.file.endsWith('.json'))!.issues.map((i) => i.code)).toEqual([
      'input.invalid-utf8',
    ]);
  });

  it('prints the usage for `mdss validate --help`', () => {
    const r = run(['validate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: mdss');
  });
});
