/**
 * The Node server over a real socket (undici, 127.0.0.1, port 0): the same answers as
 * `app.request()`, limits on the wire (413 by Content-Length and on a chunked stream, the server
 * staying up), tenancy, graceful shutdown with a request in flight, and SIGTERM on the entry script.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/server/auth/sha256-hex.js';
import type { LogEntry } from '../../src/server/log-entry.js';
import { startServer, type RunningServer } from '../../src/server/node.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { baseValidator, codesOf, lineCol, validPatient } from './helpers.js';

const validator = baseValidator();
const fhir = { 'content-type': 'application/fhir+json' };

describe('startServer', () => {
  let running: RunningServer;
  const logs: LogEntry[] = [];
  beforeAll(async () => {
    running = await startServer({
      port: 0,
      host: '127.0.0.1',
      validator,
      store: false,
      limits: { maxBodyBytes: 32 * 1024 },
      log: (e) => logs.push(e),
    });
  });
  afterAll(() => running.close());

  it('listens on a free port and answers $validate like app.request()', async () => {
    expect(running.port).toBeGreaterThan(0);
    const body = JSON.stringify({ resourceType: 'Patient', birthDate: '1970-13-01' });
    const res = await request(`${running.url}/fhir/$validate`, {
      method: 'POST',
      headers: fhir,
      body,
    });
    expect(res.statusCode).toBe(200);
    const onWire = await res.body.json();
    const direct = await (
      await running.app.request('/fhir/$validate', { method: 'POST', headers: fhir, body })
    ).json();
    expect(onWire).toEqual(direct);
    expect(codesOf(onWire as { issue: [] })).toContain('primitive.invalid-format');
  });

  it('malformed JSON: 400 with line/column over the wire', async () => {
    const res = await request(`${running.url}/fhir/$validate`, {
      method: 'POST',
      headers: fhir,
      body: '{\n"resourceType": "Patient",\n,}',
    });
    expect(res.statusCode).toBe(400);
    const outcome = (await res.body.json()) as { issue: Parameters<typeof lineCol>[0][] };
    expect(codesOf(outcome)).toEqual(['input.invalid-json']);
    expect(lineCol(outcome.issue[0]!).line).toBe(3);
  });

  it('413 for a declared Content-Length over the limit, and the server keeps serving', async () => {
    const res = await request(`${running.url}/fhir/$validate`, {
      method: 'POST',
      headers: fhir,
      body: 'x'.repeat(64 * 1024),
    });
    expect(res.statusCode).toBe(413);
    expect(codesOf((await res.body.json()) as { issue: [] })).toEqual(['input.too-large']);
    const after = await request(`${running.url}/health`);
    expect(after.statusCode).toBe(200);
    await after.body.dump();
  });

  it('413 for a chunked body that grows past the limit (stream stops being read)', async () => {
    let sent = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        sent += 4096;
        yield new Uint8Array(4096).fill(0x20);
        if (sent > 64 * 1024 * 1024) return; // a safety stop far beyond the limit; the test expects far less
      }
    }
    const res = await request(`${running.url}/fhir/$validate`, {
      method: 'POST',
      headers: fhir,
      body: Readable.from(endless()),
    }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    if (res instanceof Error) {
      // The server may close the socket while the client is still sending; the response must still have been 413.
      expect(logs.some((l) => l.status === 413)).toBe(true);
    } else {
      expect(res.statusCode).toBe(413);
      await res.body.dump();
    }
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    const after = await request(`${running.url}/health`);
    expect(after.statusCode).toBe(200);
    await after.body.dump();
  });

  it('logs JSON entries with request ids and no payload values', async () => {
    const body = JSON.stringify({ ...validPatient, name: [{ family: 'Quixotic-Synthetic' }] });
    const res = await request(`${running.url}/fhir/$validate`, {
      method: 'POST',
      headers: { ...fhir, 'x-request-id': 'wire-1' },
      body,
    });
    await res.body.dump();
    expect(res.headers['x-request-id']).toBe('wire-1');
    const entry = logs.find((l) => l.requestId === 'wire-1');
    expect(entry).toMatchObject({ event: 'request', status: 200, route: '/fhir/$validate' });
    expect(JSON.stringify(logs)).not.toContain('Quixotic');
  });
});

describe('tenancy over the wire', () => {
  let running: RunningServer;
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    await store.upsertPartner({ id: 'alpha', name: 'Alpha (synthetic)', kind: 'gp-practice' });
    await store.upsertPartner({ id: 'beta', name: 'Beta (synthetic)', kind: 'acute-trust' });
    running = await startServer({
      port: 0,
      validator,
      storeInstance: store,
      apiKeys: `partner:alpha:${await sha256Hex('alpha-secret')},partner:beta:${await sha256Hex('beta-secret')},lead::${await sha256Hex('lead-secret')}`,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await running.close();
    await store.close();
  });

  it("a partner submits for itself and cannot read the other partner's report; the lead can", async () => {
    const body = JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:2b7f1c84-1111-4a3e-9d0a-000000000001', resource: validPatient }],
    });
    const submit = await request(`${running.url}/v1/partners/alpha/submissions`, {
      method: 'POST',
      headers: { ...fhir, authorization: 'Bearer alpha-secret' },
      body,
    });
    expect(submit.statusCode).toBe(201);
    await submit.body.dump();
    const denied = await request(`${running.url}/v1/partners/alpha/report`, {
      headers: { authorization: 'Bearer beta-secret' },
    });
    expect(denied.statusCode).toBe(403);
    await denied.body.dump();
    const lead = await request(`${running.url}/v1/partners/alpha/report`, {
      headers: { authorization: 'Bearer lead-secret' },
    });
    expect(lead.statusCode).toBe(200);
    expect(((await lead.body.json()) as { partner: { id: string } }).partner.id).toBe('alpha');
    const html = await request(`${running.url}/v1/partners/alpha/report?format=html`, {
      headers: { authorization: 'Bearer lead-secret' },
    });
    expect(html.headers['content-type']).toContain('text/html');
    expect(await html.body.text()).toContain('.nhsuk-table');
    const anonymous = await request(`${running.url}/v1/partners/alpha/report`);
    expect(anonymous.statusCode).toBe(401);
    await anonymous.body.dump();
  });
});

describe('graceful shutdown', () => {
  it('close() lets a request in flight finish, then refuses new connections', async () => {
    const running = await startServer({ port: 0, validator, store: false, log: () => undefined });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* slowBody(): AsyncGenerator<string> {
      yield '{"resourceType":';
      await gate;
      yield '"Patient"}';
    }
    const inFlight = request(`${running.url}/fhir/$validate`, {
      method: 'POST',
      headers: fhir,
      body: Readable.from(slowBody()),
    });
    // Wait until the server has the connection (the first chunk is being read).
    while (
      running.server.listening &&
      (await new Promise<number>((r) => running.server.getConnections((_e, n) => r(n)))) === 0
    )
      await new Promise((r) => setImmediate(r));
    const closed = running.close();
    release();
    const res = await inFlight;
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    await closed;
    await expect(request(`${running.url}/health`)).rejects.toThrow();
  });

  it('the entry script stops on SIGTERM with exit code 0 after logging shutdown', async () => {
    const script = join(import.meta.dirname, '..', '..', 'src', 'server', 'node.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, '--port', '0', '--no-store'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    const listening = new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        const line = out.split('\n').find((l) => l.includes('"event":"listening"'));
        if (line) resolve((JSON.parse(line) as { port: number }).port);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const port = await listening;
    const res = await request(`http://127.0.0.1:${port}/health`);
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(out).toContain('"event":"shutdown"');
  });
});

describe('packages', () => {
  it('reads FHIR XML conformance resources inside a --package .tgz', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { gzipSync } = await import('node:zlib');
    const { packTar } = await import('modern-tar');
    const dir = mkdtempSync(join(tmpdir(), 'mdss-server-xml-pkg-'));
    const url = 'https://example.org/fhir/StructureDefinition/XmlPatient';
    const xml = `<StructureDefinition xmlns="http://hl7.org/fhir"><url value="${url}"/><name value="XmlPatient"/><status value="draft"/><kind value="resource"/><abstract value="false"/><type value="Patient"/><baseDefinition value="http://hl7.org/fhir/StructureDefinition/Patient"/><derivation value="constraint"/><differential><element id="Patient.maritalStatus"><path value="Patient.maritalStatus"/><min value="1"/></element></differential></StructureDefinition>`;
    const file = (name: string, body: string) => ({
      header: { name, size: new TextEncoder().encode(body).byteLength, type: 'file' as const },
      body,
    });
    const tgz = join(dir, 'partner.tgz');
    writeFileSync(
      tgz,
      gzipSync(
        await packTar([
          file('package/package.json', JSON.stringify({ name: 'partner.xml', version: '1.0.0' })),
          file('package/StructureDefinition-XmlPatient.xml', xml),
        ]),
      ),
    );
    const running = await startServer({
      port: 0,
      store: false,
      packages: [tgz],
      log: () => undefined,
    });
    try {
      const res = await request(
        `${running.url}/fhir/$validate?profile=${encodeURIComponent(url)}`,
        { method: 'POST', headers: fhir, body: JSON.stringify(validPatient) },
      );
      expect(res.statusCode).toBe(200);
      const outcome = (await res.body.json()) as Parameters<typeof codesOf>[0];
      expect(codesOf(outcome)).toContain('cardinality.too-few');
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads extra conformance resources given with --package, and reports them in /health', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { baseRegistry } = await import('./helpers.js');
    const dir = mkdtempSync(join(tmpdir(), 'mdss-server-pkg-'));
    const url = 'https://example.org/fhir/StructureDefinition/PartnerPatient';
    const sd = {
      ...baseRegistry().structureDefinition('Patient')!,
      url,
      name: 'PartnerPatient',
      derivation: 'constraint',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    };
    writeFileSync(join(dir, 'partner-patient.json'), JSON.stringify(sd));
    const running = await startServer({
      port: 0,
      store: false,
      packages: [join(dir, 'partner-patient.json')],
      log: () => undefined,
    });
    try {
      const known = await request(
        `${running.url}/fhir/$validate?profile=${encodeURIComponent(url)}`,
        { method: 'POST', headers: fhir, body: JSON.stringify(validPatient) },
      );
      expect(known.statusCode).toBe(200);
      await known.body.dump();
      const unknown = await request(
        `${running.url}/fhir/$validate?profile=${encodeURIComponent(`${url}-nope`)}`,
        { method: 'POST', headers: fhir, body: JSON.stringify(validPatient) },
      );
      expect(unknown.statusCode).toBe(422);
      await unknown.body.dump();
      const health = await request(`${running.url}/health`);
      expect(((await health.body.json()) as { packages: string[] }).packages).toEqual([
        join(dir, 'partner-patient.json'),
      ]);
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
