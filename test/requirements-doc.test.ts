import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRequirementsMarkdown } from '../scripts/gen-requirements-doc.js';
import { builtinCatalogue } from '../src/framework/builtin-catalogue.js';

const root = resolve(import.meta.dirname, '..');

describe('docs/requirements.md', () => {
  it('is up to date with profiles/requirements.json (run node --import tsx scripts/gen-requirements-doc.ts)', () => {
    expect(readFileSync(join(root, 'docs/requirements.md'), 'utf8')).toBe(
      renderRequirementsMarkdown(builtinCatalogue),
    );
  });

  it('has one anchored section per requirement and a summary row each', () => {
    const md = renderRequirementsMarkdown(builtinCatalogue);
    for (const r of builtinCatalogue.requirements) {
      expect(md).toContain(`<a id="${r.id.toLowerCase()}"></a>`);
      expect(md).toContain(`| [${r.id}](#${r.id.toLowerCase()}) | ${r.level} |`);
    }
  });
});
