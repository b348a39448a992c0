/**
 * Node-only: reads extra conformance resources (a partner IG, UK Core) from a JSON file (a resource
 * or a Bundle), a folder of JSON files (an unpacked FHIR NPM package: its `package/` folder is read
 * when present), or a FHIR NPM package tarball (`.tgz`, through the one package reader
 * `fhir/package/read-fhir-package.ts`: the JSON files directly under `package/`, with limits).
 * Given an XML reader (`readXml`), FHIR XML files are read too, in folders and packages.
 * `.index.json` and `package.json` files are skipped.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { isTarball, readPackageFile } from './read-package-file.js';

/** The resources at `path` (JSON file, folder or `.tgz` package) and the package's `name#version` (or the path). */
export async function readConformanceSource(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  readXml?: XmlReader,
): Promise<{ resources: unknown[]; label: string }> {
  if (isTarball(path) && existsSync(path) && statSync(path).isFile()) {
    const { manifest, resources } = await readPackageFile(path, env, readXml);
    return {
      resources: [...resources],
      label: manifest?.name ? `${manifest.name}#${manifest.version ?? '?'}` : path,
    };
  }
  return {
    resources: readConformanceFiles(path, readXml ? { readXml } : {}),
    label: packageLabel(path),
  };
}

/**
 * The parsed JSON values found at `path` (with `recursive`, in sub-folders too, by sorted path).
 * Synchronous, so folders and JSON files only: a `.tgz` is read by {@link readConformanceSource}.
 */
export function readConformanceFiles(
  path: string,
  options: { readonly recursive?: boolean; readonly readXml?: XmlReader } = {},
): unknown[] {
  if (!existsSync(path)) throw new ConfigError('package.not-found', `No file or folder at ${path}`);
  if (statSync(path).isFile()) {
    if (isTarball(path))
      throw new ConfigError(
        'package.tarball-not-here',
        `${path}: a .tgz package is read with readConformanceSource`,
      );
    return [
      options.readXml && path.endsWith('.xml')
        ? readXmlFile(path, options.readXml)
        : readJson(path),
    ];
  }
  const dir = existsSync(join(path, 'package')) ? join(path, 'package') : path;
  const out: unknown[] = [];
  for (const f of readdirSync(dir).sort()) {
    const full = join(dir, f);
    if (options.recursive && statSync(full).isDirectory())
      out.push(...readConformanceFiles(full, options));
    else if (f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'))
      out.push(readJson(full));
    else if (options.readXml && f.endsWith('.xml') && !f.startsWith('.'))
      out.push(readXmlFile(full, options.readXml));
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

/** Reads FHIR XML text into a resource (throws when it cannot). */
export type XmlReader = (text: string) => unknown;

function readXmlFile(file: string, readXml: XmlReader): unknown {
  try {
    return readXml(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConfigError(
      'package.invalid-xml',
      `${file} is not FHIR XML (${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new ConfigError('package.invalid-json', `${file} is not valid JSON`, { cause });
  }
}
