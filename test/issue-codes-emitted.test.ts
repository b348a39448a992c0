/**
 * Registry hygiene: every registered issue code is emitted somewhere (a code nothing reports is a
 * promise the engine does not keep), and the codes implemented under issue 13 behave.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaErrorCode } from '../src/issues/schema-errors.js';
import { issueCodes } from '../src/issues/codes/index.js';
import { baseValidator } from './support/shared-validator.js';

const src = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory())
      return full.endsWith(join('issues', 'codes')) ? [] : sources(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

describe('issue-code registry', () => {
  it('every registered code is emitted by the code (jsonschema.* through the keyword mapping)', () => {
    const text = sources(src).join('\n');
    const silent = Object.keys(issueCodes).filter((code) => {
      if (code.startsWith('jsonschema.')) {
        const keyword = code
          .slice('jsonschema.'.length)
          .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
        return (
          schemaErrorCode(code === 'jsonschema.false-schema' ? 'false schema' : keyword) !== code &&
          code !== 'jsonschema.invalid'
        );
      }
      return !text.includes(`'${code}'`) && !text.includes(`"${code}"`);
    });
    expect(silent).toEqual([]);
  });

  it('input.duplicate-property: a repeated JSON property is an error at the repeated name, in any object', () => {
    const text =
      '{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": [{ "resource": { "resourceType": "Basic", "code": { "text": "a", "text": "b" } } }],\n  "type": "batch"\n}';
    const r = baseValidator().validate(text, { showValues: true });
    const dups = r.issues.filter((i) => i.code === 'input.duplicate-property');
    expect(dups.map((i) => [i.severity, i.pointer, i.expression, i.params['name']])).toEqual([
      ['error', '/entry/0/resource/code/text', 'Bundle.entry[0].resource.code.text', 'text'],
      ['error', '/type', 'Bundle.type', 'type'],
    ]);
    // The property name is payload-chosen: hidden in params unless values are asked for (issue 14 item 13).
    expect(
      baseValidator()
        .validate(text)
        .issues.filter((i) => i.code === 'input.duplicate-property')
        .map((i) => i.params['name']),
    ).toEqual(['[value]', '[value]']);
    expect(dups.find((i) => i.pointer === '/type')?.position).toEqual({ line: 5, column: 3 });
    expect(r.valid).toBe(false);
    expect(
      baseValidator()
        .validate('{"resourceType": "Basic", "code": {"text": "a"}}')
        .issues.map((i) => i.code),
    ).not.toContain('input.duplicate-property');
  });
});
