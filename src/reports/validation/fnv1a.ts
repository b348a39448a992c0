/**
 * FNV-1a, 64-bit, over the UTF-16 code units of a string, as 16 lower-case hex digits.
 * A tiny, dependency-free, edge-safe hash for fingerprints (no `node:crypto`); not for security.
 * @see http://www.isthe.com/chongo/tech/comp/fnv/ (FNV-1a, offset basis and prime)
 * @example fnv1a64('') === 'cbf29ce484222325'
 */
export function fnv1a64(text: string): string {
  // 64-bit arithmetic on two 32-bit halves: prime = 2^40 + 0x1b3, so
  // (hi·2^32 + lo)·prime mod 2^64 = lo·0x1b3 + ((hi·0x1b3 + lo·2^8) mod 2^32)·2^32.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    const loProduct = (lo & 0xffff) * 0x1b3;
    const loHigh = (lo >>> 16) * 0x1b3 + (loProduct >>> 16);
    const carry = Math.floor(loHigh / 0x10000);
    const newLo = (((loHigh & 0xffff) << 16) | (loProduct & 0xffff)) >>> 0;
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) >>> 0;
    lo = newLo;
  }
  return hex8(hi) + hex8(lo);
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
