import { describe, expect, it } from 'vitest';
import { findXhtmlProblem } from './xhtml.js';

const open = '<div xmlns="http://www.w3.org/1999/xhtml">';

describe('findXhtmlProblem', () => {
  it('accepts plain and nested narratives', () => {
    expect(findXhtmlProblem(`${open}Patient record</div>`)).toBeUndefined();
    expect(findXhtmlProblem(`${open}</div>`)).toBeUndefined();
    expect(findXhtmlProblem(`${open}<p>a &amp; b</p><br/></div>`)).toBeUndefined();
    expect(findXhtmlProblem(`  ${open}x</div>\n`)).toBeUndefined();
  });

  it('rejects what the plain-div fast path must not let through', () => {
    // each starts and ends like a plain div, so only the full scan can judge it
    for (const text of [
      `${open}a & b</div>`,
      `${open}a &bogus; b</div>`,
      `${open}<script>x</script></div>`,
      `${open}<p>open</div>`,
      `${open}x</div><div>y</div>`,
      `${open}a < b</div>`,
    ]) {
      expect(findXhtmlProblem(text), text).toBeDefined();
    }
  });

  it('requires the root div and its namespace', () => {
    expect(findXhtmlProblem('<p>x</p>')).toBeDefined();
    expect(findXhtmlProblem('<div>x</div>')).toBeDefined();
  });
});
