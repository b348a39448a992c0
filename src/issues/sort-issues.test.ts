/**
 * sortIssues compares pointers with comparePointers alone (no `===` first): pointers built by
 * concatenation, equal but separate strings, fall back to the code order; the order is the one the
 * collator gives, then by code.
 */
import { describe, expect, it } from 'vitest';
import { sortIssues } from './collector.js';
import type { Issue } from './issue.js';

/** A pointer built piece by piece, as ValidationContext.pointer builds one: a new string each call. */
function built(...tokens: (string | number)[]): string {
  let out = '';
  for (const t of tokens) out += '/' + String(t);
  return out;
}

function issue(pointer: string, code: string): Issue {
  return { code, pointer, severity: 'error', message: code, expression: '' } as unknown as Issue;
}

describe('sortIssues', () => {
  it('orders equal pointers (separate strings) by code, others by the collator', () => {
    const issues = [
      issue(built('entry', 10, 'resource', 'code', 'coding', 0, 'system'), 'b.code'),
      issue(built('entry', 2, 'resource', 'code', 'coding', 0, 'system'), 'z.code'),
      issue(built('entry', 10, 'resource', 'code', 'coding', 0, 'system'), 'a.code'),
      issue(built('entry', 2, 'resource', 'code', 'coding', 0, 'system'), 'c.code'),
      issue(built('entry', 2, 'resource', 'code', 'coding', 0, 'System'), 'd.code'),
      issue(built('entry', 2, 'resource', 'code', 'coding', 0, 'system'), 'a.code'),
      issue('', 'x.code'),
      issue(built('entry', 2, 'resource', 'code', 'coding', 0, 'system'), 'b.code'),
    ];
    const collator = new Intl.Collator('en', { numeric: true });
    const expected = [...issues].sort(
      (a, b) =>
        collator.compare(a.pointer, b.pointer) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
    const sorted = sortIssues(issues);
    expect(sorted.map((i) => [i.pointer, i.code])).toEqual(
      expected.map((i) => [i.pointer, i.code]),
    );
    expect(sorted.map((i) => i.code)).toEqual([
      'x.code',
      'a.code',
      'b.code',
      'c.code',
      'z.code',
      'd.code',
      'a.code',
      'b.code',
    ]);
  });
});
