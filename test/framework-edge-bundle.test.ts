/**
 * The framework and policy modules (with the precompiled schema validators and the bundled
 * catalogue) bundle for a browser-like runtime: no Node built-ins, no code generation at run time,
 * and the bundle runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

describe('framework + policy edge bundle', () => {
  it('bundles for the browser platform without Node built-ins or new Function, and runs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mdss-edge-'));
    try {
      const entry = join(out, 'entry.ts');
      writeFileSync(
        entry,
        [
          `import { builtinCatalogue, frameworkInfo, listRequirements } from ${JSON.stringify(join(root, 'src/framework/index.ts'))};`,
          `import { loadPolicy, applyPolicy } from ${JSON.stringify(join(root, 'src/policy/index.ts'))};`,
          'const policy = loadPolicy({ partner: "p", suppress: [{ code: "jsonschema.enum", expression: "Ethnicity", reason: "agreed locally" }] });',
          'const result = { valid: false, truncated: false, profiles: [], recordCount: 1, issues: [{ code: "jsonschema.enum", severity: "error", message: "", expression: "Row[0].Ethnicity", pointer: "/0/Ethnicity", params: {} }] };',
          'export const answer = { info: frameworkInfo(builtinCatalogue), count: listRequirements(builtinCatalogue).length, valid: applyPolicy(result, policy, new Date(0)).valid };',
        ].join('\n'),
      );
      const bundle = await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        logLevel: 'silent',
        absWorkingDir: root,
      });
      const text = bundle.outputFiles[0]!.text;
      expect(text).not.toMatch(/new Function\(|\beval\(/);
      expect(text).not.toMatch(/from ["']node:/);
      const file = join(out, 'bundle.mjs');
      writeFileSync(file, text);
      const mod = (await import(pathToFileURL(file).href)) as {
        answer: { info: { version: string }; count: number; valid: boolean };
      };
      expect(mod.answer).toEqual({
        info: expect.objectContaining({ version: '0.1.0' }) as unknown,
        count: 20,
        valid: true,
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
