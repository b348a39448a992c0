/**
 * Tests against the UK Core fixtures in ../shared/fixtures/ukcore (skipped when absent). Kept apart
 * from the unit tests so those stay free of Node built-ins and can run in an edge runtime.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkNhsNumber } from './nhs-number.js';
import { checkSctid } from './sctid.js';

const fixtures = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/fixtures/ukcore',
);
const examples = join(fixtures, 'examples');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'xml' ? [] : jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** Codings (`system` + `code`) and ValueSet/CodeSystem concept lists under the SNOMED CT system. */
function collectSnomedCodes(node: unknown, inSnomed: boolean, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectSnomedCodes(item, inSnomed, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const snomed =
    typeof obj['system'] === 'string' ? obj['system'] === 'http://snomed.info/sct' : inSnomed;
  if (obj['system'] === 'http://snomed.info/sct' && typeof obj['code'] === 'string')
    into.add(obj['code']);
  if (snomed && Array.isArray(obj['concept'])) {
    for (const c of obj['concept'] as unknown[]) {
      const code = (c as Record<string, unknown> | null)?.['code'];
      if (typeof code === 'string') into.add(code);
    }
  }
  for (const [key, value] of Object.entries(obj))
    collectSnomedCodes(value, key === 'concept' ? false : snomed, into);
}

describe.skipIf(!existsSync(fixtures))('UK Core fixtures', () => {
  it('every SNOMED CT code in the JSON files passes checkSctid', () => {
    const codes = new Set<string>();
    for (const file of jsonFiles(fixtures))
      collectSnomedCodes(JSON.parse(readFileSync(file, 'utf8')), false, codes);
    expect(codes.size).toBeGreaterThanOrEqual(2_713);
    const failing = [...codes].filter((code) => !checkSctid(code).ok);
    expect(failing).toEqual([]);
  });
});

/** Values of identifiers with the NHS number system, anywhere in a parsed JSON document. */
function collectNhsNumbers(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectNhsNumbers(item, into);
  } else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (obj['system'] === 'https://fhir.nhs.uk/Id/nhs-number' && typeof obj['value'] === 'string')
      into.add(obj['value']);
    for (const value of Object.values(obj)) collectNhsNumbers(value, into);
  }
}

describe.skipIf(!existsSync(examples))('UK Core example NHS numbers', () => {
  it('9912003888 and 9449307539 pass, 9912003890 fails on its check digit', () => {
    const found = new Set<string>();
    for (const name of readdirSync(examples).filter((n) => n.endsWith('.json'))) {
      collectNhsNumbers(JSON.parse(readFileSync(join(examples, name), 'utf8')), found);
    }
    expect([...found]).toEqual(expect.arrayContaining(['9449307539', '9912003888', '9912003890']));
    expect(checkNhsNumber('9912003888')).toEqual({ ok: true, testRange: false });
    expect(checkNhsNumber('9449307539')).toEqual({ ok: true, testRange: false });
    expect(checkNhsNumber('9912003890')).toEqual({
      ok: false,
      problem: 'check-digit',
      testRange: false,
    });
  });
});
