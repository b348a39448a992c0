/**
 * `--tx-server`: codes the offline engine cannot check (SNOMED CT) go to a FHIR terminology server's
 * ValueSet/$validate-code; a real HTTP endpoint on 127.0.0.1 answers from a fixed table.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveWithTerminologyServer } from '../../src/check/resolve-with-terminology-server.js';
import { createRemoteTerminology } from '../../src/fhir/terminology/remote-terminology.js';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { baseValidator } from '../support/shared-validator.js';

const members = new Set(['http://snomed.info/sct|22298006']);
let server: Server;
let base = '';
let calls = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls++;
      const params = JSON.parse(body) as {
        parameter: {
          name: string;
          valueUri?: string;
          valueCode?: string;
          valueCoding?: { system?: string; code?: string };
        }[];
      };
      const get = (n: string) => params.parameter.find((p) => p.name === n);
      const coding = get('coding')?.valueCoding;
      const system = coding?.system ?? get('system')?.valueUri ?? '';
      const code = coding?.code ?? get('code')?.valueCode ?? '';
      const result = members.has(`${system}|${code}`);
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(
        JSON.stringify({
          resourceType: 'Parameters',
          parameter: [
            { name: 'result', valueBoolean: result },
            ...(result ? [] : [{ name: 'message', valueString: 'not in the value set' }]),
          ],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/fhir`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** An Observation whose body site is one SNOMED CT code. */
const condition = (code: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'x' },
  bodySite: { coding: [{ system: 'http://snomed.info/sct', code }] },
});

describe('terminology server pass', () => {
  it('turns not-checked into a pass or a binding error, as the server answers', async () => {
    const v = baseValidator();
    const r = v.validate(condition('22298006'));
    const notChecked = r.issues.filter((i) => i.code === 'binding.not-checked');
    // the R4 bodySite binding is example strength, so the offline engine checks nothing here:
    expect(notChecked).toEqual([]);
    const synthetic = {
      ...r,
      issues: [
        {
          code: 'binding.not-checked',
          severity: 'information' as const,
          message: '',
          expression: 'Observation.code',
          pointer: '/code',
          params: {
            valueSet: 'http://example.org/vs',
            system: 'http://snomed.info/sct',
            code: '22298006',
            reason: 'system-not-available',
            strength: 'required',
          },
        },
        {
          code: 'binding.not-checked',
          severity: 'information' as const,
          message: '',
          expression: 'Observation.method',
          pointer: '/method',
          params: {
            valueSet: 'http://example.org/vs',
            system: 'http://snomed.info/sct',
            code: '999999006',
            reason: 'system-not-available',
            strength: 'required',
          },
        },
      ],
    };
    const resolved = await resolveWithTerminologyServer(
      synthetic,
      createRemoteTerminology({ baseUrl: base }),
    );
    expect(resolved.issues.map((i) => [i.code, i.severity, i.expression])).toEqual([
      ['binding.not-in-value-set', 'error', 'Observation.method'],
    ]);
    expect(resolved.valid).toBe(false);
  });

  it('mdss validate --tx-server: a required binding to a SNOMED CT value set is checked remotely', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdss-tx-'));
    const vs = {
      resourceType: 'ValueSet',
      url: 'http://example.org/fhir/ValueSet/body-sites',
      name: 'BodySites',
      status: 'draft',
      compose: {
        include: [
          {
            system: 'http://snomed.info/sct',
            filter: [{ property: 'concept', op: 'is-a', value: '123037004' }],
          },
        ],
      },
    };
    const profile = {
      resourceType: 'StructureDefinition',
      url: 'http://example.org/fhir/StructureDefinition/obs-site',
      name: 'ObsSite',
      status: 'draft',
      kind: 'resource',
      abstract: false,
      type: 'Observation',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Observation',
      derivation: 'constraint',
      differential: {
        element: [
          { id: 'Observation', path: 'Observation' },
          {
            id: 'Observation.bodySite',
            path: 'Observation.bodySite',
            min: 1,
            binding: { strength: 'required', valueSet: vs.url },
          },
        ],
      },
    };
    writeFileSync(join(dir, 'vs.json'), JSON.stringify(vs));
    writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile));
    writeFileSync(join(dir, 'good.json'), JSON.stringify(condition('22298006')));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(condition('999999006')));
    const out: string[] = [];
    const io: CliIo = {
      cwd: dir,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdout: (t) => void out.push(t),
      stderr: () => undefined,
      now: () => new Date('2026-11-23T00:00:00Z'),
    };
    const args = (file: string) => [
      'validate',
      file,
      '--framework',
      'none',
      '--supporting',
      'vs.json',
      '--profile',
      'profile.json',
      '--format',
      'json',
    ];
    // offline: the SNOMED code cannot be checked, so neither file fails on it
    expect(await main(args('bad.json'), io)).toBe(0);
    const before = calls;
    expect(await main([...args('good.json'), '--tx-server', base], io)).toBe(0);
    out.length = 0;
    expect(await main([...args('bad.json'), '--tx-server', base], io)).toBe(1);
    expect(calls - before).toBe(2);
    const json = JSON.parse(out.join('')) as {
      files: { issues: { code: string; expression: string }[] }[];
    };
    expect(json.files[0]!.issues.map((i) => [i.code, i.expression])).toContainEqual([
      'binding.not-in-value-set',
      'Observation.bodySite',
    ]);
    expect(await main(['validate', 'good.json', '--tx-server', 'ftp://x'], io)).toBe(2);
  });
});
