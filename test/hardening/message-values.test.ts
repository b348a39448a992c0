/**
 * Issue 14, item 13: messages name the element and the rule, and quote a payload value only when the
 * caller asked for values (`showValues`). Off by default: parser and FHIRPath error texts, cell
 * values and column or property names read `[value]` in the message and the params, in the engine
 * results and in HTTP responses.
 */
import { describe, expect, it } from 'vitest';
import { validateFeed } from '../../src/feeds/validate-feed.js';
import { hiddenValue, IssueCollector } from '../../src/issues/collector.js';
import { createApp } from '../../src/server/app.js';
import { baseValidator, post } from '../server/helpers.js';

const dob = '1987-06-05';
const secretColumn = 'JohnSmith_9434765918';

describe('payload values in messages', () => {
  it('a FHIRPath evaluation error text quoting a date of birth is hidden unless asked for', () => {
    const input = {
      code: 'invariant.evaluation-error',
      expression: 'Patient',
      pointer: '',
      params: { key: 'pat-x', detail: `cannot compare ${dob} with 'x'` },
    };
    const hidden = new IssueCollector();
    hidden.add(input);
    const [issue] = hidden.issues();
    expect(JSON.stringify(issue)).not.toContain(dob);
    expect(issue?.params['detail']).toBe(hiddenValue);
    expect(issue?.params['key']).toBe('pat-x');
    const shown = new IssueCollector({ showValues: true });
    shown.add(input);
    expect(shown.issues()[0]?.message).toContain(dob);
  });

  it('feeds: an unknown CSV column name and an NDJSON parse error are hidden by default, shown with showValues', () => {
    const csv = `LA_Code,${secretColumn}\n999,x\n`;
    const quiet = validateFeed(csv, { feed: 'cld' });
    expect(quiet.issues.some((i) => i.code === 'feed.csv-unknown-column')).toBe(true);
    expect(JSON.stringify(quiet.issues)).not.toContain(secretColumn);
    const loud = validateFeed(csv, { feed: 'cld', showValues: true });
    expect(JSON.stringify(loud.issues)).toContain(secretColumn);

    const ndjson = `{"LA_Code":"999"}\n{"NHS_Number":"${dob}"\n`;
    const bad = validateFeed(ndjson, { feed: 'cld', format: 'ndjson' });
    const line = bad.issues.find((i) => i.code === 'feed.ndjson-invalid-line');
    expect(line?.params['detail']).toBe(hiddenValue);
    expect(line?.pointer).toBe('/1');
  });

  it('FHIR: a repeated property name is hidden by default, shown with showValues', () => {
    const validator = baseValidator();
    const text = `{"resourceType":"Patient","${secretColumn}":1,"${secretColumn}":2}`;
    const message = (show: boolean) => {
      const dup = validator
        .validate(text, { showValues: show })
        .issues.find((i) => i.code === 'input.duplicate-property');
      return JSON.stringify([dup?.message, dup?.params]);
    };
    expect(message(false)).not.toContain(secretColumn);
    expect(message(true)).toContain(secretColumn);
  });

  it('HTTP responses do not quote them', async () => {
    const app = createApp({ validator: baseValidator() });
    const res = await app.request(
      '/v1/validate?feed=cld',
      post(`LA_Code,${secretColumn}\n999,x\n`, 'text/csv'),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(secretColumn);
  });
});
