import { codeSyntaxProblem } from '../code-syntax.js';
import type { ValidationContext } from '../validation-context.js';

/** A JSON object of the payload. */
export type Json = Record<string, unknown>;

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Entries of an array property with their index (non-objects skipped). */
export function indexed(owner: Json, name: string): [Json, number][] {
  const list = owner[name];
  if (!Array.isArray(list)) return [];
  const out: [Json, number][] = [];
  list.forEach((v: unknown, i) => {
    if (isJson(v)) out.push([v, i]);
  });
  return out;
}

export function str(owner: Json, name: string): string | undefined {
  const v = owner[name];
  return typeof v === 'string' ? v : undefined;
}

/** Runs `f` with `.name[i]` pushed on the context's location. */
export function at(ctx: ValidationContext, name: string, i: number, f: () => void): void {
  ctx.pushProperty(`.${name}`, name);
  ctx.pushIndex(i);
  f();
  ctx.pop();
  ctx.pop();
}

/** Runs `f` with `.name` pushed on the context's location. */
export function atProperty(ctx: ValidationContext, name: string, f: () => void): void {
  ctx.pushProperty(`.${name}`, name);
  f();
  ctx.pop();
}

/**
 * A code of `system` (optionally `version`): `binding.code-invalid-syntax` when it breaks the code
 * system's identifier syntax, else against the local CodeSystem: `binding.unknown-code` when a
 * complete one lacks it.
 */
export function checkLocalCode(
  ctx: ValidationContext,
  system: string,
  code: string,
  version?: string,
): void {
  const rule = codeSyntaxProblem(system, code);
  if (rule !== undefined) {
    ctx.report('binding.code-invalid-syntax', { system, code, rule });
    return;
  }
  const result = ctx.terminology.checkCoding(
    version === undefined ? { system, code } : { system, code, version },
  );
  if (result.outcome === 'unknown-code') ctx.report('binding.unknown-code', { system, code });
}

const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/**
 * `url` of a canonical resource must be an absolute URI (a `#id` fragment is tolerated for a
 * contained resource); the location is the resource.
 */
export function checkCanonicalUrl(ctx: ValidationContext, resource: Json): void {
  const url = resource['url'];
  if (typeof url !== 'string' || url === '' || absolute.test(url) || url.startsWith('#')) return;
  atProperty(ctx, 'url', () => ctx.report('canonical.url-not-absolute'));
}
