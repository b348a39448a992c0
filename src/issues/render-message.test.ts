import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IssueParams } from './issue.js';
import { renderMessage } from './render-message.js';

/** The rule as a regex states it: every `{name}` match, left to right, filled when the param is set. */
function reference(template: string, params: IssueParams): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}

describe('renderMessage', () => {
  it('fills placeholders and leaves unknown or malformed ones visible', () => {
    expect(renderMessage('{path}: minimum required = {min}', { path: 'P.name', min: 1 })).toBe(
      'P.name: minimum required = 1',
    );
    expect(renderMessage('{a}{b}{{c}} {d} {} {e-f} {', { a: 1, b: null, c: 'C' })).toBe(
      '1null{C} {d} {} {e-f} {',
    );
    expect(renderMessage('{toString} {__proto__} {x}', { x: '{x}' })).toBe(
      '{toString} {__proto__} {x}',
    );
  });

  it('agrees with the regex statement of the rule on any template', () => {
    const piece = fc.constantFrom('{', '}', 'a', 'b', '_', '9', '-', ' ', 'é', '{a}', '{b}', '{}');
    const value = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('{a}', '$&', '$1'),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((ps) => ps.join('')),
        fc.dictionary(fc.constantFrom('a', 'b', '_', '9', 'a9'), value),
        (template, params) => {
          expect(renderMessage(template, params)).toBe(reference(template, params));
        },
      ),
      { numRuns: 3000, seed: 18 },
    );
  });
});
