/**
 * Names something added to `Object.prototype` (prototype pollution by another library in the same
 * process) are never read as names of a payload: the walks that read names with `for…in` test each
 * for being the object's own when any plain object inherits one. Before, the value walk of the
 * repeated-name check and dom-3's walk below a container followed an object-valued one back to
 * itself: an endless loop.
 */
import { describe, expect, it } from 'vitest';
import { countProperties, tallyValue } from '../../src/input/json-shape.js';
import { ParsedJsonText, ParsedJsonValue, parseJson } from '../../src/input/json-text.js';
import type { ValidationResult } from '../../src/validation-result.js';
import { validatorWith } from '../support/profile-fixtures.js';

/**
 * `run`'s answer while `Object.prototype` holds an enumerable name, restored before anything else
 * runs (the test runner itself reads objects with for…in between tests). `value`: the name's value;
 * a null-prototype object keeps a broken walk finite, so a regression fails rather than hangs.
 */
function whilePolluted<T>(
  run: () => T,
  value: unknown = Object.assign(Object.create(null), { a: 1 }),
): T {
  const proto = Object.prototype as Record<string, unknown>;
  proto['polluted'] = value;
  try {
    return run();
  } finally {
    delete proto['polluted'];
  }
}

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  active: true,
  name: [{ family: 'Example', given: ['Ann'] }],
  contact: [{ name: { family: 'Other' } }],
  // a contained resource: dom-3 collects the references below the container
  contained: [{ resourceType: 'Practitioner', id: 'gp' }],
  generalPractitioner: [{ reference: '#gp' }],
};
const text = JSON.stringify(patient);

/** Code, severity and location of each issue. */
function digest(result: ValidationResult): string[] {
  return result.issues.map((i) => `${i.severity} ${i.code} ${i.expression} ${i.pointer}`);
}

describe('names inherited from Object.prototype', () => {
  it('are not counted by the value walks', () => {
    const value = JSON.parse('{"a":{"b":[{"c":1},{"d":{"e":2}}]}}') as object;
    const [tally, deepTally, count] = whilePolluted(() => [
      tallyValue(value, 100),
      tallyValue(value, 2),
      countProperties(value),
    ]);
    expect(tally).toEqual({ properties: 5, deep: false });
    expect(deepTally.deep).toBe(true);
    expect(count).toBe(5);
  });

  it('change no answer of the validator, for text, a parse or a value', () => {
    const validator = validatorWith([]);
    const clean = digest(validator.validate(text));
    const polluted = whilePolluted(
      () => [
        digest(validator.validate(text)),
        digest(validator.validate(new ParsedJsonText(text, parseJson(text)))),
        digest(validator.validate(JSON.parse(text) as object)),
        digest(validator.validate(new ParsedJsonValue(JSON.parse(text)))),
      ],
      { family: 'x' },
    );
    expect(polluted).toEqual([clean, clean, clean, clean]);
  });

  it('of a value given as an object with its own prototype change no answer', () => {
    const validator = validatorWith([]);
    const clean = digest(validator.validate(JSON.parse(text) as object));
    // an object the caller made (not JSON.parse): a prototype holding an enumerable name
    const value = JSON.parse(text) as { contact: { name: object }[] };
    value.contact[0]!.name = Object.assign(Object.create({ given: 1, polluted: { family: 'x' } }), {
      family: 'Other',
    }) as object;
    expect(digest(validator.validate(value))).toEqual(clean);
  });
});
