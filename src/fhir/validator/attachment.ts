/**
 * Attachment rules beyond the structure (https://hl7.org/fhir/R4/datatypes.html#Attachment): when
 * `data` is present, a stated `size` must be the number of bytes it decodes to, and a stated `hash`
 * the base64 SHA-1 of those bytes.
 * @module
 */
import type { ValidationContext } from './validation-context.js';

const reBase64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks `size` and `hash` of one Attachment against its `data` (invalid base64 is reported elsewhere). */
export function checkAttachment(ctx: ValidationContext, attachment: Record<string, unknown>): void {
  const data = attachment['data'];
  const size = attachment['size'];
  const hash = attachment['hash'];
  if (typeof data !== 'string' || (typeof size !== 'number' && typeof hash !== 'string')) return;
  const compact = data.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !reBase64.test(compact)) return;
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  const actual = (compact.length / 4) * 3 - padding;
  if (typeof size === 'number' && size !== actual) {
    ctx.pushProperty('.size', 'size');
    ctx.report('structure.attachment-size-mismatch', { stated: size, actual });
    ctx.pop();
  }
  if (typeof hash === 'string' && hash.replace(/\s+/g, '') !== sha1Base64(compact)) {
    ctx.pushProperty('.hash', 'hash');
    ctx.report('structure.attachment-hash-mismatch', {});
    ctx.pop();
  }
}

/** Base64 of the SHA-1 (FIPS 180-4) of the bytes that `base64` encodes. Synchronous, runtime-neutral. */
export function sha1Base64(base64: string): string {
  const binary = atob(base64);
  const n = binary.length;
  const words = new Uint32Array((((n + 8) >> 6) + 1) * 16);
  for (let i = 0; i < n; i++) words[i >> 2]! |= binary.charCodeAt(i) << (24 - (i % 4) * 8);
  words[n >> 2]! |= 0x80 << (24 - (n % 4) * 8);
  words[words.length - 1] = n * 8;
  words[words.length - 2] = Math.floor((n * 8) / 0x100000000);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Uint32Array(80);
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 16; t++) w[t] = words[block + t]!;
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20
          ? (b & c) | (~b & d)
          : t < 40
            ? b ^ c ^ d
            : t < 60
              ? (b & c) | (b & d) | (c & d)
              : b ^ c ^ d;
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) >>> 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  let out = '';
  for (const h of [h0, h1, h2, h3, h4])
    out += String.fromCharCode(h >>> 24, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
  return btoa(out);
}
