import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detached, systemSlot, systemSlots } from './system-slot.js';

describe('system slots', () => {
  it('spread systems over the slots', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const slot = systemSlot(s);
        expect(Number.isInteger(slot) && slot >= 0 && slot < systemSlots).toBe(true);
      }),
    );
  });

  it('detached copies are equal to the string, lone surrogates and controls included', () => {
    const samples = [
      '',
      'a',
      'http://snomed.info/sct',
      'a\u0001b"c\\d\ud800x\u2028',
      'x'.repeat(13),
    ];
    for (const s of samples) expect(detached(s)).toBe(s);
    // a slice of a longer text, as XML attribute values may be
    const text = `<x value="${'http://example.org/fhir/CodeSystem/x'}"/>`;
    const slice = text.slice(10, -3);
    expect(detached(slice)).toBe('http://example.org/fhir/CodeSystem/x');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(detached(s)).toBe(s);
      }),
    );
  });
});
