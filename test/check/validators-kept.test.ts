/**
 * The checker keeps one validator per setting: the four without extension domains for its
 * lifetime, those a call's own extension domains ask for (chosen by the caller, `?extensionDomain=`)
 * bounded, least recently used dropped, so a client cannot grow the service's memory without end.
 */
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/check/create-checker.js';
import { baseValidator } from '../support/shared-validator.js';

const checker = createChecker({ registry: baseValidator().registry });

describe('validators kept by the checker', () => {
  it('keeps the validators without extension domains', () => {
    const base = checker.validatorFor({ framework: 'none' });
    for (let i = 0; i < 20; i++) checker.validatorFor({ extensionDomains: [`d${i}.example.net`] });
    expect(checker.validatorFor({ framework: 'none' })).toBe(base);
  });

  it('reuses a domain validator while it is recent, and drops it past the bound', () => {
    const first = checker.validatorFor({ extensionDomains: ['a.example.net', 'b.example.net'] });
    // the same set in another order and with a repeat is the same setting
    expect(
      checker.validatorFor({
        extensionDomains: ['b.example.net', 'a.example.net', 'a.example.net'],
      }),
    ).toBe(first);
    for (let i = 0; i < 50; i++) checker.validatorFor({ extensionDomains: [`e${i}.example.net`] });
    expect(checker.validatorFor({ extensionDomains: ['a.example.net', 'b.example.net'] })).not.toBe(
      first,
    );
  });
});
