/**
 * An NDJSON line is read as a JSON document is (`parseJson` with the depth limit): too deep (by
 * the text, also when malformed or when a repeated name hid the depth), unreadable, repeated names,
 * a BOM. Each line answers the codes, pointers and columns the same line answers alone.
 */
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/check/create-checker.js';
import type { Issue } from '../../src/issues/issue.js';
import { baseValidator } from '../support/shared-validator.js';

const checker = createChecker({ registry: baseValidator().registry });
const opts = { framework: 'none', maxDepth: 20 } as const;

const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const lines = [
  '{"resourceType":"Patient","gender":"male","gender":"female"}',
  `{"resourceType":"Patient","extension":${nest(18)}}`,
  `{"resourceType":"Patient","extension":${nest(19)}}`,
  `{"resourceType":"Patient","extension":${nest(20)}}`,
  `{"resourceType":"Patient","x":{"a":1,"a":${nest(25)}}}`,
  `{"resourceType":"Patient","x":${'['.repeat(30)}`,
  '{"resourceType":"Patient",,}',
  '\ufeff{"resourceType":"Patient","active":true,"active":false}',
  '{"resourceType" :"Patient","name":[{"family":"A","family":"B"}]}',
  '[1,2]',
  '"text"',
];

const view = (issues: readonly Issue[]) =>
  issues.map((i) => [i.code, i.severity, i.pointer, i.position?.column, i.params]);

describe('NDJSON lines read as JSON documents', () => {
  it('answers each line as that line alone, placed on its line', async () => {
    const { result } = await checker.checkText(`${lines.join('\n')}\n`, {
      ...opts,
      format: 'ndjson',
    });
    const expected: unknown[] = [];
    for (const [index, line] of lines.entries()) {
      const alone = (await checker.checkText(line, { ...opts, format: 'json' })).result.issues;
      for (const i of alone)
        expected.push([
          i.code,
          i.severity,
          `/${index}${i.pointer}`,
          i.position?.line === 1 ? i.position.column : 1,
          // a message naming a line of the record's text names the file's line
          i.code === 'input.invalid-json' ? { ...i.params, line: index + 1 } : i.params,
        ]);
    }
    const sort = (a: unknown[]) => a.map((x) => JSON.stringify(x)).sort();
    expect(sort(view(result.issues))).toEqual(sort(expected));
    const codes = new Set(result.issues.map((i) => `${i.pointer.split('/')[1]} ${i.code}`));
    for (const c of [
      '0 input.duplicate-property',
      '3 input.too-deep',
      '4 input.too-deep',
      '5 input.too-deep',
      '6 input.invalid-json',
      '7 input.duplicate-property',
      '8 input.duplicate-property',
    ])
      expect(codes).toContain(c);
    expect(codes).not.toContain('1 input.too-deep');
    expect(codes).not.toContain('2 input.too-deep');
  });
});
