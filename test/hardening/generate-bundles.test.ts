/**
 * The benchmark corpus generator: deterministic per seed, identifiers valid (test-range NHS
 * numbers with Modulus 11 check digits, ODS codes, SCTIDs with Verhoeff check digits), the
 * features the benchmark relies on are present, and MDSS reports 0 errors on the clean corpus.
 */
import { describe, expect, it } from 'vitest';
import { allSctids } from '../../bench/clinical-codes.js';
import { generateBigBundleText, generateCorpus, sampleResources } from '../../bench/generate-bundles.js';
import { createRng } from '../../bench/prng.js';
import { checkNhsNumber } from '../../src/rules/nhs-number.js';
import { checkSctid } from '../../src/rules/sctid.js';
import { baseValidator } from '../support/shared-validator.js';

type Entry = { resource: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('bench corpus generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = [...generateCorpus(5, 3)].map((i) => i.text);
    const b = [...generateCorpus(5, 3)].map((i) => i.text);
    const c = [...generateCorpus(6, 3)].map((i) => i.text);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(createRng(1).next()).toBe(createRng(1).next());
  });

  it('uses valid SNOMED CT concept ids', () => {
    for (const id of allSctids()) expect(checkSctid(id)).toMatchObject({ ok: true, component: 'concept' });
  });

  it('makes test-range NHS numbers with valid check digits, ODS codes and the benchmark features', () => {
    for (const item of generateCorpus(9, 10)) {
      const bundle = JSON.parse(item.text) as { type: string; entry: Entry[] };
      expect(item.resources).toBe(bundle.entry.length);
      expect(item.resources).toBeGreaterThanOrEqual(item.size === 'small' ? 10 : 300);
      const byType = (t: string): Record<string, any>[] => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === t); // eslint-disable-line @typescript-eslint/no-explicit-any
      const [patient] = byType('Patient');
      const nhs = patient?.identifier[0].value as string;
      expect(nhs.startsWith('999')).toBe(true);
      expect(checkNhsNumber(nhs)).toEqual({ ok: true, testRange: true });
      expect(patient?._birthDate.extension).toHaveLength(1);
      expect(byType('Organization')[0]?.identifier[0].value).toMatch(/^[A-Z]\d{5}$/);
      expect(byType('Observation').some((o) => Array.isArray(o.component))).toBe(true);
      for (const e of bundle.entry) expect(e.resource.text.div).toMatch(/^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml">/);
      if (bundle.type === 'transaction') for (const e of bundle.entry) expect(e).toHaveProperty('request');
    }
    const withContained = sampleResources(7).filter((r) => Array.isArray(r.contained));
    expect(withContained.length).toBeGreaterThan(0);
  });

  it('gives a Bundle of exactly the asked number of entries', () => {
    expect((JSON.parse(generateBigBundleText(3, 1_234)) as { entry: unknown[] }).entry).toHaveLength(1_234);
  });

  it('is valid R4: MDSS reports 0 errors on a clean corpus sample', () => {
    const v = baseValidator();
    for (const item of generateCorpus(21, 6)) {
      const result = v.validate(item.text);
      expect(result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
      expect(result.recordCount).toBeGreaterThanOrEqual(item.resources);
    }
  });
});
