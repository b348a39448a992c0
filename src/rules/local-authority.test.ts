import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLocalAuthorityCode } from './local-authority.js';

describe('checkLocalAuthorityCode', () => {
  it('accepts each local authority prefix and names nation and tier', () => {
    expect(checkLocalAuthorityCode('E06000053')).toEqual({
      ok: true,
      prefix: 'E06',
      nation: 'england',
      upperTier: true,
    });
    expect(checkLocalAuthorityCode('E07000026')).toEqual({
      ok: true,
      prefix: 'E07',
      nation: 'england',
      upperTier: false,
    });
    expect(checkLocalAuthorityCode('E08000035')).toMatchObject({
      ok: true,
      prefix: 'E08',
      upperTier: true,
    });
    expect(checkLocalAuthorityCode('E09000001')).toMatchObject({
      ok: true,
      prefix: 'E09',
      upperTier: true,
    });
    expect(checkLocalAuthorityCode('E10000002')).toMatchObject({
      ok: true,
      prefix: 'E10',
      upperTier: true,
    });
    expect(checkLocalAuthorityCode('W06000015')).toEqual({
      ok: true,
      prefix: 'W06',
      nation: 'wales',
      upperTier: true,
    });
    expect(checkLocalAuthorityCode('S12000036')).toEqual({
      ok: true,
      prefix: 'S12',
      nation: 'scotland',
      upperTier: true,
    });
  });

  it('reports not-upper-tier for a shire district only when upper tier is required', () => {
    expect(checkLocalAuthorityCode('E07000026', { upperTierOnly: true })).toEqual({
      ok: false,
      problem: 'not-upper-tier',
      prefix: 'E07',
      nation: 'england',
      upperTier: false,
    });
    for (const code of [
      'E06000053',
      'E08000035',
      'E09000001',
      'E10000002',
      'W06000015',
      'S12000036',
    ]) {
      expect(checkLocalAuthorityCode(code, { upperTierOnly: true }).ok).toBe(true);
    }
  });

  it('reports format for other entities, lengths, case and whitespace', () => {
    for (const v of [
      '',
      'E05000001',
      'E11000001',
      'E12000007',
      'N09000001',
      'W05000001',
      'E0900000',
      'E090000011',
      'e09000001',
      ' E09000001',
      'E09 000001',
      'E09A00001',
      '202',
    ]) {
      expect(checkLocalAuthorityCode(v), v).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('property: every prefix + 6 digits is well formed; only E07 fails upperTierOnly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('E06', 'E07', 'E08', 'E09', 'E10', 'W06', 'S12'),
        fc.stringMatching(/^\d{6}$/),
        (prefix, digits) => {
          const r = checkLocalAuthorityCode(`${prefix}${digits}`, { upperTierOnly: true });
          return prefix === 'E07' ? r.problem === 'not-upper-tier' : r.ok && r.prefix === prefix;
        },
      ),
    );
  });

  it('answers adversarial near-matches of 100,000 characters', () => {
    expect(checkLocalAuthorityCode(`E09${'0'.repeat(100_000)}`)).toEqual({
      ok: false,
      problem: 'format',
    });
    expect(checkLocalAuthorityCode('E09'.repeat(33_000))).toEqual({ ok: false, problem: 'format' });
  });
});
