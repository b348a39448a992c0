import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSctid, verhoeffCheckDigit } from './sctid.js';
import { isVerhoeffValid } from './verhoeff.js';

/** A valid SCTID: item id + partition (+ namespace for long format) + Verhoeff check digit. */
const validSctid = fc
  .oneof(
    fc
      .tuple(fc.stringMatching(/^[1-9]\d{2,14}$/), fc.constantFrom('00', '01', '02'))
      .map(([item, p]) => `${item}${p}`),
    fc
      .tuple(
        fc.stringMatching(/^[1-9]\d{0,7}$/),
        fc.constantFrom('1000000', '1000001', '0999999'),
        fc.constantFrom('10', '11', '12', '16'),
      )
      .map(([item, ns, p]) => `${item}${ns}${p}`),
  )
  .map((body) => `${body}${verhoeffCheckDigit(body)}`);

describe('checkSctid', () => {
  it('accepts short and long format ids and names partition, namespace and component', () => {
    expect(checkSctid('22298006')).toEqual({
      ok: true,
      partition: '00',
      format: 'short',
      component: 'concept',
    });
    expect(checkSctid('404684003')).toMatchObject({
      ok: true,
      partition: '00',
      component: 'concept',
    });
    expect(checkSctid('9298001000001101')).toEqual({
      ok: true,
      partition: '10',
      namespace: '1000001',
      format: 'long',
      component: 'concept',
    });
    expect(checkSctid('1000651000000109')).toMatchObject({
      ok: true,
      namespace: '1000000',
      format: 'long',
    });
  });

  it('reports format for too short, too long, leading zero, signs, decimals and whitespace', () => {
    for (const v of [
      '',
      '12345',
      '1234567890123456789',
      '022298006',
      '+22298006',
      '22298006.0',
      ' 22298006',
      '2.2298006e7',
      '22298006\n',
    ]) {
      expect(checkSctid(v)).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('reports check-digit for a wrong last digit', () => {
    expect(checkSctid('22298007')).toEqual({
      ok: false,
      problem: 'check-digit',
      partition: '00',
      format: 'short',
    });
  });

  it('reports partition for unknown or RF1-only partitions and for long ids without room for a namespace', () => {
    for (const body of ['1234503', '1234505', '1234513', '1234525', '1234599']) {
      const r = checkSctid(`${body}${verhoeffCheckDigit(body)}`);
      expect(r.ok).toBe(false);
      expect(r.problem).toBe('partition');
      expect(r.partition).toBe(body.slice(-2));
    }
    const shortLong = '1234510';
    expect(checkSctid(`${shortLong}${verhoeffCheckDigit(shortLong)}`)).toMatchObject({
      ok: false,
      problem: 'partition',
      format: 'long',
    });
  });

  it('keeps 18-digit ids exact (string based, no Number precision loss)', () => {
    const body = '99999999100000110';
    const id = `${body}${verhoeffCheckDigit(body)}`;
    expect(id).toHaveLength(18);
    expect(checkSctid(id)).toMatchObject({
      ok: true,
      partition: '10',
      namespace: '1000001',
      format: 'long',
    });
  });

  it('property: generated valid SCTIDs pass', () => {
    fc.assert(fc.property(validSctid, (id) => checkSctid(id).ok));
  });

  it('property: Verhoeff catches every single-digit substitution of a valid SCTID', () => {
    fc.assert(
      fc.property(validSctid, fc.nat(), fc.integer({ min: 1, max: 9 }), (id, at, delta) => {
        const pos = at % id.length;
        const digit = (id.charCodeAt(pos) - 48 + delta) % 10;
        const changed = `${id.slice(0, pos)}${digit}${id.slice(pos + 1)}`;
        return !isVerhoeffValid(changed) && !checkSctid(changed).ok;
      }),
    );
  });

  it('property: Verhoeff catches every adjacent transposition of a valid SCTID', () => {
    fc.assert(
      fc.property(validSctid, fc.nat(), (id, at) => {
        const pos = at % (id.length - 1);
        const a = id[pos]!;
        const b = id[pos + 1]!;
        fc.pre(a !== b);
        const swapped = `${id.slice(0, pos)}${b}${a}${id.slice(pos + 2)}`;
        return !isVerhoeffValid(swapped) && !checkSctid(swapped).ok;
      }),
    );
  });

  it('answers adversarial near-matches of 100,000 characters', () => {
    expect(checkSctid('1'.repeat(100_000))).toEqual({ ok: false, problem: 'format' });
    expect(checkSctid(`${'2'.repeat(99_999)}x`)).toEqual({ ok: false, problem: 'format' });
  });
});
