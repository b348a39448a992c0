/**
 * The Worker handler in Node (the workerd run is in test/edge): packs loaded once, bindings read,
 * broken setup answered with a 500 OperationOutcome instead of an exception.
 */
import { describe, expect, it } from 'vitest';
import { createPack } from '../../src/pack/create-pack.js';
import { createWorkerHandler } from '../../src/server/worker.js';
import { baseRegistry, codesOf, outcomeOf } from './helpers.js';

const pack = JSON.stringify(
  createPack(
    [...baseRegistry().allResources()].filter(
      (r) =>
        r.resourceType === 'StructureDefinition' &&
        /\/(Patient|HumanName|string|code|date|boolean|Extension|Meta|Narrative|Element|Resource|DomainResource|uri|id|xhtml)$/.test(
          r.url ?? '',
        ),
    ),
    [],
  ),
);
const validate = (
  handler: ReturnType<typeof createWorkerHandler>,
  env: Record<string, unknown>,
  headers: Record<string, string> = {},
) =>
  handler.fetch(
    new Request('http://edge/fhir/$validate', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', ...headers },
      body: '{"resourceType":"Patient","birthDate":"1970-13-01"}',
    }),
    env,
  );

describe('createWorkerHandler', () => {
  it('validates with the packs and reads limit and key bindings', async () => {
    const handler = createWorkerHandler([pack]);
    const res = await validate(handler, { MDSS_MAX_BODY_BYTES: '10' });
    expect(res.status).toBe(413);
    expect(codesOf(await outcomeOf(res))).toEqual(['input.too-large']);
    const keyed = createWorkerHandler([pack]);
    expect((await validate(keyed, { MDSS_API_KEYS: `lead::${'0'.repeat(64)}` })).status).toBe(401);
    const open = await validate(createWorkerHandler([pack]), {});
    expect(open.status).toBe(200);
    expect(codesOf(await outcomeOf(open))).toContain('primitive.invalid-format');
  });

  it('answers a 500 OperationOutcome (no exception, no message) when the bindings are broken', async () => {
    const handler = createWorkerHandler([pack]);
    const res = await validate(handler, { MDSS_API_KEYS: 'lead::not-a-hash' });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const text = await res.text();
    expect(text).not.toContain('not-a-hash');
    expect(codesOf(JSON.parse(text) as { issue: [] })).toEqual(['http.internal-error']);
  });

  it('answers a 500 OperationOutcome for a corrupt pack', async () => {
    const res = await validate(createWorkerHandler(['{"formatVersion":99}']), {});
    expect(res.status).toBe(500);
  });
});
