/**
 * Node-only: reads extra conformance resources (a partner IG, UK Core) from a JSON file (a resource
 * or a Bundle), a folder of JSON files (an unpacked FHIR NPM package: its `package/` folder is read
 * when present), or a FHIR NPM package tarball (`.tgz`: the JSON files directly under `package/`).
 * `.index.json` and `package.json` files are skipped.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConfigError } from '../errors.js';

/** The parsed JSON values found at `path` (with `recursive`, in sub-folders too, by sorted path). */
export function readConformanceFiles(path: string, options: { readonly recursive?: boolean } = {}): unknown[] {
  if (!existsSync(path)) throw new ConfigError('package.not-found', `No file or folder at ${path}`);
  if (statSync(path).isFile()) return isTarball(path) ? readTarball(path).resources : [readJson(path)];
  const dir = existsSync(join(path, 'package')) ? join(path, 'package') : path;
  const out: unknown[] = [];
  for (const f of readdirSync(dir).sort()) {
    const full = join(dir, f);
    if (options.recursive && statSync(full).isDirectory()) out.push(...readConformanceFiles(full, options));
    else if (f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.')) out.push(readJson(full));
  }
  return out;
}

/** The `name#version` of a package folder or tarball (from its package.json), or the path. */
export function packageLabel(path: string): string {
  if (isTarball(path) && existsSync(path)) {
    const p = readTarball(path).manifest as { name?: string; version?: string } | undefined;
    if (p?.name) return `${p.name}#${p.version ?? '?'}`;
    return path;
  }
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

function isTarball(path: string): boolean {
  return path.endsWith('.tgz') || path.endsWith('.tar.gz');
}

/**
 * The JSON files directly under `package/` in a gzipped tar (ustar headers; pax and GNU long-name
 * records are skipped), sorted by name, and the package manifest.
 */
function readTarball(path: string): { resources: unknown[]; manifest: unknown } {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(readFileSync(path));
  } catch (cause) {
    throw new ConfigError('package.invalid-tarball', `${path} is not a gzipped tar`, { cause });
  }
  const decoder = new TextDecoder();
  const field = (at: number, len: number) => decoder.decode(tar.subarray(at, at + len)).replace(/\0.*$/s, '');
  const files: [string, string][] = [];
  let manifest: unknown;
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = field(at, 100);
    if (name === '') break;
    const prefix = field(at + 345, 155);
    const size = parseInt(field(at + 124, 12).trim() || '0', 8);
    const type = field(at + 156, 1);
    const full = prefix ? `${prefix}/${name}` : name;
    const body = at + 512;
    if ((type === '0' || type === '') && /^package\/[^/]+\.json$/.test(full)) {
      const text = decoder.decode(tar.subarray(body, body + size));
      if (full === 'package/package.json') manifest = JSON.parse(text) as unknown;
      else if (!full.startsWith('package/.')) files.push([full, text]);
    }
    at = body + Math.ceil(size / 512) * 512;
  }
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const resources = files.map(([name, text]) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new ConfigError('package.invalid-json', `${path}: ${name} is not valid JSON`, { cause });
    }
  });
  return { resources, manifest };
}
