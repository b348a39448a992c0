/**
 * XML 1.0 escaping for text content and attribute values.
 *
 * - `&`, `<`, `>`, `"`, `'` become entity references (`>` too, so `]]>` can never appear).
 * - Characters XML 1.0 cannot carry at all, not even as character references (C0 controls other
 *   than tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates), are written as the visible text
 *   `\uXXXX`, so the information survives and the document stays well-formed.
 * - CR is written `&#13;` (a parser would otherwise normalise it to LF); in attributes, tab and LF
 *   are written `&#9;`/`&#10;` too, since attribute-value normalisation would turn them into spaces.
 * @see https://www.w3.org/TR/xml/#charsets
 * @module
 */

// eslint-disable-next-line no-control-regex
const notXmlChar = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const textEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };
const attributeEntities: Readonly<Record<string, string>> = { ...textEntities, '\t': '&#9;', '\n': '&#10;' };

/** Any character either escape rewrites (a text without one is written as it is). */
// eslint-disable-next-line no-control-regex
const rewritten = /[&<>"'\r\n\t\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/** Escapes a string for XML text content. */
export function escapeXmlText(text: string): string {
  return replaceInvalid(text).replace(/[&<>"'\r]/g, (c) => textEntities[c]!);
}

/** Escapes a string for a double- or single-quoted XML attribute value. */
export function escapeXmlAttribute(text: string): string {
  if (!rewritten.test(text)) return text;
  return replaceInvalid(text).replace(/[&<>"'\r\n\t]/g, (c) => attributeEntities[c]!);
}

function replaceInvalid(text: string): string {
  return text.replace(notXmlChar, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
