import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import catalogueJson from '../../profiles/requirements.json' with { type: 'json' };
import { builtinCatalogue } from './builtin-catalogue.js';
import { compareVersions, loadCatalogue } from './catalogue.js';
import { findRequirement, frameworkInfo, listRequirements } from './framework-info.js';

function copy(): { framework: Record<string, unknown>; requirements: Record<string, unknown>[] } {
  return structuredClone(catalogueJson) as never;
}

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadCatalogue', () => {
  it('loads the built-in catalogue: MDS-01 … MDS-20, frozen', () => {
    expect(builtinCatalogue.framework.id).toBe('mdss');
    expect(builtinCatalogue.framework.version).toBe('0.1.0');
    expect(builtinCatalogue.requirements.map((r) => r.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `MDS-${String(i + 1).padStart(2, '0')}`),
    );
    expect(Object.isFrozen(builtinCatalogue.requirements[0]?.traces)).toBe(true);
  });

  it('the shipped catalogue passes every check (the built-in one is not checked at import)', () => {
    expect(loadCatalogue(catalogueJson)).toEqual(builtinCatalogue);
  });

  it('throws ConfigError catalogue.invalid on a schema violation', () => {
    const bad = copy();
    bad.requirements[0]!.level = 'MAY';
    expect(configErrorOf(() => loadCatalogue(bad)).code).toBe('catalogue.invalid');
    expect(() => loadCatalogue({})).toThrow(ConfigError);
    expect(() => loadCatalogue(null)).toThrow(ConfigError);
  });

  it('rejects duplicate ids and a since later than the framework version', () => {
    const dup = copy();
    dup.requirements[1]!.id = 'MDS-01';
    expect(configErrorOf(() => loadCatalogue(dup)).message).toContain('duplicate');
    const future = copy();
    future.requirements[0]!.since = '0.2.0';
    expect(configErrorOf(() => loadCatalogue(future)).code).toBe('catalogue.invalid');
  });

  it('rejects a trace restricted to a feed the requirement does not apply to', () => {
    const bad = copy();
    (bad.requirements[2]!.traces as Record<string, unknown>[])[0]!.feed = 'cin';
    expect(configErrorOf(() => loadCatalogue(bad)).message).toContain('MDS-03');
  });

  it('rejects a trace code that is not family.condition or family.*', () => {
    const bad = copy();
    (bad.requirements[0]!.traces as Record<string, unknown>[])[0]!.code = 'NotACode';
    expect(() => loadCatalogue(bad)).toThrow(ConfigError);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBe(0);
    expect(compareVersions('0.1.0', '0.2.0')).toBeLessThan(0);
  });
});

describe('frameworkInfo / listRequirements / findRequirement', () => {
  it('summarises the framework', () => {
    const info = frameworkInfo(builtinCatalogue);
    expect(info).toMatchObject({
      id: 'mdss',
      version: '0.1.0',
      requirementCount: 20,
      canonicalBase: 'https://mdss.example.org/fhir',
    });
    expect(info.mustCount + info.shouldCount).toBe(20);
    expect(info.feeds).toEqual(['cin', 'cld', 'fhir']);
  });

  it('filters by feed, level, record type and ids', () => {
    const cld = listRequirements(builtinCatalogue, { feed: 'cld' }).map((r) => r.id);
    expect(cld).toContain('MDS-17');
    expect(cld).not.toContain('MDS-15');
    expect(
      listRequirements(builtinCatalogue, { level: 'SHOULD' }).every((r) => r.level === 'SHOULD'),
    ).toBe(true);
    expect(
      listRequirements(builtinCatalogue, { recordType: 'AllergyIntolerance', feed: 'fhir' }).map(
        (r) => r.id,
      ),
    ).toContain('MDS-16');
    expect(
      listRequirements(builtinCatalogue, { recordType: 'AllergyIntolerance', feed: 'fhir' }).map(
        (r) => r.id,
      ),
    ).not.toContain('MDS-01');
    expect(
      listRequirements(builtinCatalogue, { ids: ['MDS-20', 'MDS-03'] }).map((r) => r.id),
    ).toEqual(['MDS-03', 'MDS-20']);
    expect(listRequirements(builtinCatalogue, { ids: ['MDS-20'] })[0]?.checkedBy).toEqual([
      'capability',
      'aggregate',
    ]);
  });

  it('finds one requirement by id, case-insensitively', () => {
    expect(findRequirement(builtinCatalogue, 'mds-07')?.id).toBe('MDS-07');
    expect(findRequirement(builtinCatalogue, 'MDS-99')).toBeUndefined();
  });
});
