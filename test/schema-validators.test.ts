import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildSchemaValidators,
  generatedMarker,
  requiresToImports,
} from '../scripts/build-schema-validators.js';

const root = resolve(import.meta.dirname, '..');
const schemasDir = join(root, 'schemas');
const committedDir = join(root, 'src/generated/schemas');

describe('scripts/build-schema-validators', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'mdss-schemas-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const written = buildSchemaValidators(schemasDir, tmp);

  it('compiles every schemas/*.schema.json into a .js and a .d.ts', () => {
    const schemas = readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json'));
    expect(schemas.length).toBeGreaterThanOrEqual(3);
    for (const s of schemas) {
      const name = s.replace(/\.schema\.json$/, '');
      expect(written).toContain(`${name}.js`);
      expect(written).toContain(`${name}.d.ts`);
    }
  });

  it('committed output in src/generated/schemas is up to date (run npm run build:schemas if not)', () => {
    const committed = readdirSync(committedDir)
      .filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))
      .sort();
    expect(committed).toEqual(written);
    for (const file of written) {
      expect(readFileSync(join(committedDir, file), 'utf8'), file).toBe(
        readFileSync(join(tmp, file), 'utf8'),
      );
    }
  });

  it('is deterministic: a second run gives identical files', () => {
    const again = mkdtempSync(join(tmpdir(), 'mdss-schemas-'));
    try {
      buildSchemaValidators(schemasDir, again);
      for (const file of written)
        expect(readFileSync(join(again, file), 'utf8')).toBe(readFileSync(join(tmp, file), 'utf8'));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('writes edge-safe modules: marker first, ESM imports only, no require, eval or Function', () => {
    for (const file of written.filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(join(tmp, file), 'utf8');
      expect(text.startsWith(generatedMarker)).toBe(true);
      expect(text).not.toMatch(/\brequire\(|\beval\(|new Function|\bFunction\(/);
      expect(text).toMatch(/export \{\s*validate\s*\}/);
    }
  });

  it('removes generated files whose schema is gone, but leaves other files alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mdss-schemas-'));
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(out, 'old.js'), `${generatedMarker}old.schema.json\n`);
      writeFileSync(join(out, 'handwritten.js'), 'export const x = 1;\n');
      buildSchemaValidators(schemasDir, out);
      const files = readdirSync(out);
      expect(files).not.toContain('old.js');
      expect(files).toContain('handwritten.js');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('generated validators run and report ajv errors with instance paths', async () => {
    const mod = (await import(join(committedDir, 'partner-policy.js'))) as {
      validate: ((d: unknown) => boolean) & {
        errors?: { keyword: string; instancePath: string }[] | null;
      };
    };
    expect(mod.validate({ partner: 'northvale-council' })).toBe(true);
    expect(
      mod.validate({
        partner: 'x',
        suppress: [{ code: 'a.b', expression: 'Patient', reason: 'agreed', until: '2026-02-30' }],
      }),
    ).toBe(false);
    expect(mod.validate.errors?.map((e) => [e.keyword, e.instancePath])).toEqual([
      ['format', '/suppress/0/until'],
    ]);
  });
});

describe('requiresToImports', () => {
  it('turns each distinct require() into one namespace import with a .js extension for dist paths', () => {
    const out = requiresToImports(
      'const a = require("ajv/dist/runtime/equal").default;const b = require("ajv/dist/runtime/equal").default;const c = require("x");',
    );
    expect(out).toContain('import * as __ns0 from "ajv/dist/runtime/equal.js";');
    expect(out).toContain('import * as __ns1 from "x";');
    expect(out).toContain('const b = __runtime0.default;');
    expect(out).not.toContain('require(');
  });
});

describe('buildSchemaValidators on a broken schema folder', () => {
  it('names the file that is not JSON or does not compile', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'mdss-bad-schemas-'));
    try {
      writeFileSync(join(dir, 'bad.schema.json'), '{ "type": ');
      expect(() => buildSchemaValidators(dir, join(dir, 'out'))).toThrow(
        /bad\.schema\.json is not valid JSON/,
      );
      writeFileSync(
        join(dir, 'bad.schema.json'),
        '{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": { "a": { "type": "strnig" } } }',
      );
      expect(() => buildSchemaValidators(dir, join(dir, 'out'))).toThrow(
        /bad\.schema\.json does not compile/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
