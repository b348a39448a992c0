/**
 * Runs the Worker bundle (dist/worker/worker.js, from `npm run build:worker`) in workerd and checks
 * that `$validate` answers exactly what the Node app answers through `app.request()`, status and
 * OperationOutcome, for a set of payloads. Skipped, with a message, when the bundle or the workerd
 * binary is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitUntilUp } from './workerd-process.js';
import { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { createChecker } from '../../src/check/create-checker.js';
import { loadPack } from '../../src/pack/load-pack.js';
import { createApp } from '../../src/server/app.js';
import { sha256Hex } from '../../src/server/auth/sha256-hex.js';
import { readFileSync } from 'node:fs';

const root = resolve(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'worker', 'worker.js');
const packModules = ['r4-core.pack', 'framework.pack'];
const pack = join(root, 'dist', 'pack', 'r4-core.json');
const frameworkPack = join(root, 'dist', 'pack', 'framework.json');
const workerd = join(root, 'node_modules', '.bin', 'workerd');
const missing = [
  bundle,
  ...packModules.map((m) => join(root, 'dist', 'worker', m)),
  pack,
  frameworkPack,
  workerd,
].filter((f) => !existsSync(f));
if (missing.length)
  console.warn(
    `test/edge/workerd.test.ts skipped: missing ${missing.join(', ')} (run npm run build:pack && npm run build:worker)`,
  );

const payloads: Record<string, { path: string; body: string; type?: string; codes?: string[] }> = {
  'valid Patient': {
    path: '/fhir/$validate',
    body: JSON.stringify({
      resourceType: 'Patient',
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
      gender: 'female',
      birthDate: '1970-01-01',
    }),
  },
  'invalid Patient': {
    path: '/fhir/Patient/$validate',
    body: '{\n "resourceType": "Patient",\n "birthDate": "1970-13-01",\n "gender": "nope",\n "foo": 1\n}',
    codes: ['primitive.invalid-format', 'binding.not-in-value-set', 'structure.unknown-property'],
  },
  'malformed JSON': {
    path: '/fhir/$validate',
    body: '{"resourceType": "Patient", "gender": }',
    codes: ['input.invalid-json'],
  },
  'a Bundle': {
    path: '/fhir/$validate',
    body: JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:8f0c8f4e-8d3f-4c1e-9a4e-000000000001',
          resource: { resourceType: 'Patient', gender: 'male' },
        },
        {
          fullUrl: 'urn:uuid:8f0c8f4e-8d3f-4c1e-9a4e-000000000002',
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:8f0c8f4e-8d3f-4c1e-9a4e-000000000001' },
            valueQuantity: { value: 'high' },
          },
        },
      ],
    }),
  },
  'Parameters with a profile': {
    path: '/fhir/$validate',
    body: JSON.stringify({
      resourceType: 'Parameters',
      parameter: [
        { name: 'resource', resource: { resourceType: 'Patient', active: 'yes' } },
        { name: 'profile', valueUri: 'http://hl7.org/fhir/StructureDefinition/Patient' },
      ],
    }),
  },
  'Patient against the framework profile': {
    path: '/fhir/Patient/$validate?profile=https://mdss.example.org/fhir/StructureDefinition/mdss-patient',
    body: JSON.stringify({ resourceType: 'Patient', gender: 'female' }),
    codes: ['cardinality.too-few'],
  },
  'too deep': {
    path: '/fhir/$validate',
    body: `{"resourceType":"Patient","extension":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  },
  'wrong content type': { path: '/fhir/$validate', body: '{}', type: 'text/csv' },
  'FHIR XML (issue 20)': {
    path: '/fhir/$validate?_format=json',
    type: 'application/fhir+xml',
    body: '<Patient xmlns="http://hl7.org/fhir">\n  <gender value="male"/>\n  <birthDate value="1970-13-45"/>\n  <name><family value="X"/></name>\n</Patient>',
    codes: ['primitive.invalid-format', 'xml.element-order'],
  },
};

/**
 * The OperationOutcome without the text of `invariant.evaluation-error` issues: that text quotes
 * fhirpath.js's own error, which names its (minified, in the bundle) internal classes.
 */
function withoutLibraryErrorText(outcome: unknown): unknown {
  const o = outcome as { issue?: { details?: { coding?: { code?: string }[]; text?: string } }[] };
  return {
    ...o,
    issue: (o.issue ?? []).map((i) =>
      i.details?.coding?.some((c) => c.code === 'invariant.evaluation-error')
        ? { ...i, details: { ...i.details, text: '' } }
        : i,
    ),
  };
}

