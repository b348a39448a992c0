import type { IssueParams } from './issue.js';

/**
 * Fills `{name}` placeholders of a registry template from params. Unknown placeholders stay visible
 * so a missing param is noticed in review rather than silently dropped.
 * @example renderMessage('{path}: minimum required = {min}', { path: 'Patient.name', min: 1 })
 */
export function renderMessage(template: string, params: IssueParams): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}
