/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * {@link SafeHtml} (the output of another `html` template). Reports are built only this way, so a
 * partner name, element path or waiver reason can never become markup.
 * @module
 */

/** Markup that is safe to embed as is. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What an `html` template accepts: nested templates, text, numbers; null/undefined/false print nothing. */
export type HtmlValue =
  SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/**
 * Escapes text for element content and quoted attribute values.
 * @example escapeHtml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Builds markup, escaping interpolated values.
 * @example html`<td>${'<script>'}</td>`.value // '<td>&lt;script&gt;</td>'
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Marks trusted markup as safe (for constants of this module's callers only; never for data).
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
