/**
 * The library entry bundles to ASCII-only JavaScript: V8 holds a script source with any non-ASCII
 * character as UTF-16, decoded by a slower path at every start (≈ 20 M instructions on the 1 MB
 * engine). esbuild escapes strings and templates but keeps some comments as written, so an arrow
 * or ellipsis in such a comment would cost every process that. scripts/build-bundle.ts checks the
 * shipped files the same way.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

describe('library bundle', () => {
  it('is ASCII only (no non-ASCII character in the comments esbuild keeps)', async () => {
    const bundle = await build({
      entryPoints: [resolve(root, 'src/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
      absWorkingDir: root,
    });
    const text = bundle.outputFiles[0]!.text;
    const at = text.search(/[^\0-\x7f]/);
    expect(at < 0 ? '' : text.slice(Math.max(0, at - 80), at + 20)).toBe('');
  });
});
