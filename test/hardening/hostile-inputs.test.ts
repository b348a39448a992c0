/**
 * Hostile inputs at the service and feed layers: invalid UTF-8 bytes, a 100 MB NDJSON body (refused
 * without being read whole), 10,000-deep nesting over HTTP, prototype-polluting keys over HTTP and a
 * CSV with an unterminated quote. Behaviour only: statuses, issue codes, results.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFeed } from '../../src/feeds/validate-feed.js';
import { createApp } from '../../src/server/app.js';
import { baseValidator } from '../support/shared-validator.js';
import { expectResult } from './result-shape.js';

const app = createApp({ validator: baseValidator() });
const fhirJson = { 'content-type': 'application/fhir+json' };

async function outcomeCodes(res: Response): Promise<string[]> {
  const body = (await res.json()) as { issue?: { details?: { coding?: { code?: string }[] } }[] };
  return (body.issue ?? []).flatMap((i) => (i.details?.coding ?? []).map((c) => c.code ?? ''));
}

describe('hostile HTTP bodies', () => {
  it('answers 400 input.invalid-utf8 for invalid UTF-8 bytes', async () => {
    const head = new TextEncoder().encode('{"resourceType":"Patient","name":[{"family":"');
    const bad = new Uint8Array([
      0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe,
    ]);
    const tail = new TextEncoder().encode('"}]}');
    const body = new Uint8Array([...head, ...bad, ...tail]);
    for (const path of ['/fhir/$validate', '/v1/validate']) {
      const res = await app.request(path, { method: 'POST', headers: fhirJson, body });
      expect(res.status).toBe(400);
      expect(await outcomeCodes(res)).toContain('input.invalid-utf8');
    }
  });

  it('refuses a 100 MB NDJSON body with 413 and stops reading early', async () => {
    const line = `${JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Testpatient' }] })}\n`;
    const chunk = new TextEncoder().encode(line.repeat(Math.ceil(1_048_576 / line.length)));
    const totalChunks = 100;
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= totalChunks) controller.close();
        else {
          pulled++;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await app.request('/v1/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+ndjson' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(totalChunks);
  });

  it('answers 400 (not a crash) for 10,000-deep nesting', async () => {
    const depth = 10_000;
    const body = `{"resourceType":"Patient","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const res = await app.request('/fhir/$validate', { method: 'POST', headers: fhirJson, body });
    expect(res.status).toBe(400);
  });

  it('validates bodies with __proto__/constructor keys without polluting Object.prototype', async () => {
    const bodies = [
      '{"resourceType":"Patient","__proto__":{"polluted":1}}',
      '{"resourceType":"Parameters","parameter":[{"name":"resource","resource":{"resourceType":"Patient","constructor":{"prototype":{"polluted":1}}}}]}',
      '{"resourceType":"Patient","name":[{"__proto__":{"polluted":1}}]}',
    ];
    for (const body of bodies) {
      const res = await app.request('/fhir/$validate', { method: 'POST', headers: fhirJson, body });
      expect([200, 400]).toContain(res.status);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('hostile feeds', () => {
  const csv = readFileSync(
    new URL('../../examples/northvale-council-asc/cld-2026-q2-valid.csv', import.meta.url),
    'utf8',
  );
  const header = csv.split('\n')[0] ?? '';

  it('returns a result for a CSV with an unterminated quote', () => {
    const text = `${header}\n"unterminated,${'x,'.repeat(40)}\n${csv.split('\n')[1] ?? ''}\n`;
    const result = validateFeed(text, { feed: 'cld', format: 'csv' });
    expectResult(result);
    expect(result.valid).toBe(false);
  });

  it('returns a result for a CSV that ends inside a quoted field', () => {
    const result = validateFeed(`${header}\n"${'a'.repeat(100_000)}`, {
      feed: 'cld',
      format: 'csv',
    });
    expectResult(result);
    expect(result.valid).toBe(false);
  });
});
