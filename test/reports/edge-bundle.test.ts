/**
 * The conformance reports are edge-safe: bundling their entry for a neutral platform (no Node
 * built-ins available) succeeds, and the bundle references no Node-only global or module.
 */

import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('src/reports/conformance on the edge', () => {
  it('bundles for a neutral platform without Node built-ins, process, Buffer or eval', async () => {
    const result = await build({
      entryPoints: [new URL('../../src/reports/conformance/index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code.length).toBeGreaterThan(10_000);
    expect(Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('src/'))).toEqual([]);
    expect(code).not.toMatch(/\bfrom\s+["'](node:|fs|path|crypto|buffer)/);
    expect(code).not.toMatch(/\b(process|Buffer|require)\s*[.(]/);
    expect(code).not.toMatch(/\beval\s*\(|new Function\s*\(/);
  });
});
