import { describe, expect, it } from 'vitest';
import { ndjsonLines, type NdjsonLine } from './ndjson-lines.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function lines(chunks: Uint8Array[], maxLineBytes = 1024): Promise<NdjsonLine[]> {
  const out: NdjsonLine[] = [];
  for await (const l of ndjsonLines(
    (async function* () {
      yield* chunks;
    })(),
    { maxLineBytes },
  ))
    out.push(l);
  return out;
}

/** Every split of `bytes` into chunks of `size`. */
function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

describe('ndjsonLines', () => {
  it('splits LF and CRLF lines across any chunk boundary, with or without a final break', async () => {
    const text = '{"a":1}\r\n\n{"b":"é€😀"}\n{"c":3}';
    const expected = [
      { index: 0, text: '{"a":1}' },
      { index: 1, text: '' },
      { index: 2, text: '{"b":"é€😀"}' },
      { index: 3, text: '{"c":3}' },
    ];
    for (let size = 1; size <= 40; size++)
      expect(await lines(chunked(enc(text), size))).toEqual(expected);
    expect(await lines([enc(`${text}\n`)])).toEqual(expected);
    expect(await lines([])).toEqual([]);
  });

  it('reports a line with invalid UTF-8 by its index and reads on', async () => {
    const bad = new Uint8Array([...enc('{"x":"'), 0xc3, 0x28, 0xff, ...enc('"}\n{"ok":true}\n')]);
    for (const size of [1, 3, 64]) {
      expect(await lines(chunked(new Uint8Array([...enc('{"a":1}\n'), ...bad]), size))).toEqual([
        { index: 0, text: '{"a":1}' },
        { index: 1, problem: 'invalid-utf8' },
        { index: 2, text: '{"ok":true}' },
      ]);
    }
  });

  it('reports a line over maxLineBytes without keeping it, and reads on', async () => {
    const long = 'x'.repeat(100);
    const text = `{"a":1}\n${long}\n${'y'.repeat(10)}\r\n${'z'.repeat(11)}`;
    for (const size of [1, 7, 1000]) {
      expect(await lines(chunked(enc(text), size), 10)).toEqual([
        { index: 0, text: '{"a":1}' },
        { index: 1, problem: 'too-large', bytes: 100 },
        { index: 2, text: 'y'.repeat(10) },
        { index: 3, problem: 'too-large', bytes: 11 },
      ]);
    }
  });
});
