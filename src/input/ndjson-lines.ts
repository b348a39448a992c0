/**
 * Splits an NDJSON byte stream into lines in bounded memory, decoding each line as strict UTF-8 on
 * its own: a line with invalid bytes, or one longer than `maxLineBytes`, is reported by index and
 * skipped, and the lines after it are read as usual. Memory holds one line (at most `maxLineBytes`)
 * plus one chunk; an oversize line is counted, never collected.
 * @module
 */

/** One line of an NDJSON stream; `index` is the 0-based line index in the file. */
export type NdjsonLine =
  | { readonly index: number; readonly text: string }
  | { readonly index: number; readonly problem: 'invalid-utf8' }
  | { readonly index: number; readonly problem: 'too-large'; readonly bytes: number };

/** Options of {@link ndjsonLines}. */
export interface NdjsonLinesOptions {
  /** Lines longer than this (in bytes, without the line break) are reported as `too-large`. */
  readonly maxLineBytes: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Yields the lines of `chunks` (LF or CRLF line breaks; a final line without a break is yielded too,
 * a trailing break adds no empty line). A UTF-8 BOM is kept in the text (the JSON reader skips it).
 */
export async function* ndjsonLines(
  chunks: AsyncIterable<Uint8Array>,
  options: NdjsonLinesOptions,
): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const max = options.maxLineBytes;
  let parts: Uint8Array[] = [];
  let kept = 0; // bytes in parts
  let seen = 0; // bytes of the current line, kept or not
  let oversize = false;
  let index = 0;

  const line = (): NdjsonLine => {
    const at = index++;
    if (oversize) return { index: at, problem: 'too-large', bytes: seen };
    let bytes = parts.length === 1 ? parts[0]! : concat(parts, kept);
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR)
      bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.length > max) return { index: at, problem: 'too-large', bytes: seen };
    try {
      return { index: at, text: decoder.decode(bytes) };
    } catch {
      return { index: at, problem: 'invalid-utf8' };
    }
  };
  const reset = () => {
    parts = [];
    kept = 0;
    seen = 0;
    oversize = false;
  };
  const append = (piece: Uint8Array) => {
    seen += piece.length;
    if (oversize || piece.length === 0) return;
    // one byte over the limit is kept: it may be the CR of a CRLF, which does not count
    if (kept + piece.length > max + 1) {
      oversize = true;
      parts = [];
      kept = 0;
      return;
    }
    parts.push(piece);
    kept += piece.length;
  };

  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(LF, start); nl >= 0; nl = chunk.indexOf(LF, start)) {
      append(chunk.subarray(start, nl));
      yield line();
      reset();
      start = nl + 1;
    }
    // the rest of the chunk starts the next line: copy it, so the chunk itself is not retained
    if (start < chunk.length) append(chunk.slice(start));
  }
  if (seen > 0) yield line();
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
