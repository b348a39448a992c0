/**
 * The equivalence table: every payload (test/equivalence/payloads.ts) through every door
 * (test/equivalence/doors.ts) gives the same issues (code, severity, expression, JSON pointer,
 * requirement ids: the fields both answers carry) and the same validity as the library's
 * `checkBytes`. A file outside src/check that calls the pipeline must be named by a door.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checker } from '../../src/check/create-checker.js';
import { createNodeChecker } from '../../src/node/create-node-checker.js';
import { startServer, type RunningServer } from '../../src/server/node.js';
import { comparable } from './compare.js';
import {
  doors,
  recordedSubmission,
  remoteDoors,
  type Answer,
  type DoorEnv,
  type RecordedSubmission,
} from './doors.js';
import { equivalencePayloads } from './payloads.js';

const root = join(import.meta.dirname, '..', '..');

/** What a recorded submission says of the payload: everything but who, when and how long. */
function aggregates(s: RecordedSubmission): Record<string, unknown> {
  const { partnerId: _p, receivedAt: _r, durationMs: _d, ...rest } = s;
  return rest;
}
const payloads = equivalencePayloads();
const [reference, ...others] = doors;

describe('one pipeline: every door gives the same answer', () => {
  let dir: string;
  let server: RunningServer;
  let pooled: RunningServer;
  let env: DoorEnv;
  let checker: Checker;
  let expected: Map<string, Answer>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-equivalence-'));
    for (const p of payloads) writeFileSync(join(dir, p.name), p.bytes);
    checker = createNodeChecker();
    server = await startServer({
      port: 0,
      sqlitePath: join(dir, 'store.sqlite'),
      threads: 0,
      log: () => undefined,
    });
    pooled = await startServer({ port: 0, store: false, threads: 2, log: () => undefined });
    env = { dir, checker, url: server.url, poolUrl: pooled.url };
    expected = await reference!.run(payloads, env);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await pooled?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has payloads of every kind: each example feed, the hostile inputs, a large NDJSON and a large CSV', () => {
    const examples = readdirSync(join(root, 'examples')).filter((d) =>
      statSync(join(root, 'examples', d)).isDirectory(),
    );
    for (const d of examples) expect(payloads.some((p) => p.name.startsWith(`${d}--`))).toBe(true);
    expect(payloads.filter((p) => p.name.startsWith('hostile--')).length).toBeGreaterThanOrEqual(6);
    expect(
      payloads.find((p) => p.name === 'generated--large.ndjson')!.bytes.length,
    ).toBeGreaterThan(256 * 1024);
    expect(payloads.find((p) => p.name === 'generated--large.csv')!.bytes.length).toBeGreaterThan(
      256 * 1024,
    );
  });

  it('the reference answers are not trivial: the flawed examples are invalid with framework issues, the valid ones valid', () => {
    const gp = expected.get('riverside-gp-practice--gp-feed.json')!;
    expect(gp.valid).toBe(false);
    expect(
      gp.issues.some(
        (i) =>
          i.code === 'england.nhs-number-check-digit' || i.code === 'england.nhs-number-missing',
      ),
    ).toBe(true);
    expect(gp.issues.some((i) => (i.requirements ?? '') !== '')).toBe(true);
    for (const p of payloads.filter(
      (x) => /-valid\.(json|csv)$/.test(x.name) && x.options.framework === undefined,
    ))
      expect(expected.get(p.name)?.valid, p.name).toBe(true);
    expect(expected.get('generated--large.ndjson')!.issues.length).toBeGreaterThan(300);
    expect(expected.get('generated--large.csv')!.issues.length).toBeGreaterThan(50);
    const none = payloads.find((p) => p.options.framework === 'none')!;
    expect(expected.get(none.name)!.issues.every((i) => i.requirements === '')).toBe(true);
    // a local extension is an error unless its domain is allowed (extensionDomains on every door)
    const unknownExtension = (name: string) =>
      expected
        .get(name)!
        .issues.filter((i) => i.code === 'extension.unknown')
        .map((i) => `${i.severity} @ ${i.expression}`);
    expect(unknownExtension('local-extension--unknown.json')).toEqual([
      'error @ Patient.extension[0]',
    ]);
    expect(unknownExtension('local-extension--allowed.json')).toEqual([]);
  });

  for (const door of others) {
    it(`${door.name} answers as the library`, async () => {
      const accepted = payloads.filter((p) => door.accepts?.(p) ?? true);
      expect(accepted.length).toBeGreaterThan(0);
      const answers = await door.run(accepted, env);
      for (const p of accepted) {
        const got = answers.get(p.name);
        const want = expected.get(p.name)!;
        expect(got, `${door.name}: no answer for ${p.name}`).toBeDefined();
        expect(comparable(p.name, got!, want)).toEqual(comparable(p.name, want, got!));
      }
    }, 300_000);
  }

  it('a submission as a job records the same aggregates as the same submission answered synchronously', async () => {
    let compared = 0;
    for (const p of payloads) {
      const sync = await recordedSubmission(p, server.url, 'equivalence-sync', false);
      if (!sync) continue; // the synchronous route records nothing for it (no record, unreadable)
      const job = await recordedSubmission(p, server.url, 'equivalence-job', true);
      expect(aggregates(job!), p.name).toEqual(aggregates(sync));
      compared++;
    }
    expect(compared).toBeGreaterThan(payloads.length / 2);
  }, 300_000);

  it('every file outside src/check that calls the pipeline is a door of the table', () => {
    const covered = new Set([...doors, ...remoteDoors].flatMap((d) => d.sources));
    const callers: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
          const text = readFileSync(p, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '');
          if (
            /\b(createChecker|createNodeChecker|buildChecker)\(|\.(checkBytes|checkStream|checkText|checkResource)\(|checker\.check\(/.test(
              text,
            )
          )
            callers.push(relative(root, p).split('\\').join('/'));
        }
      }
    };
    walk(join(root, 'src'));
    const uncovered = callers.filter((f) => !f.startsWith('src/check/') && !covered.has(f));
    expect(uncovered).toEqual([]);
  });

  it('no door validates around the pipeline (no engine or feed call outside src/check, src/fhir and src/feeds)', () => {
    const bypass: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        const rel = relative(root, p).split('\\').join('/');
        if (statSync(p).isDirectory()) {
          if (!['src/check', 'src/fhir', 'src/feeds'].includes(rel)) walk(p);
        } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
          const text = readFileSync(p, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '');
          if (
            /\bvalidator\.validate\(|(?<!function )\b(validateFeed|validateFeedStream|applyFramework|resolveWithTerminologyServer)\(/.test(
              text,
            )
          )
            bypass.push(rel);
        }
      }
    };
    walk(join(root, 'src'));
    expect(bypass).toEqual([]);
  });
});
