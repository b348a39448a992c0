/**
 * Narrative XHTML rules (https://hl7.org/fhir/R4/narrative.html#xhtml): a single `div` root in the
 * XHTML namespace, well-formed tags, only XML's predefined or numeric entities, and none of the
 * forbidden content (script, form elements, event attributes, external object embedding).
 * A small linear scanner: it checks structure, it does not build a DOM.
 * @module
 */
import { checkNarrativeLinks } from './narrative-links.js';
import type { ValidationContext } from './validation-context.js';
import { isWhitespace } from './whitespace.js';

const forbiddenElements = new Set([
  'script',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'object',
  'embed',
  'iframe',
  'frame',
  'frameset',
  'applet',
  'base',
  'link',
  'meta',
  'style',
  'head',
  'body',
  'html',
  'title',
]);
const xmlEntities = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Checks a narrative div; reports `structure.invalid-xhtml` with a short reason. */
export function checkXhtml(ctx: ValidationContext, text: string): void {
  // the common narrative: well-formed and allowed, no attribute (so no link), content known
  const simple = simpleNarrative(text);
  if (simple !== notSimple) {
    if (simple === simpleEmpty) reportNoContent(ctx);
    return;
  }
  const problem = scanXhtmlProblem(text);
  if (problem) ctx.report('structure.invalid-xhtml', { detail: problem });
  else {
    checkNarrativeLinks(ctx, text);
    if (!hasContent(text)) reportNoContent(ctx);
  }
}

function reportNoContent(ctx: ValidationContext): void {
  ctx.report(
    'invariant.failed',
    { key: 'txt-2', human: 'The narrative SHALL have some non-whitespace content' },
    { rule: { constraintKey: 'txt-2' } },
  );
}

/** txt-2: well-formed narrative has some non-whitespace text, or an image (exported for the fast path's test). */
export function hasContent(text: string): boolean {
  if (/<img[\s/>]/i.test(text)) return true;
  const inner = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '');
  return /\S/.test(inner.replace(/&nbsp;|&#160;|&#xa0;/gi, ' ').replace(/\u00a0/g, ' '));
}

const plainOpen = '<div xmlns="http://www.w3.org/1999/xhtml">';
/** The end of {@link simpleNarrative}'s one-paragraph shape, and that shape's shortest length. */
const plainParagraphClose = '</p></div>';
const plainParagraphLength = plainOpen.length + 3 + plainParagraphClose.length;

/** What {@link simpleNarrative} finds: not the simple shape. */
export const notSimple = 0;
/** What {@link simpleNarrative} finds: the simple shape, with content. */
export const simpleWithContent = 1;
/** What {@link simpleNarrative} finds: the simple shape, without content (txt-2 fails). */
export const simpleEmpty = 2;

/**
 * The common narrative shape, decided without the general scan: the exact root
 * `<div xmlns="http://www.w3.org/1999/xhtml">`, then text and attribute-free tags (`<p>`, `</p>`,
 * `<br/>`) that nest properly and close the root at the very end. Such a narrative is well-formed
 * and allowed, and holds no link; the answer says whether it has content (txt-2, as
 * {@link hasContent} decides: a non-whitespace character in the text, or an `img`).
 * {@link notSimple} means "not this shape" (an entity, an attribute, a forbidden element, a comment,
 * a mismatch …), and the general scan below decides and explains.
 */
export function simpleNarrative(text: string): number {
  // prefixes compared as slices: V8 unrolls `startsWith` of a constant into per-character reads,
  // several times the cost of one slice and string comparison
  if (text.slice(0, plainOpen.length) !== plainOpen) return notSimple;
  // the commonest of all: one paragraph of plain text (no `<`, no `&` inside), judged at once
  const n = text.length;
  if (
    n >= plainParagraphLength &&
    text.slice(plainOpen.length, plainOpen.length + 3) === '<p>' &&
    text.slice(n - plainParagraphClose.length) === plainParagraphClose &&
    text.indexOf('<', plainOpen.length + 3) === n - plainParagraphClose.length &&
    !text.includes('&', plainOpen.length)
  )
    return hasNonWhitespace(text, plainOpen.length + 3, n - plainParagraphClose.length)
      ? simpleWithContent
      : simpleEmpty;
  // the open elements by where their names sit in the text (start, length): no name string is made
  // for the usual short names (the root's `div` is at offset 1 of the open tag)
  const stack: number[] = [1, 3];
  // an entity anywhere: not this shape (no `&` can sit inside the tags this shape allows)
  if (text.includes('&', plainOpen.length)) return notSimple;
  let content = false;
  let i = plainOpen.length;
  while (i < n) {
    // the text up to the next tag is jumped over, once some content is seen
    const lt = text.indexOf('<', i);
    if (!content) content = hasNonWhitespace(text, i, lt < 0 ? n : lt);
    if (lt < 0) break;
    i = lt;
    if (stack.length === 0) return notSimple; // content after the root
    let j = i + 1;
    const closing = text.charCodeAt(j) === 47; /* / */
    if (closing) j++;
    const nameStart = j;
    while (j < n && isAlphaNumeric(text.charCodeAt(j))) j++;
    if (j === nameStart || !isLetter(text.charCodeAt(nameStart))) return notSimple;
    const length = j - nameStart;
    const selfClosing = !closing && text.charCodeAt(j) === 47; /* / */
    if (selfClosing) j++;
    if (text.charCodeAt(j) !== 62 /* > */) return notSimple;
    if (isForbidden(text, nameStart, length)) return notSimple;
    if (!closing && isImg(text, nameStart, length)) content = true;
    i = j + 1;
    if (closing) {
      if (!closesTop(text, stack, nameStart, length)) return notSimple;
      // the root closes at the very end
      if (stack.length === 0)
        return i !== n ? notSimple : content ? simpleWithContent : simpleEmpty;
    } else if (!selfClosing) stack.push(nameStart, length);
  }
  return notSimple; // the root is not closed
}

/** Whether `text` has a non-whitespace character from `from` to `to`. */
function hasNonWhitespace(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isWhitespace(text.charCodeAt(k))) return true;
  return false;
}

