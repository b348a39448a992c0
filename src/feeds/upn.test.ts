import { describe, expect, it } from 'vitest';
import { hasValidUpnCheckLetter, upnCheckLetter } from './upn.js';

describe('UPN check letter', () => {
  it('accepts the published example B801200005001 and rejects it with another letter', () => {
    expect(upnCheckLetter('801200005001')).toBe('B');
    expect(hasValidUpnCheckLetter('B801200005001')).toBe(true);
    expect(hasValidUpnCheckLetter('A801200005001')).toBe(false);
  });

  it('weights a temporary UPN final letter by its place in the 23-letter alphabet', () => {
    const letter = upnCheckLetter('80120000500Z')!;
    expect(hasValidUpnCheckLetter(`${letter}80120000500Z`)).toBe(true);
    // Z is letter 22: 22 × 13 = 286 ≡ 10 (mod 23) more than a final 0, so the check moves 10 letters on.
    const base = 'ABCDEFGHJKLMNPQRTUVWXYZ'.indexOf(upnCheckLetter('801200005000')!);
    expect(letter).toBe('ABCDEFGHJKLMNPQRTUVWXYZ'[(base + 10) % 23]);
  });

  it('gives undefined for a body that is not 11 digits and a digit or UPN letter', () => {
    expect(upnCheckLetter('80120000500I')).toBeUndefined();
    expect(upnCheckLetter('8012000050')).toBeUndefined();
  });
});
