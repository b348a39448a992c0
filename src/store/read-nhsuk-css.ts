/**
 * Node-side loader of the NHS.UK design system CSS for HTML reports. The pure report renderers
 * never read files (they run on the edge too); the server's Node entry and the CLI call this once
 * and pass the text in as `styles`.
 *
 * `@font-face` rules are dropped: they load Frutiger from assets.nhs.uk, and a report must be
 * self-contained (opened offline, attached to an assurance pack, printed) and make no third-party
 * request when a lead opens it; the design system's own fallback stack (Arial) applies.
 * @module
 */

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The minified stylesheet, as exported by the `nhsuk-frontend` package (`./dist/*`). */
export const NHSUK_CSS_SPECIFIER = 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';

/**
 * Reads the nhsuk-frontend CSS from node_modules (without web fonts).
 * @example const styles = await readNhsukCss(); renderScorecardHtml(card, { styles });
 */
export async function readNhsukCss(): Promise<string> {
  const require = createRequire(import.meta.url);
  const css = await readFile(require.resolve(NHSUK_CSS_SPECIFIER), 'utf8');
  return stripFontFaces(css);
}

/** Removes `@font-face { … }` blocks (they hold no nested braces). */
export function stripFontFaces(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, '');
}
