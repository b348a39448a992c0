import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findXhtmlProblem,
  hasContent,
  notSimple,
  scanXhtmlProblem,
  simpleEmpty,
  simpleNarrative,
} from './xhtml.js';

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

describe('the simple-narrative fast path', () => {
  it('never accepts what the general scan rejects, and agrees on the usual shapes', () => {
    const piece = fc.constantFrom(
      'text ',
      '<p>',
      '</p>',
      '<b>',
      '</b>',
      '<br/>',
      '<br />',
      '</div>',
      '<div>',
      '&amp;',
      '&',
      '<',
      '>',
      '<script>',
      '</script>',
      '<P>',
      '</P>',
      '<p class="x">',
      '<!-- c -->',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (pieces, close) => {
        const text = open + pieces.join('') + (close ? '</div>' : '');
        const fast = findXhtmlProblem(text);
        const full = scanXhtmlProblem(text);
        if (fast === undefined) expect(full, text).toBeUndefined();
        else expect(fast).toBe(full);
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(findXhtmlProblem(`${open}<p>Blood pressure 104/61 mmHg</p></div>`)).toBeUndefined();
    expect(findXhtmlProblem(`${open}<p>a</p></div>tail`)).toBe(
      scanXhtmlProblem(`${open}<p>a</p></div>tail`),
    );
  });

  it('decides txt-2 on the fast path as the general check does', () => {
    const open = '<div xmlns="http://www.w3.org/1999/xhtml">';
    const piece = fc.constantFrom(
      '<p>',
      '</p>',
      '<br/>',
      '<img/>',
      '<IMG>',
      '<img2/>',
      '</div>',
      'x',
      ' ',
      '\n',
      '\u00a0',
      '\u2003',
      '\ufeff',
      '\u200b',
      '>',
      '&nbsp;',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = `${open}${pieces.join('')}</div>`;
        const simple = simpleNarrative(text);
        if (simple === notSimple) return;
        expect(scanXhtmlProblem(text), text).toBeUndefined();
        expect(simple === simpleEmpty, text).toBe(!hasContent(text));
      }),
      { numRuns: 3000, seed: 11 },
    );
    // the one-paragraph shape (judged at once) agrees with the general scan and with hasContent
    const inner = fc.constantFrom(
      'x',
      ' ',
      '\n',
      '\u00a0',
      '\u2003',
      '\ufeff',
      '\u200b',
      '>',
      '&amp;',
      '<',
      'a b',
    );
    fc.assert(
      fc.property(fc.array(inner, { maxLength: 6 }), (pieces) => {
        const body = pieces.join('');
        const text = `${open}<p>${body}</p></div>`;
        const simple = simpleNarrative(text);
        expect(simple === notSimple, text).toBe(body.includes('<') || body.includes('&'));
        if (simple === notSimple) return;
        expect(scanXhtmlProblem(text), text).toBeUndefined();
        expect(simple === simpleEmpty, text).toBe(!hasContent(text));
      }),
      { numRuns: 2000, seed: 12 },
    );
    expect(simpleNarrative(`${open}<p> </p></div>`)).toBe(simpleEmpty);
    expect(simpleNarrative(`${open}<p>\u00a0x</p></div>`)).not.toBe(simpleEmpty);
  });
});
