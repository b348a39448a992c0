/**
 * A pull is recorded in the store as a submission of kind `pull`, the partner report built from the
 * store shows capability and data gaps with requirement ids, and nothing of the sampled resources'
 * values reaches the database (a scan of every table and of the raw SQLite files).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { builtinCatalogue } from '../../src/framework/builtin-catalogue.js';
import { pullPartner } from '../../src/federation/pull-partner.js';
import { createRateLimiter } from '../../src/federation/rate-limiter.js';
import { loadScorecard } from '../../src/reports/conformance/load-reports.js';
import { renderScorecardMarkdown } from '../../src/reports/conformance/index.js';
import { openStore } from '../../src/store/index.js';
import { startFhirTestServer, type FhirTestServer } from './fhir-test-server.js';
import {
  exampleResources,
  frameworkSetup,
  fullCapability,
  recordingClock,
} from './pull-fixtures.js';

/** Values from the resources that would identify a person or quote free text. */
function sensitiveValues(resources: readonly Resource[]): string[] {
  const out = new Set<string>();
  const keys = new Set([
    'value',
    'family',
    'given',
    'birthDate',
    'postalCode',
    'line',
    'text',
    'div',
    'display',
  ]);
  const walk = (node: unknown, key: string): void => {
    if (Array.isArray(node)) for (const n of node) walk(n, key);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, k);
    else if (typeof node === 'string' && keys.has(key) && node.length >= 4) out.add(node);
  };
  for (const r of resources)
    if (r.resourceType === 'Patient' || r.resourceType === 'RelatedPerson') walk(r, '');
  return [...out];
}

describe('recording a pull', () => {
  let dir: string;
  let server: FhirTestServer;
  const resources = exampleResources('northvale-acute-trust/acute-feed.json');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-pull-'));
    const { profiles } = frameworkSetup();
    const cs = fullCapability(profiles) as { rest: { resource: { type: string }[] }[] };
    cs.rest[0]!.resource = cs.rest[0]!.resource.filter((r) => r.type !== 'Flag');
    server = await startFhirTestServer({ capabilityStatement: cs, resources });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a pull submission whose report shows capability and data gaps, and stores no values', async () => {
    const { checker, profiles } = frameworkSetup();
    const sqlitePath = join(dir, 'mdss.sqlite');
    const store = await openStore({ sqlitePath });
    const clock = recordingClock();
    const now = new Date('2026-11-10T12:00:00Z');
    let id: string | undefined;
    try {
      await store.upsertPartner({
        id: 'northvale-acute-trust',
        name: 'Northvale Hospitals NHS Trust (synthetic)',
        kind: 'acute-trust',
        fhirEndpoint: { url: server.baseUrl, auth: 'none' },
      });
      const out = await pullPartner({
        partnerId: 'northvale-acute-trust',
        endpoint: { baseUrl: server.baseUrl, auth: 'none', timeoutMs: 5_000 },
        checker,
        profilesByType: profiles,
        clock,
        limiter: createRateLimiter(0, clock),
        now: () => now,
        store,
      });
      id = out.submissionId;
      expect(id).toBeDefined();
      const stored = await store.getSubmission(id!);
      expect(stored).toMatchObject({
        kind: 'pull',
        feed: 'fhir',
        partnerId: 'northvale-acute-trust',
        recordCount: resources.length,
      });
      expect(stored?.requirements.find((r) => r.requirementId === 'MDS-20')).toMatchObject({
        failed: 1,
      });
      expect(stored?.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'capability.resource-missing',
            requirements: ['MDS-20'],
          }),
          expect.objectContaining({
            code: 'england.postcode-format',
            requirements: expect.arrayContaining(['MDS-10']),
          }),
        ]),
      );
      const card = await loadScorecard(
        store,
        builtinCatalogue,
        'northvale-acute-trust',
        { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' },
        now,
      );
      const markdown = renderScorecardMarkdown(card!);
      expect(markdown).toContain('MDS-20');
      expect(markdown).toContain('capability.resource-missing');
      expect(markdown).toContain('england.postcode-format');
    } finally {
      await store.close();
    }

    const values = sensitiveValues(resources);
    expect(values.length).toBeGreaterThan(3);
    const db = new Database(sqlitePath, { readonly: true });
    let dump = '';
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      for (const { name } of tables)
        dump += JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all());
    } finally {
      db.close();
    }
    expect(dump).toContain(id!);
    const raw = ['', '-wal']
      .map((s) => sqlitePath + s)
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    for (const v of values) {
      expect(dump.includes(v), `stored value from a sampled resource: ${v.length} characters`).toBe(
        false,
      );
      expect(raw.includes(v), `value in the raw database file: ${v.length} characters`).toBe(false);
    }
  });
});