describe.skipIf(missing.length > 0)('Worker bundle in workerd', () => {
  let child: ChildProcess;
  let url: string;
  let keyedUrl: string;
  let dir: string;
  const registry = new CanonicalRegistry();
  if (!missing.length)
    for (const p of [pack, frameworkPack]) loadPack(readFileSync(p, 'utf8'), registry);
  const app = createApp({ checker: createChecker({ registry }) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-workerd-'));
    copyFileSync(bundle, join(dir, 'worker.js'));
    for (const m of packModules) copyFileSync(join(root, 'dist', 'worker', m), join(dir, m));
    const modules = [
      '(name = "worker.js", esModule = embed "worker.js")',
      ...packModules.map((m) => `(name = "${m}", text = embed "${m}")`),
    ].join(', ');
    const port = await freePort();
    const keyedPort = await freePort();
    const leadHash = await sha256Hex('edge-lead-key');
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .mainWorker), (name = "keyed", worker = .keyedWorker) ],
  sockets = [
    ( name = "http", address = "127.0.0.1:${port}", http = (), service = "main" ),
    ( name = "keyed", address = "127.0.0.1:${keyedPort}", http = (), service = "keyed" ),
  ]
);
const mainWorker :Workerd.Worker = (
  modules = [ ${modules} ],
  compatibilityDate = "2024-09-23",
);
const keyedWorker :Workerd.Worker = (
  modules = [ ${modules} ],
  compatibilityDate = "2024-09-23",
  bindings = [ (name = "MDSS_API_KEYS", text = "lead::${leadHash}"), (name = "MDSS_MAX_BODY_BYTES", text = "1024") ],
);
`,
    );
    child = spawn(workerd, ['serve', join(dir, 'config.capnp')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    url = `http://127.0.0.1:${port}`;
    keyedUrl = `http://127.0.0.1:${keyedPort}`;
    await waitUntilUp(url, child);
    await waitUntilUp(keyedUrl, child);
  });

  afterAll(() => {
    child?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, p] of Object.entries(payloads)) {
    it(`answers the same status and OperationOutcome as Node for: ${name}`, async () => {
      const headers = {
        'content-type': p.type ?? 'application/fhir+json',
        'x-request-id': 'edge-test',
      };
      const edge = await request(`${url}${p.path}`, { method: 'POST', headers, body: p.body });
      const edgeBody = (await edge.body.json()) as { resourceType: string };
      const node = await app!.request(p.path, { method: 'POST', headers, body: p.body });
      expect(edge.statusCode).toBe(node.status);
      expect(edgeBody.resourceType).toBe('OperationOutcome');
      expect(withoutLibraryErrorText(edgeBody)).toEqual(withoutLibraryErrorText(await node.json()));
      const codes = JSON.stringify(edgeBody);
      for (const code of p.codes ?? []) expect(codes).toContain(`"valueString":"${code}"`);
    });
  }

  it('honours the MDSS_API_KEYS and MDSS_MAX_BODY_BYTES bindings: 401 without a key, 413 over the limit', async () => {
    const body = JSON.stringify({ resourceType: 'Patient' });
    const anonymous = await request(`${keyedUrl}/fhir/$validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body,
    });
    expect(anonymous.statusCode).toBe(401);
    await anonymous.body.dump();
    const lead = await request(`${keyedUrl}/fhir/$validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', authorization: 'Bearer edge-lead-key' },
      body,
    });
    expect(lead.statusCode).toBe(200);
    await lead.body.dump();
    const big = await request(`${keyedUrl}/fhir/$validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', authorization: 'Bearer edge-lead-key' },
      body: ' '.repeat(2048) + body,
    });
    expect(big.statusCode).toBe(413);
    await big.body.dump();
  });

  it('answers /v1/validate for the CLD example like Node (issues, requirement ids, summary)', async () => {
    const csv = readFileSync(
      join(root, 'examples', 'northvale-council-asc', 'cld-2026-q2.csv'),
      'utf8',
    );
    const headers = { 'content-type': 'text/csv' };
    const edge = await request(`${url}/v1/validate?allowTestNumbers=true`, {
      method: 'POST',
      headers,
      body: csv,
    });
    const node = await app.request('/v1/validate?allowTestNumbers=true', {
      method: 'POST',
      headers,
      body: csv,
    });
    expect(edge.statusCode).toBe(200);
    type Report = { summary: { durationMs?: number }; requirements: string[] };
    const strip = (r: Report): Report => ({ ...r, summary: { ...r.summary, durationMs: 0 } });
    const edgeReport = strip((await edge.body.json()) as Report);
    expect(edgeReport).toEqual(strip((await node.json()) as Report));
    expect(edgeReport.requirements).toContain('MDS-02');
  });

  it('serves the generated OpenAPI document and metadata at the edge', async () => {
    const r = await request(`${url}/openapi.json`);
    const doc = (await r.body.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/fhir/$validate');
    expect(Object.keys(doc.paths)).not.toContain('/v1/partners/{partnerId}/submissions');
  });
});
