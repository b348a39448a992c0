import { describe, expect, it } from 'vitest';
import { indexBundle } from './bundle-index.js';
import { nativeInvariants } from './native-invariants.js';

describe('Bundle index', () => {
  it('bdl-7 answers the same with the Bundle index as by its own pass', () => {
    const bdl7 = nativeInvariants['bdl-7']!;
    const p = (id: string) => ({ resourceType: 'Patient', id });
    const bundles: Record<string, unknown>[] = [
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ fullUrl: 'urn:a', resource: p('1') }],
      },
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:a', resource: p('1') },
          { fullUrl: 'urn:a', resource: p('2') },
        ],
      },
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ fullUrl: 'urn:a', resource: p('1') }, { fullUrl: 'urn:a' }, 'x'],
      },
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:a', resource: { ...p('1'), meta: { versionId: '1' } } },
          { fullUrl: 'urn:a', resource: { ...p('1'), meta: { versionId: '2' } } },
        ],
      },
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:a\u0000', resource: p('1') },
          { fullUrl: 'urn:a', resource: { ...p('2'), meta: { versionId: '\u0000' } } },
        ],
      },
      { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:b' }] },
      { resourceType: 'Bundle', type: 'collection' },
    ];
    for (const node of bundles) {
      const alone = bdl7.holds(node, { resources: [node], containers: [node] });
      const indexed = { resources: [node], containers: [node], bundles: [indexBundle(node)] };
      expect(bdl7.holds(node, indexed), JSON.stringify(node)).toBe(alone);
    }
    expect(indexBundle(bundles[0]!).fullUrlsUnique).toBe(true);
    expect(indexBundle(bundles[1]!).fullUrlsUnique).toBe(false);
    expect(bdl7.holds(bundles[1]!, { resources: [], containers: [] })).toBe(false);
  });
});