/** Pops the innermost open element (see {@link simpleNarrative}): whether the closing name matches it. */
function closesTop(text: string, stack: number[], nameStart: number, length: number): boolean {
  const openLength = stack.pop()!;
  const openStart = stack.pop()!;
  return openLength === length && sameName(text, openStart, nameStart, length);
}

/** Whether the element name at `start` is forbidden (every forbidden name has 4 to 8 letters). */
function isForbidden(text: string, start: number, length: number): boolean {
  return (
    length >= 4 &&
    length <= 8 &&
    forbiddenElements.has(text.slice(start, start + length).toLowerCase())
  );
}

/** Whether the element name at `at` (of `length` characters) is `img`, in any case. */
function isImg(text: string, at: number, length: number): boolean {
  return (
    length === 3 &&
    (text.charCodeAt(at) | 0x20) === 105 &&
    (text.charCodeAt(at + 1) | 0x20) === 109 &&
    (text.charCodeAt(at + 2) | 0x20) === 103
  );
}

/**
 * Whether the element names of `length` letters and digits at `a` and `b` in `text` are equal
 * ignoring ASCII case (as their lower-case forms compare: `| 0x20` lowers a letter, keeps a digit).
 */
function sameName(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++)
    if ((text.charCodeAt(a + k) | 0x20) !== (text.charCodeAt(b + k) | 0x20)) return false;
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlphaNumeric(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57);
}

/** Returns a description of the first problem, or undefined when the XHTML is acceptable. */
export function findXhtmlProblem(text: string): string | undefined {
  return simpleNarrative(text) !== notSimple ? undefined : scanXhtmlProblem(text);
}

/** The general scan behind {@link findXhtmlProblem} (exported for the test that holds the fast path to it). */
export function scanXhtmlProblem(text: string): string | undefined {
  const src = text.trim();
  if (!/^<div[\s>/]/.test(src)) return 'the narrative must start with a <div> element';
  const stack: string[] = [];
  let seenRoot = false;
  const re =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z][A-Za-z0-9:_-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|&([^;\s&<]{0,32});?|<|&/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    const whole = m[0];
    if (whole.startsWith('<!--') || whole.startsWith('<![CDATA[')) continue;
    if (whole === '<') return "an unescaped '<' in the narrative";
    if (whole.startsWith('&')) {
      const name = m[5];
      if (!whole.endsWith(';') || name === undefined) return "an unescaped '&' in the narrative";
      if (!xmlEntities.has(name) && !/^#([0-9]{1,7}|x[0-9A-Fa-f]{1,6})$/.test(name))
        return `Invalid entity in the XHTML ('&${name};')`;
      continue;
    }
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    const attrs = m[3] ?? '';
    const selfClosing = m[4] === '/';
    if (forbiddenElements.has(tag)) return `the element <${tag}> is not allowed in a narrative`;
    if (!closing) {
      if (/\son[a-z]+\s*=/i.test(attrs))
        return 'event attributes (on…) are not allowed in a narrative';
      if (stack.length === 0) {
        if (seenRoot) return 'content after the root </div>';
        seenRoot = true;
        if (!/\sxmlns\s*=\s*("|')http:\/\/www\.w3\.org\/1999\/xhtml\1/.test(attrs))
          return 'the root div must declare xmlns="http://www.w3.org/1999/xhtml"';
      }
      if (!selfClosing) stack.push(tag);
    } else {
      const open = stack.pop();
      if (open !== tag) return `the closing tag </${tag}> does not match <${open ?? 'nothing'}>`;
    }
  }
  if (stack.length) return `the element <${stack[stack.length - 1]}> is not closed`;
  return undefined;
}
