/**
 * `mdss pull` against the local FHIR server: exit codes, text/JSON/markdown outputs, recording in a
 * SQLite store, endpoints from the registry. The command runs in-process through its `run` (Vite
 * cannot resolve the dispatcher's variable dynamic import under vitest); one test runs the real
 * `mdss` entry as a process to check the dispatcher's exit code for configuration errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { run } from '../../src/cli/pull-command.js';
import { ConfigError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { startFhirTestServer, type FhirTestServer } from './fhir-test-server.js';
import { exampleResources, frameworkSetup, fullCapability } from './pull-fixtures.js';

function io(
  cwd: string,
  env: Record<string, string> = {},
): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    now: () => new Date('2026-11-10T12:00:00Z'),
    out,
    err,
  };
}

describe('mdss pull', () => {
  let dir: string;
  let gaps: FhirTestServer;
  let clean: FhirTestServer;
  const acute = exampleResources('northvale-acute-trust/acute-feed.json');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-pull-cli-'));
    const { profiles } = frameworkSetup();
    const cs = fullCapability(profiles) as { rest: { resource: { type: string }[] }[] };
    cs.rest[0]!.resource = cs.rest[0]!.resource.filter((r) => r.type !== 'Flag');
    gaps = await startFhirTestServer({ capabilityStatement: cs, resources: acute });
    clean = await startFhirTestServer({
      capabilityStatement: fullCapability(profiles, ['Organization']),
      resources: exampleResources('riverside-gp-practice/gp-feed-valid.json').filter(
        (r) => r.resourceType === 'Organization',
      ),
      bearerToken: 'registry-token',
    });
  });

  afterAll(async () => {
    await gaps.close();
    await clean.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 and lists capability and data gaps with requirement ids, without values', async () => {
    const cli = io(dir);
    const code = await run(
      [
        'northvale-acute-trust',
        '--endpoint',
        gaps.baseUrl,
        '--db',
        'a.sqlite',
        '--allow-test-numbers',
        '--count',
        '5',
      ],
      cli,
    );
    const text = cli.out.join('');
    expect(cli.err.join('')).toBe('');
    expect(code).toBe(1);
    expect(text).toContain(
      'capability.resource-missing [MDS-20] CapabilityStatement.rest[0].resource',
    );
    expect(text).toMatch(/england\.postcode-format \[MDS-10\] Patient\.address\.postalCode ×1/);
    expect(text).toMatch(/recorded as submission \S+/);
    const patient = acute.find((r) => r.resourceType === 'Patient') as {
      address?: { postalCode?: string }[];
      birthDate?: string;
    };
    expect(text).not.toContain(patient.address?.[0]?.postalCode);
    expect(text).not.toContain(patient.birthDate);
    const store = await openStore({ sqlitePath: join(dir, 'a.sqlite') });
    try {
      const partner = await store.getPartner('northvale-acute-trust');
      expect(partner?.fhirEndpoint).toEqual({ url: gaps.baseUrl, auth: 'none' });
      const subs = await store.listSubmissions('northvale-acute-trust');
      expect(subs.map((s) => s.kind)).toEqual(['pull']);
    } finally {
      await store.close();
    }
  });

  it('writes JSON and the partner scorecard in markdown', async () => {
    const json = io(dir);
    expect(
      await run(
        [
          'acute',
          '--endpoint',
          gaps.baseUrl,
          '--no-record',
          '--format',
          'json',
          '--count',
          '2',
          '--allow-test-numbers',
        ],
        json,
      ),
    ).toBe(1);
    const report = JSON.parse(json.out.join('')) as {
      partnerId: string;
      summary: { kind: string };
      capabilityIssues: { code: string }[];
      submissionId?: string;
    };
    expect(report.partnerId).toBe('acute');
    expect(report.summary.kind).toBe('pull');
    expect(report.capabilityIssues.map((i) => i.code)).toContain('capability.resource-missing');
    expect(report.submissionId).toBeUndefined();
    const md = io(dir);
    expect(
      await run(
        [
          'acute',
          '--endpoint',
          gaps.baseUrl,
          '--no-record',
          '--format',
          'markdown',
          '--count',
          '2',
          '--allow-test-numbers',
        ],
        md,
      ),
    ).toBe(1);
    expect(md.out.join('')).toContain('MDS-20');
  });

  it('takes the endpoint and its secret reference from the registry, and exits 0 without gaps', async () => {
    const registry = join(dir, 'partners.json');
    writeFileSync(
      registry,
      JSON.stringify({
        partners: [
          {
            id: 'riverside-gp-practice',
            name: 'Riverside (synthetic)',
            kind: 'gp-practice',
            fhirEndpoint: {
              baseUrl: clean.baseUrl,
              auth: 'bearer',
              secretRef: 'RIVERSIDE_TOKEN',
              resourceTypes: ['Organization'],
            },
          },
        ],
      }),
    );
    const cli = io(dir, { RIVERSIDE_TOKEN: 'registry-token' });
    const code = await run(
      ['riverside-gp-practice', '--registry', 'partners.json', '--db', 'b.sqlite'],
      cli,
    );
    expect(cli.out.join('')).toContain('requirements:');
    expect(code).toBe(0);
    expect(cli.out.join('')).not.toContain('registry-token');
  });

  it('refuses a partner without a known endpoint as a configuration error', async () => {
    await expect(run(['nobody', '--no-record'], io(dir))).rejects.toThrow(ConfigError);
    await expect(run(['nobody', '--no-record'], io(dir))).rejects.toThrow(
      /no FHIR endpoint for partner 'nobody'/,
    );
  });

  it('exits 2 through the mdss entry when no endpoint is known', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(process.cwd(), 'test', 'support', 'run-cli.ts'),
        'pull',
        'nobody',
        '--no-record',
      ],
      { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).toContain('no FHIR endpoint');
    expect(child.status).toBe(2);
  });
});
