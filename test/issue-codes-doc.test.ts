import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderIssueCodesDoc } from '../scripts/issue-codes-doc.js';
import { issueCodes } from '../src/issues/codes/index.js';
import { version } from '../src/version.js';

describe('issue-code registry', () => {
  it('docs/issue-codes.md is up to date (run `npm run docs:codes`)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'docs', 'issue-codes.md'), 'utf8')).toBe(
      renderIssueCodesDoc(),
    );
  });

  it('every code is kebab-case family.condition with a template and a known severity', () => {
    for (const [code, def] of Object.entries(issueCodes)) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['fatal', 'error', 'warning', 'information']).toContain(def.severity);
      expect(def.template.length).toBeGreaterThan(0);
    }
  });

  it('src/version.ts matches package.json', () => {
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(version).toBe(pkg.version);
  });
});
