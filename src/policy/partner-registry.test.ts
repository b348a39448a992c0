import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { findPartner, loadPartnerRegistry } from './partner-registry.js';

const registry = {
  partners: [
    {
      id: 'riverside-acute',
      name: 'Riverside Hospitals NHS Trust (fictional)',
      kind: 'acute-trust',
      odsCode: 'RXX',
      fhirEndpoint: {
        baseUrl: 'https://fhir.riverside.example/R4',
        auth: 'client-credentials',
        tokenUrl: 'https://auth.riverside.example/token',
        clientId: 'mdss',
        secretRef: 'RIVERSIDE_SECRET',
        timeoutMs: 5000,
      },
    },
    {
      id: 'northvale-council',
      name: 'Northvale Council (fictional)',
      kind: 'council',
      gssCode: 'E10000099',
    },
    {
      id: 'oak-care',
      name: 'Oak House Care (fictional)',
      kind: 'care-provider',
      cqcLocationId: '1-123456789',
    },
  ],
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('loadPartnerRegistry', () => {
  it('loads, sorts by id and freezes', () => {
    const r = loadPartnerRegistry(registry);
    expect(r.partners.map((p) => p.id)).toEqual([
      'northvale-council',
      'oak-care',
      'riverside-acute',
    ]);
    expect(Object.isFrozen(r.partners[2]?.fhirEndpoint)).toBe(true);
    expect(findPartner(r, 'Oak-Care')?.kind).toBe('care-provider');
    expect(findPartner(r, 'nobody')).toBeUndefined();
  });

  it.each([
    ['an unknown kind', { partners: [{ id: 'a', name: 'A', kind: 'hospital' }] }],
    [
      'a malformed CQC id',
      { partners: [{ id: 'a', name: 'A', kind: 'care-provider', cqcLocationId: '1-12' }] },
    ],
    [
      'a lower-case ODS code',
      { partners: [{ id: 'a', name: 'A', kind: 'gp-practice', odsCode: 'b82005' }] },
    ],
    [
      'a bearer endpoint without secretRef',
      {
        partners: [
          {
            id: 'a',
            name: 'A',
            kind: 'other',
            fhirEndpoint: { baseUrl: 'https://x.example', auth: 'bearer' },
          },
        ],
      },
    ],
    [
      'client credentials without a token URL',
      {
        partners: [
          {
            id: 'a',
            name: 'A',
            kind: 'other',
            fhirEndpoint: {
              baseUrl: 'https://x.example',
              auth: 'client-credentials',
              clientId: 'c',
              secretRef: 'S',
            },
          },
        ],
      },
    ],
    [
      'an inline secret',
      {
        partners: [
          {
            id: 'a',
            name: 'A',
            kind: 'other',
            fhirEndpoint: {
              baseUrl: 'https://x.example',
              auth: 'bearer',
              secretRef: 'S',
              token: 'abc',
            },
          },
        ],
      },
    ],
    [
      'duplicate ids (case-insensitive)',
      {
        partners: [
          { id: 'a', name: 'A', kind: 'other' },
          { id: 'A', name: 'B', kind: 'other' },
        ],
      },
    ],
  ])('throws ConfigError registry.invalid for %s', (_name, json) => {
    expect(codeOf(() => loadPartnerRegistry(json))).toBe('registry.invalid');
  });

  it('accepts an endpoint without auth secrets when auth is none', () => {
    const r = loadPartnerRegistry({
      partners: [
        {
          id: 'vcfse-1',
          name: 'Friends (fictional)',
          kind: 'vcfse',
          fhirEndpoint: { baseUrl: 'http://127.0.0.1:8080/fhir', auth: 'none' },
        },
      ],
    });
    expect(r.partners[0]?.fhirEndpoint?.auth).toBe('none');
  });
});
