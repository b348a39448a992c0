/**
 * Node-only: reads extra conformance resources (a partner IG, UK Core) from a JSON file (a resource
 * or a Bundle) or a folder of JSON files (an unpacked FHIR NPM package: its `package/` folder is
 * read when present). `.index.json` and `package.json` files are skipped.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';

/** The parsed JSON values found at `path`. */
export function readConformanceFiles(path: string): unknown[] {
  if (!existsSync(path)) throw new ConfigError('package.not-found', `No file or folder at ${path}`);
  if (statSync(path).isFile()) return [readJson(path)];
  const dir = existsSync(join(path, 'package')) ? join(path, 'package') : path;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'))
    .sort()
    .map((f) => readJson(join(dir, f)));
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
