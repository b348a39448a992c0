/**
 * Issue 14, item 5: repeated JSON property names are reported (`input.duplicate-property`, at the
 * repeated name) wherever JSON is read: a FHIR resource, FHIR NDJSON, the service's $validate, and
 * the CLD/CIN JSON and NDJSON feeds. `JSON.parse` would silently keep the last one.
 */
import { describe, expect, it } from 'vitest';
import { validateFeed } from '../../src/feeds/validate-feed.js';
import { parseJson } from '../../src/input/json-text.js';
import type { Issue } from '../../src/issues/issue.js';
import { createApp } from '../../src/server/app.js';
import { baseValidator, codesOf, lineCol, mdssCode, outcomeOf, post } from '../server/helpers.js';

const validator = baseValidator();
const dup = (issues: readonly Issue[]) =>
  issues.filter((i) => i.code === 'input.duplicate-property');

describe('duplicate JSON property names', () => {
  it('parseJson finds them (nested, escaped names, whitespace before the colon), and none in clean text', () => {
    const parsed = parseJson('{"a":1,"b":{"c":"x\\":","c" :2},"l":[{"d":1,"d":2}],"a":3}');
    expect(parsed.ok && parsed.duplicates?.map((d) => d.pointer)).toEqual(['/b/c', '/l/0/d', '/a']);
    const clean = parseJson('{"a":"\\"b\\":","c":[{"a":1},{"a":2}],"__proto__":1}');
    expect(clean.ok && clean.duplicates).toBeUndefined();
  });

  it('a FHIR resource with resourceType twice gets an error at the second name', () => {
    const text = '{"resourceType":"Observation",\n "resourceType":"Patient"}';
    const result = validator.validate(text);
    expect(result.valid).toBe(false);
    const issues = dup(result.issues);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      severity: 'error',
      pointer: '/resourceType',
      expression: 'Patient.resourceType',
      position: { line: 2, column: 2 },
    });
  });

  it('POST /fhir/$validate answers it', async () => {
    const app = createApp({ validator });
    const res = await app.request(
      '/fhir/$validate',
      post('{"resourceType":"Patient","gender":"male","gender":"female"}'),
    );
    const outcome = await outcomeOf(res);
    expect(codesOf(outcome)).toContain('input.duplicate-property');
    const issue = outcome.issue.find((i) => mdssCode(i) === 'input.duplicate-property')!;
    expect(issue.severity).toBe('error');
    expect(issue.expression).toEqual(['Patient.gender']);
    expect(lineCol(issue)).toEqual({ line: 1, column: 43 });
  });

  it('CLD JSON and NDJSON feeds report it at the record', () => {
    const json = validateFeed('[{"LA_Code":"999","LA_Code":"998"}]', {
      feed: 'cld',
      format: 'json',
    });
    expect(dup(json.issues).map((i) => [i.pointer, i.expression])).toEqual([
      ['/0/LA_Code', 'Row[0].LA_Code'],
    ]);
    const ndjson = validateFeed('{"LA_Code":"999"}\n{"LA_Code":"999","LA_Code":"998"}\n', {
      feed: 'cld',
      format: 'ndjson',
    });
    expect(dup(ndjson.issues).map((i) => [i.pointer, i.expression, i.position?.line])).toEqual([
      ['/1/LA_Code', 'Row[1].LA_Code', 2],
    ]);
  });

  it('CIN JSON feed reports it', () => {
    const cin = validateFeed('[{"LAchildID":"C1","LAchildID":"C2"}]', {
      feed: 'cin',
      format: 'json',
    });
    expect(dup(cin.issues).map((i) => i.pointer)).toEqual(['/0/LAchildID']);
  });
});
