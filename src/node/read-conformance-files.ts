/**
 * Node-only: reads extra conformance resources (a partner IG, UK Core) from a JSON file (a resource
 * or a Bundle) or a folder of JSON files (an unpacked FHIR NPM package: its `package/` folder is
 * read when present). `.index.json` and `package.json` files are skipped.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';

/** The parsed JSON values found at `path` (with `recursive`, in sub-folders too, by sorted path). */
export function readConformanceFiles(path: string, options: { readonly recursive?: boolean } = {}): unknown[] {
  if (!existsSync(path)) throw new ConfigError('package.not-found', `No file or folder at ${path}`);
  if (statSync(path).isFile()) return [readJson(path)];
  const dir = existsSync(join(path, 'package')) ? join(path, 'package') : path;
  const out: unknown[] = [];
  for (const f of readdirSync(dir).sort()) {
    const full = join(dir, f);
    if (options.recursive && statSync(full).isDirectory()) out.push(...readConformanceFiles(full, options));
    else if (f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.')) out.push(readJson(full));
  }
  return out;
}

/** The `name#version` of a package folder (from its package.json), or the path. */
export function packageLabel(path: string): string {
  for (const file of [join(path, 'package', 'package.json'), join(path, 'package.json')]) {
    if (existsSync(file)) {
      const p = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (p.name) return `${p.name}#${p.version ?? '?'}`;
    }
  }
  return path;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new ConfigError('package.invalid-json', `${file} is not valid JSON`, { cause });
  }
}
