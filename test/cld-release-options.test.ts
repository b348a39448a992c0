/**
 * The CLD release reaches the feed engine from every door: CheckOptions (`cldRelease`), partner
 * policy (`cldRelease`, and the severity of `cld.release-1-value`), the HTTP query `?cldRelease=` and
 * the CLI flag `--cld-release`; the JSON results carry the data-quality view.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../src/check/create-checker.js';
import { builtinCatalogue } from '../src/framework/builtin-catalogue.js';
import { loadPolicy } from '../src/policy/load-policy.js';
import { createApp } from '../src/server/app.js';
import { post } from './server/helpers.js';
import { baseValidator } from './support/shared-validator.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'cld-release-2');
const realistic = readFileSync(join(fixtures, 'realistic.csv'), 'utf8');
const flawed = readFileSync(join(fixtures, 'flawed.csv'), 'utf8');
const checker = createChecker({ validator: baseValidator(), catalogue: builtinCatalogue, defaults: { allowTestNumbers: true } });

describe('the CLD release through the pipeline', () => {
  it('CheckOptions.cldRelease chooses the release; detection otherwise', () => {
    expect(checker.check(realistic).result.dataQuality).toMatchObject({ release: 2, releaseBasis: 'values' });
    const r1 = checker.check(realistic, { cldRelease: 1 });
    expect(r1.result.dataQuality).toMatchObject({ release: 1, releaseBasis: 'option' });
    expect(r1.result.valid).toBe(false);
  });

  it('partner policy gives the release and the severity of cld.release-1-value', () => {
    const policy = loadPolicy({ partner: 'northvale-council-asc', cldRelease: 2, severity: { 'cld.release-1-value': 'warning' } });
    const r = checker.check(flawed, { policy }).result;
    expect(r.dataQuality).toMatchObject({ release: 2, releaseBasis: 'option' });
    expect(r.issues.filter((i) => i.code === 'cld.release-1-value').map((i) => [i.pointer, i.severity])).toEqual([['/2/Delivery_Mechanism', 'warning']]);
    expect(checker.check(realistic, { policy: loadPolicy({ partner: 'p', cldRelease: 1 }) }).result.dataQuality?.release).toBe(1);
    expect(() => loadPolicy({ partner: 'p', cldRelease: 3 })).toThrow();
  });
});

describe('POST /v1/validate?cldRelease=', () => {
  const app = createApp({ validator: baseValidator(), limits: { maxBodyBytes: 256 * 1024 } });

  it('takes 1 or 2 and returns the data-quality view', async () => {
    const res = await app.request('/v1/validate?allowTestNumbers=true&cldRelease=1', post(realistic, 'text/csv'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { valid: boolean; dataQuality: { release: number; fields: { field: string }[] } };
    expect(body.valid).toBe(false);
    expect(body.dataQuality.release).toBe(1);
    expect(body.dataQuality.fields).toHaveLength(46);
    const two = (await (await app.request('/v1/validate?allowTestNumbers=true&cldRelease=2', post(realistic, 'text/csv'))).json()) as { valid: boolean };
    expect(two.valid).toBe(true);
  });

  it('rejects another value with 400 http.invalid-parameter', async () => {
    const res = await app.request('/v1/validate?cldRelease=3', post(realistic, 'text/csv'));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('http.invalid-parameter');
  });
});
