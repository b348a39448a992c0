/**
 * Writes `schemas/cld-event-r2.schema.json`, the JSON Schema of one row of a CLD Release 2 return,
 * from the field list in `src/feeds/cld-release-2-fields.ts` (types, date formats, defined lists,
 * patterns, bounds). The schema requires nothing: whether a field is mandatory depends on the row
 * (`src/feeds/cld-field-conditions.ts`) and the feed engine decides it. A test keeps the file equal
 * to what this script writes.
 *
 * Usage: `node --import tsx scripts/gen-cld-schema.ts` (`npm run gen:cld-schema`).
 * @module
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FeedField } from '../src/feeds/cld-fields.js';
import { cldRelease2Fields, cldRelease2ForbiddenCombinations } from '../src/feeds/cld-release-2-fields.js';

const typeOf = { string: 'string', date: 'string', number: 'number', integer: 'integer' } as const;

function property(f: FeedField): Record<string, unknown> {
  if (f.ignored) return { description: 'Not a Release 2 field: accepted in a template, never read, stored or echoed.' };
  const p: Record<string, unknown> = { type: typeOf[f.kind] };
  if (f.kind === 'date') p.format = 'date';
  if (f.kind === 'string' && !f.list) p.minLength = 1;
  if (f.pattern) p.pattern = f.pattern;
  if (f.minimum !== undefined) p.minimum = f.minimum;
  if (f.maximum !== undefined) p.maximum = f.maximum;
  p.description = `${f.module}.${f.rule ? ` England rule ${f.rule}.` : ''}`;
  if (f.list) p.enum = [...f.list];
  return p;
}

/** The Release 2 schema as a JSON value. */
export function cldRelease2Schema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://mdss.example.org/schemas/cld-event-r2.schema.json',
    title: 'Adult Social Care Client Level Data (CLD) event record, Release 2',
    description:
      'One row of a council\'s CLD return (Release 2, May 2025 update): the 46 national fields with their types, formats and defined lists. Generated from src/feeds/cld-release-2-fields.ts by scripts/gen-cld-schema.ts; do not edit. Nothing is required here: whether a field is mandatory, applicable or not applicable depends on the row (event type, client type, age at the period end, primary support reason, delivery mechanism, ...) and is decided by the feed engine from the condition table (src/feeds/cld-field-conditions.ts). Release 1 values are reported as cld.release-1-value and mapped before this schema applies. Name columns are accepted and never read.',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(cldRelease2Fields.map((f) => [f.name, property(f)])),
    allOf: cldRelease2ForbiddenCombinations.map((c) => ({
      description: c.description,
      if: { properties: { [c.when.field]: { const: c.when.value } }, required: [c.when.field] },
      then: { properties: { [c.forbid.field]: { not: { const: c.forbid.value } } } },
    })),
  };
}

/** The schema file's text. */
export function cldRelease2SchemaText(): string {
  return `${JSON.stringify(cldRelease2Schema(), null, 2)}\n`;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const out = resolve(fileURLToPath(import.meta.url), '../../schemas/cld-event-r2.schema.json');
  writeFileSync(out, cldRelease2SchemaText());
  console.log(`gen-cld-schema: wrote ${out}`);
}
