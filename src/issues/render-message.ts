import type { IssueParams } from './issue.js';

/**
 * Fills `{name}` placeholders of a registry template from params. Unknown placeholders stay visible
 * so a missing param is noticed in review rather than silently dropped. A placeholder is `{`, one or
 * more ASCII letters, digits or `_`, then `}`, read left to right (as `/\{([A-Za-z0-9_]+)\}/g`
 * would match them); the template is read with `indexOf`, not a regex and a callback per match.
 * @example renderMessage('{path}: minimum required = {min}', { path: 'Patient.name', min: 1 })
 */
export function renderMessage(template: string, params: IssueParams): string {
  let open = template.indexOf('{');
  let out = '';
  let from = 0;
  while (open >= 0) {
    let end = open + 1;
    while (end < template.length && isNameChar(template.charCodeAt(end))) end++;
    if (end === open + 1 || template.charCodeAt(end) !== 0x7d) {
      // not a placeholder: the next `{` may start one
      open = template.indexOf('{', open + 1);
      continue;
    }
    const name = template.slice(open + 1, end);
    const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    if (value !== undefined) {
      out += template.slice(from, open) + String(value);
      from = end + 1;
    }
    open = template.indexOf('{', end + 1);
  }
  return from === 0 ? template : out + template.slice(from);
}

function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
  );
}
