/**
 * The service's OperationOutcomes come from the one mapping (issues/to-operation-outcome.ts): each
 * `$validate` issue carries its JSON pointer in the issue-pointer extension, as the CLI's
 * `--format operationoutcome` does.
 */
import { describe, expect, it } from 'vitest';
import { issuePointerExtension } from '../../src/issues/to-operation-outcome.js';
import { createApp } from '../../src/server/app.js';
import { baseValidator, mdssCode, outcomeOf, post } from './helpers.js';

const app = createApp({ validator: baseValidator(), limits: { maxBodyBytes: 64 * 1024 } });

describe('OperationOutcome extensions on the service', () => {
  it('$validate gives every located issue its JSON pointer', async () => {
    const body = JSON.stringify(
      { resourceType: 'Patient', birthDate: '1970-13-45', name: [{ family: 'X', given: [''] }] },
      null,
      2,
    );
    const res = await app.request('/fhir/Patient/$validate', post(body));
    expect(res.status).toBe(200);
    const outcome = await outcomeOf(res);
    const pointers = outcome.issue.map((i) => [
      mdssCode(i),
      i.expression?.[0],
      i.extension?.find((e) => e.url === issuePointerExtension)?.valueString,
    ]);
    expect(pointers).toEqual(
      expect.arrayContaining([['primitive.invalid-format', 'Patient.birthDate', '/birthDate']]),
    );
    // Issues below the root have a pointer; issues on the whole resource have none (the empty pointer).
    for (const [code, expression, pointer] of pointers)
      expect(pointer === undefined, `${code} ${expression}`).toBe(expression === 'Patient');
  });
});
