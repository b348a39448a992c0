/**
 * A gzip bomb for the package-limit tests: one 64 MiB run of zeros gzipped once (about 64 KB),
 * repeated as gzip members, so `members` × 64 KB on disk decompress to `members` × 64 MiB (16
 * members: about 1 MB that decompresses to 1 GiB). A reader without limits holds all of it.
 */
import { gzipSync } from 'node:zlib';

/** The bomb's bytes. */
export function gzipBomb(members = 16): Uint8Array {
  const member = gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
  const out = new Uint8Array(member.byteLength * members);
  for (let i = 0; i < members; i++) out.set(member, i * member.byteLength);
  return out;
}
