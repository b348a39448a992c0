/**
 * Node-only: a validation pack read from its file on demand ({@link PackReader}): the loader reads
 * the header, then each resource body when the registry first returns it, so a run reads the few
 * hundred kilobytes it uses instead of the whole file (the base pack is ≈9 MB: reading it whole cost
 * ≈10 ms and 9 MB of memory in every process and worker thread).
 *
 * The file stays open while the registry can still ask for a body (closed when the reader is
 * garbage-collected, or at exit). `npm run build:pack` beside a running server renames a new file
 * over the old one, so the open file is still the old pack, whole: bodies keep coming from it. A
 * pack file rewritten in place meanwhile (another tool) is an error (`pack.changed`), never a body
 * read from the wrong offsets.
 * @module
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PackError } from '../errors.js';
import type { PackReader } from '../pack/pack-text.js';

const decoder = new TextDecoder();
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/** Opens `path` as a {@link PackReader}. @throws the file system's error when it cannot be opened. */
export function packFileReader(path: string): PackReader {
  const fd = openSync(path, 'r');
  const { size, mtimeMs } = fstatSync(fd);
  const reader: PackReader = {
    length: size,
    text(start: number, end: number): string {
      const from = Math.max(0, Math.min(start, size));
      const length = Math.max(0, Math.min(end, size) - from);
      const now = fstatSync(fd);
      if (now.size !== size || now.mtimeMs !== mtimeMs)
        throw new PackError(
          'pack.changed',
          `The validation pack ${path} changed while in use; restart the process`,
        );
      const bytes = Buffer.allocUnsafe(length);
      let read = 0;
      while (read < length) {
        const n = readSync(fd, bytes, read, length - read, from + read);
        if (n === 0) break;
        read += n;
      }
      return decoder.decode(bytes.subarray(0, read));
    },
  };
  closer.register(reader, fd);
  return reader;
}
