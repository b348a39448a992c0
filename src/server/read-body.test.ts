import { describe, expect, it } from 'vitest';
import { HttpProblem } from './http-problem.js';
import { readBody, readBodyBytes } from './read-body.js';

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/x', { method: 'POST', body, headers });

async function statusOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof HttpProblem ? e.status : -1;
  }
}

describe('readBodyBytes', () => {
  it('reads a body of declared length whole, and a body of unknown length as it streams', async () => {
    expect((await readBody(post('{"a":1}', { 'content-length': '7' }), 100)).text).toBe('{"a":1}');
    expect((await readBody(post('{"a":1}'), 100)).text).toBe('{"a":1}');
  });

  it('413 when the declared length or the bytes read pass the limit, whichever the body says', async () => {
    expect(
      await statusOf(readBodyBytes(post('x'.repeat(20), { 'content-length': '20' }), 10)),
    ).toBe(413);
    expect(await statusOf(readBodyBytes(post('x'.repeat(20), { 'content-length': '5' }), 10))).toBe(
      413,
    );
    expect(await statusOf(readBodyBytes(post('x'.repeat(20)), 10))).toBe(413);
  });
});
