/** Keeps src/feeds/cld-fields.ts (what the CSV reader uses) and schemas/cld-event.schema.json in step. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cldFields } from './cld-fields.js';

const schemaPath = fileURLToPath(new URL('../../schemas/cld-event.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
  required: string[];
  properties: Record<string, { type: string; format?: string; enum?: string[] }>;
};

const typeOf = { string: 'string', date: 'string', number: 'number', integer: 'integer' } as const;

describe('CLD fields and schema', () => {
  it('name the same fields, in the same order', () => {
    expect(cldFields.map((f) => f.name)).toEqual(Object.keys(schema.properties));
  });

  it('agree on each field type, date format and defined list', () => {
    for (const f of cldFields) {
      const p = schema.properties[f.name]!;
      expect(p.type, f.name).toBe(typeOf[f.kind]);
      expect(p.format === 'date', f.name).toBe(f.kind === 'date');
      expect(p.enum, f.name).toEqual(f.list ? [...f.list] : undefined);
    }
  });

  it('mark as always required exactly the fields the schema requires', () => {
    expect(
      cldFields
        .filter((f) => f.alwaysRequired)
        .map((f) => f.name)
        .sort(),
    ).toEqual([...schema.required].sort());
  });
});
