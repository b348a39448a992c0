/**
 * Issue codes and parameters are typed from the registry: an unregistered literal code, or a
 * misspelt or missing parameter of a literal code, fails `npm run typecheck` (the `@ts-expect-error` lines below would themselves fail
 * if the typing regressed), and the runtime still renders the registry message.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IssueCode, IssueParamsOf } from './codes/index.js';
import { IssueCollector } from './collector.js';
import type { IssueParams } from './issue.js';

describe('typed issue params', () => {
  it('derive the params of a code from its template placeholders', () => {
    expectTypeOf<IssueParamsOf<'structure.unknown-resource-type'>>().toEqualTypeOf<{ readonly resourceType: string | number | boolean | null }>();
    expectTypeOf<keyof IssueParamsOf<'feed.adult-under-18'>>().toEqualTypeOf<never>();
    expectTypeOf<IssueParamsOf<string>>().toEqualTypeOf<IssueParams>();
    expectTypeOf<'input.duplicate-property'>().toMatchTypeOf<IssueCode>();
  });

  it('reject a wrong or missing param name at compile time', () => {
    const c = new IssueCollector();
    c.add({ code: 'input.duplicate-property', expression: '', pointer: '/a', params: { name: 'a' } });
    // @ts-expect-error misspelt parameter
    c.add({ code: 'input.duplicate-property', expression: '', pointer: '/b', params: { nam: 'b' } });
    // @ts-expect-error missing parameter
    c.add({ code: 'input.too-deep', expression: '', pointer: '', params: {} });
    // @ts-expect-error a literal code that is not registered (would throw at run time)
    expect(() => c.add({ code: 'input.no-such-code', expression: '', pointer: '' })).toThrow();
    expect(c.issues().map((i) => i.code).sort()).toEqual(['input.duplicate-property', 'input.duplicate-property', 'input.too-deep']);
  });
});
