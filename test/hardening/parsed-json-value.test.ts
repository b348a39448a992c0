/**
 * A value a door parsed from JSON itself (`ParsedJsonValue`, the `$validate` body's resource) is
 * walked as parsed text is: own names without a test per name, `_name` companions looked up only in
 * objects that have a `_` name. The answers must be those of the same JSON given as text or as a
 * plain value, `_name` companions included (alone, beside their value, in arrays with nulls).
 */
import { describe, expect, it } from 'vitest';
import { ParsedJsonValue } from '../../src/input/json-text.js';
import type { ValidationResult } from '../../src/validation-result.js';
import { validatorWith } from '../support/profile-fixtures.js';

const ext = (v: string) => ({
  extension: [{ url: 'http://example.org/StructureDefinition/note', valueString: v }],
});

const payloads: Record<string, unknown> = {
  'no companions': {
    resourceType: 'Patient',
    id: 'p1',
    active: true,
    gender: 'female',
    birthDate: '1980-02-30',
    name: [{ family: 'Example', given: ['Ann', ''] }],
  },
  'companion beside its value, and alone': {
    resourceType: 'Patient',
    id: 'p2',
    birthDate: '1980-01-01',
    _birthDate: ext('a'),
    _gender: ext('b'),
    name: [{ given: ['Ann', null], _given: [null, ext('c')], _family: { id: 'f' } }],
  },
  'bad companions': {
    resourceType: 'Observation',
    status: 'final',
    _status: 'final',
    code: { text: 'x', _text: [ext('d')] },
    valueString: 'v',
    _valueString: { extension: 'not an array' },
    _unknown: {},
  },
  'a Bundle with companions deep down': {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: 'urn:uuid:8ff49b6f-7726-4327-86c4-3069c43a8c3b',
        resource: { resourceType: 'Patient', active: false, _active: ext('e') },
      },
      {
        resource: {
          resourceType: 'Organization',
          name: 'Org',
          _name: ext('f'),
          alias: ['x'],
          _alias: [ext('g'), ext('h')],
        },
      },
    ],
  },
};

/** Code, severity and location of each issue. */
function digest(result: ValidationResult): string[] {
  return result.issues.map((i) => `${i.severity} ${i.code} ${i.expression} ${i.pointer}`);
}

describe('a value parsed from JSON by a door (ParsedJsonValue)', () => {
  const validator = validatorWith([]);
  for (const [name, payload] of Object.entries(payloads)) {
    it(`answers as the plain value and as text: ${name}`, () => {
      const text = JSON.stringify(payload);
      const plain = digest(validator.validate(JSON.parse(text) as object));
      expect(plain.length).toBeGreaterThan(0);
      expect(digest(validator.validate(new ParsedJsonValue(JSON.parse(text))))).toEqual(plain);
      expect(digest(validator.validate(text))).toEqual(plain);
    });
  }
});
