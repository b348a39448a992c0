/**
 * The output formats of validation results, apart from the renderers (src/reports/validation/index.ts),
 * so that reading `--format` loads no renderer.
 * @module
 */

/** The output formats of `mdss validate --format` and of the service's validation responses. */
export const validationFormats = [
  'text',
  'json',
  'operationoutcome',
  'operationoutcome-xml',
  'junit',
  'sarif',
  'github',
  'markdown',
] as const;

/** One output format. */
export type ValidationFormat = (typeof validationFormats)[number];

/** The media type to serve each format with. */
export const validationFormatMediaTypes: Readonly<Record<ValidationFormat, string>> = {
  text: 'text/plain; charset=utf-8',
  json: 'application/json',
  operationoutcome: 'application/fhir+json',
  'operationoutcome-xml': 'application/fhir+xml',
  junit: 'application/xml',
  sarif: 'application/sarif+json',
  github: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};

/** True when `value` names a validation output format (for parsing `--format` and `?format=`). */
export function isValidationFormat(value: string): value is ValidationFormat {
  return (validationFormats as readonly string[]).includes(value);
}
