/**
 * Slice membership by value-set discriminators (issue 15): slices of `Observation.code.coding`
 * told apart only by bindings to SNOMED CT value sets that cannot be expanded offline. Without a
 * terminology server the item's slice is "could not be checked" (a warning, not an error); with
 * one (a stub HTTP server on 127.0.0.1 answering ValueSet/$validate-code per value set) the item is
 * matched to the slice whose value set holds its code and checked against that slice.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/cli-io.js';

const vsUrl = (name: string) => `https://mdss.example.org/fhir/ValueSet/${name}`;
/** value set | system | code that the stub server says are members. */
const members = new Set([
  `${vsUrl('procedures')}|http://snomed.info/sct|71388002`,
  `${vsUrl('findings')}|http://snomed.info/sct|404684003`,
]);
let server: Server;
let base = '';
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = JSON.parse(body) as {
        parameter: {
          name: string;
          valueUri?: string;
          valueCoding?: { system?: string; code?: string };
        }[];
      };
      const get = (n: string) => params.parameter.find((p) => p.name === n);
      const coding = get('coding')?.valueCoding;
      const key = `${get('url')?.valueUri ?? ''}|${coding?.system ?? ''}|${coding?.code ?? ''}`;
      asked.push(key);
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(
        JSON.stringify({
          resourceType: 'Parameters',
          parameter: [{ name: 'result', valueBoolean: members.has(key) }],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/fhir`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const snomedValueSet = (name: string, parent: string) => ({
  resourceType: 'ValueSet',
  url: vsUrl(name),
  name,
  status: 'draft',
  compose: {
    include: [
      {
        system: 'http://snomed.info/sct',
        filter: [{ property: 'concept', op: 'is-a', value: parent }],
      },
    ],
  },
});

/** Observation.code.coding sliced by binding: `procedure` codings must carry a display. */
const profile = {
  resourceType: 'StructureDefinition',
  url: 'https://mdss.example.org/fhir/StructureDefinition/obs-sliced-by-vs',
  name: 'ObsSlicedByValueSet',
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
        id: 'Observation.code.coding',
        path: 'Observation.code.coding',
        slicing: { discriminator: [{ type: 'value', path: '$this' }], rules: 'open' },
      },
      {
        id: 'Observation.code.coding:procedure',
        path: 'Observation.code.coding',
        sliceName: 'procedure',
        min: 0,
        max: '1',
        binding: { strength: 'required', valueSet: vsUrl('procedures') },
      },
      {
        id: 'Observation.code.coding:procedure.display',
        path: 'Observation.code.coding.display',
        min: 1,
      },
      {
        id: 'Observation.code.coding:finding',
        path: 'Observation.code.coding',
        sliceName: 'finding',
        min: 0,
        max: '1',
        binding: { strength: 'required', valueSet: vsUrl('findings') },
      },
    ],
  },
};

const observation = (code: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://snomed.info/sct', code }] },
});

describe('slice membership by value-set discriminators', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mdss-tx-slices-'));
  writeFileSync(join(dir, 'vs1.json'), JSON.stringify(snomedValueSet('procedures', '71388002')));
  writeFileSync(join(dir, 'vs2.json'), JSON.stringify(snomedValueSet('findings', '404684003')));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile));
  writeFileSync(join(dir, 'procedure.json'), JSON.stringify(observation('71388002')));
  writeFileSync(join(dir, 'finding.json'), JSON.stringify(observation('404684003')));
  writeFileSync(join(dir, 'neither.json'), JSON.stringify(observation('1234567009')));
  const out: string[] = [];
  const io: CliIo = {
    cwd: dir,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout: (t) => void out.push(t),
    stderr: () => undefined,
    now: () => new Date('2026-12-06T00:00:00Z'),
  };
  const run = async (file: string, tx: boolean) => {
    out.length = 0;
    const status = await main(
      [
        'validate',
        file,
        '--framework',
        'none',
        '--supporting',
        'vs1.json',
        '--supporting',
        'vs2.json',
        '--profile',
        'profile.json',
        '--format',
        'json',
        ...(tx ? ['--tx-server', base] : []),
      ],
      io,
    );
    const json = JSON.parse(out.join('')) as {
      files: { issues: { code: string; severity: string; expression: string }[] }[];
    };
    const issues = json.files[0]!.issues.filter((i) => i.severity !== 'information').map(
      (i) => `${i.severity} ${i.code} @ ${i.expression}`,
    );
    return { status, issues };
  };

  it('offline: the slice cannot be decided, which is a warning at the coding, not an error', async () => {
    for (const file of ['procedure.json', 'finding.json', 'neither.json'])
      expect(await run(file, false)).toEqual({
        status: 0,
        issues: ['warning slice.membership-not-checked @ Observation.code.coding[0]'],
      });
  });

  it('with a terminology server: the item is checked against the slice whose value set holds it', async () => {
    asked.length = 0;
    // a procedure coding belongs to `procedure`, whose display is required
    expect(await run('procedure.json', true)).toEqual({
      status: 1,
      issues: ['error cardinality.too-few @ Observation.code.coding[0]'],
    });
    expect(asked).toContain(`${vsUrl('procedures')}|http://snomed.info/sct|71388002`);
    // a finding coding belongs to `finding`, which requires nothing more
    expect(await run('finding.json', true)).toEqual({ status: 0, issues: [] });
    // in neither value set: no slice (the slicing is open), no warning
    expect(await run('neither.json', true)).toEqual({ status: 0, issues: [] });
  });
});
