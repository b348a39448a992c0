/**
 * Narrative XHTML rules (https://hl7.org/fhir/R4/narrative.html#xhtml): a single `div` root in the
 * XHTML namespace, well-formed tags, only XML's predefined or numeric entities, and none of the
 * forbidden content (script, form elements, event attributes, external object embedding).
 * A small linear scanner: it checks structure, it does not build a DOM.
 * @module
 */
import type { ValidationContext } from './validation-context.js';

const forbiddenElements = new Set(['script', 'form', 'input', 'button', 'select', 'textarea', 'object', 'embed', 'iframe', 'frame', 'frameset', 'applet', 'base', 'link', 'meta', 'style', 'head', 'body', 'html', 'title']);
const xmlEntities = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Checks a narrative div; reports `structure.invalid-xhtml` with a short reason. */
export function checkXhtml(ctx: ValidationContext, text: string): void {
  const problem = findXhtmlProblem(text);
  if (problem) ctx.report('structure.invalid-xhtml', { detail: problem });
}

const plainOpen = '<div xmlns="http://www.w3.org/1999/xhtml">';
const plainClose = '</div>';

/**
 * The most common narrative, `<div xmlns="http://www.w3.org/1999/xhtml">text</div>` with no markup
 * or entity in the text, is well-formed as it stands: no scan needed.
 */
function isPlainDiv(text: string): boolean {
  if (!text.startsWith(plainOpen) || !text.endsWith(plainClose)) return false;
  const end = text.length - plainClose.length;
  if (end < plainOpen.length) return false;
  const lt = text.indexOf('<', plainOpen.length);
  if (lt !== end) return false;
  const amp = text.indexOf('&', plainOpen.length);
  return amp === -1 || amp > end;
}

/** Returns a description of the first problem, or undefined when the XHTML is acceptable. */
export function findXhtmlProblem(text: string): string | undefined {
  if (isPlainDiv(text)) return undefined;
  const src = text.trim();
  if (!/^<div[\s>/]/.test(src)) return 'the narrative must start with a <div> element';
  const stack: string[] = [];
  let seenRoot = false;
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z][A-Za-z0-9:_-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|&([^;\s&<]{0,32});?|<|&/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    const whole = m[0];
    if (whole.startsWith('<!--') || whole.startsWith('<![CDATA[')) continue;
    if (whole === '<') return "an unescaped '<' in the narrative";
    if (whole.startsWith('&')) {
      const name = m[5];
      if (!whole.endsWith(';') || name === undefined) return "an unescaped '&' in the narrative";
      if (!xmlEntities.has(name) && !/^#([0-9]{1,7}|x[0-9A-Fa-f]{1,6})$/.test(name)) return `Invalid entity in the XHTML ('&${name};')`;
      continue;
    }
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    const attrs = m[3] ?? '';
    const selfClosing = m[4] === '/';
    if (forbiddenElements.has(tag)) return `the element <${tag}> is not allowed in a narrative`;
    if (!closing) {
      if (/\son[a-z]+\s*=/i.test(attrs)) return 'event attributes (on…) are not allowed in a narrative';
      if (stack.length === 0) {
        if (seenRoot) return 'content after the root </div>';
        seenRoot = true;
        if (!/\sxmlns\s*=\s*("|')http:\/\/www\.w3\.org\/1999\/xhtml\1/.test(attrs)) return 'the root div must declare xmlns="http://www.w3.org/1999/xhtml"';
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
