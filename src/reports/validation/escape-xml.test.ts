import { XMLParser } from 'fast-xml-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText } from './escape-xml.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

function roundTrip(value: string): { text: string; attr: string } {
  const doc = parser.parse(`<r a="${escapeXmlAttribute(value)}">${escapeXmlText(value)}</r>`) as {
    r: { '#text'?: string; a: string } | string;
  };
  return typeof doc.r === 'string'
    ? { text: doc.r, attr: '' }
    : { text: doc.r['#text'] ?? '', attr: doc.r.a };
}

describe('escapeXml', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(escapeXmlText(`<&"'>]]>`)).toBe('&lt;&amp;&quot;&apos;&gt;]]&gt;');
    expect(escapeXmlAttribute('a\tb\nc\rd"')).toBe('a&#9;b&#10;c&#13;d&quot;');
  });

  it('writes characters XML cannot carry as visible \\uXXXX text', () => {
    expect(escapeXmlText('a\u0001b\u001bc\uffffd')).toBe('a\\u0001b\\u001bc\\uffffd');
    expect(escapeXmlText('x\ud800y')).toBe('x\\ud800y');
    expect(escapeXmlText('\ud83d\ude00')).toBe('\ud83d\ude00'); // a valid surrogate pair stays
  });

  it('never produces a character outside the XML 1.0 Char production', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        for (const out of [escapeXmlText(s), escapeXmlAttribute(s)]) {
          // eslint-disable-next-line no-control-regex
          if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff<]/.test(out)) return false;
          if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(out))
            return false;
        }
        return true;
      }),
    );
  });

  it('round-trips any string of valid XML characters through a parser', () => {
    const validChar = fc.oneof(
      fc.constantFrom('<', '&', '"', "'", '>', '\t', '\n', '\r', ']'),
      fc
        .string({ minLength: 1, maxLength: 1 })
        .filter((c) => /^[\u0020-\ud7ff\ue000-\ufffd]$/.test(c)),
    );
    fc.assert(
      fc.property(
        fc.array(validChar, { minLength: 1 }).map((a) => a.join('')),
        (s) => {
          const { attr } = roundTrip(s);
          return attr === s;
        },
      ),
    );
    expect(roundTrip(`x<&"'>\ry`).text).toBe(`x<&"'>\ry`);
  });
});
