/**
 * Narrative controls a profile sets on a Narrative element with the HL7 extensions
 * `narrative-language-control` (language sections: `_no` prohibits them, `_yes` requires them,
 * `_resource` requires one for the resource's language, a language code requires one for that
 * language) and `narrative-source-control` (every text must sit in an element whose `class` says its
 * source: `boilerplate`, `generated` or `original`; the value is the severity: error, warning or
 * hint). A language section is an element directly under the root div with `lang` or `xml:lang`.
 * @module
 */
import type { NarrativeControl } from '../definitions/compiled/element-node.js';
import type { ValidationContext } from './validation-context.js';
import { isObject } from './walk-element.js';
import { findXhtmlProblem } from './xhtml.js';

/** Source classes of the narrative-source-control extension. */
const sourceClasses = new Set(['boilerplate', 'generated', 'original']);

const reToken =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z][A-Za-z0-9:_.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|[^<]+/g;
const reAttr = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** What the controls need from a narrative div: its language sections and its unsourced texts. */
interface NarrativeShape {
  /** Languages of the root div's child elements that carry `lang`/`xml:lang`, in order. */
  readonly sections: string[];
  /** How many non-whitespace texts have no enclosing element of a source class. */
  readonly unsourced: number;
}

/** Checks a Narrative value against the controls its element definition carries. */
export function checkNarrativeControl(
  ctx: ValidationContext,
  control: NarrativeControl,
  narrative: unknown,
): void {
  if (!isObject(narrative) || typeof narrative['div'] !== 'string') return;
  const div = narrative['div'];
  if (findXhtmlProblem(div) !== undefined) return; // invalid XHTML is reported on its own
  const shape = shapeOf(div);
  for (const mode of control.languages) checkLanguage(ctx, mode, shape.sections);
  if (control.source !== undefined) {
    const severity =
      control.source === 'error'
        ? 'error'
        : control.source === 'warning'
          ? 'warning'
          : 'information';
    if (shape.unsourced > 0)
      ctx.report('profile.narrative-source-missing', { count: shape.unsourced }, { severity });
  }
}

function checkLanguage(ctx: ValidationContext, mode: string, sections: string[]): void {
  if (mode === '_no') {
    if (sections.length > 0)
      ctx.report('profile.narrative-language-sections-prohibited', {
        languages: [...sections].sort().join(', '),
      });
    return;
  }
  if (mode === '_yes') {
    if (sections.length === 0) ctx.report('profile.narrative-language-sections-required', {});
    return;
  }
  const resource = ctx.resources[ctx.resources.length - 1];
  const language =
    mode === '_resource'
      ? typeof resource?.['language'] === 'string'
        ? resource['language']
        : undefined
      : mode;
  if (language === undefined || sections.some((s) => sameLanguage(s, language))) return;
  ctx.report('profile.narrative-language-section-missing', { language });
}

/** BCP 47 tags compare case-insensitively. */
function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Reads the language sections and unsourced texts of a well-formed narrative div. */
function shapeOf(div: string): NarrativeShape {
  const sections: string[] = [];
  let unsourced = 0;
  // per open element: does it (or an ancestor) give a source class
  const sourced: boolean[] = [];
  for (const m of div.matchAll(reToken)) {
    const whole = m[0];
    if (whole.startsWith('<!--')) continue;
    const name = m[3];
    if (name === undefined) {
      const text = m[1] ?? whole;
      if (/\S/.test(text) && sourced.length > 0 && !sourced[sourced.length - 1]) unsourced++;
      continue;
    }
    if (m[2] === '/') {
      sourced.pop();
      continue;
    }
    const attrs = attributes(m[4] ?? '');
    if (sourced.length === 1) {
      const lang = attrs.get('xml:lang') ?? attrs.get('lang');
      if (lang !== undefined) sections.push(lang);
    }
    const own = (attrs.get('class') ?? '').split(/\s+/).some((c) => sourceClasses.has(c));
    const inherited = sourced.length > 0 && sourced[sourced.length - 1]!;
    if (m[5] !== '/') sourced.push(own || inherited);
  }
  return { sections, unsourced };
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(reAttr)) out.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}
