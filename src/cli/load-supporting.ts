/**
 * Loads conformance resources for `--supporting` / `--package`: a JSON or FHIR XML file (a resource
 * or a Bundle of them), a folder (searched recursively for *.json and *.xml), an unpacked FHIR NPM package
 * (`package/package.json`) or a packed one (`.tgz`, through the one package reader with its limits:
 * node/read-package-file.ts). Only conformance resources are kept.
 * @module
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { FhirXmlReader } from '../fhir/xml/read-fhir-xml.js';
import { createFhirXmlReader, readFhirXmlResource } from '../fhir/xml/validate-fhir-xml.js';
import { loadBaseRegistry } from '../node/create-node-validator.js';
import { isTarball, readPackageFile } from '../node/read-package-file.js';

/** Reads FHIR XML text into a resource (throws when it cannot). */
export type XmlResourceReader = (text: string) => unknown;

const conformanceTypes = new Set([
  'StructureDefinition',
  'ValueSet',
  'CodeSystem',
  'Bundle',
  'ImplementationGuide',
  'ConceptMap',
  'NamingSystem',
  'SearchParameter',
  'CapabilityStatement',
]);

/** The resources of the `.tgz` packages among `--supporting`, by resolved path. */
export type SupportingPackages = ReadonlyMap<string, readonly unknown[]>;

/**
 * Reads the `.tgz` packages among `paths` (resolved against `cwd`), before the synchronous
 * pipeline set-up: the one package reader streams them with limits (their FHIR XML files too).
 */
export async function readSupportingPackages(
  paths: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<SupportingPackages> {
  const out = new Map<string, readonly unknown[]>();
  const readXml = baseXmlReader();
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (isTarball(full) && !out.has(full)) out.set(full, await loadSupporting(full, env, readXml));
  }
  return out;
}

/** Reads every conformance resource under `path`. Throws ConfigError when the path is unusable. */
export async function loadSupporting(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  readXml: XmlResourceReader = baseXmlReader(),
): Promise<unknown[]> {
  if (isTarball(path) && statOf(path).isFile())
    return keepConformance([...(await readPackageFile(path, env, readXml)).resources]);
  return loadSupportingSync(path, readXml);
}

/**
 * Reads FHIR XML resources with the base R4 definitions' XML mapping; the definitions are loaded on
 * the first XML file only (most packages have none).
 */
export function baseXmlReader(): XmlResourceReader {
  let reader: FhirXmlReader | undefined;
  return (text) => readFhirXmlResource((reader ??= createFhirXmlReader(loadBaseRegistry())), text);
}

/** {@link loadSupporting} for a JSON file or a folder (no `.tgz`), synchronously. */
export function loadSupportingSync(path: string, readXml?: XmlResourceReader): unknown[] {
  const stat = statOf(path);
  if (stat.isDirectory()) return readFolder(path, readXml);
  if (isTarball(path))
    throw new ConfigError(
      'cli.supporting-tarball',
      `--supporting: ${path} is a package: read it with loadSupporting`,
    );
  return keepConformance([parseFile(path, readText(path), readXml)]);
}

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch {
    throw new ConfigError('cli.supporting-not-found', `--supporting: ${path} does not exist`);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(
      'cli.supporting-unreadable',
      `--supporting: ${path} cannot be read (${(e as { code?: string }).code ?? 'error'})`,
    );
  }
}

function readFolder(dir: string, readXml: XmlResourceReader | undefined): unknown[] {
  const out: unknown[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (name !== 'node_modules' && !name.startsWith('.')) walk(p);
      } else if (
        (name.endsWith('.json') || (readXml && name.endsWith('.xml'))) &&
        name !== 'package.json' &&
        !name.startsWith('.')
      ) {
        out.push(parseFile(p, readText(p), readXml));
      }
    }
  };
  walk(dir);
  return keepConformance(out);
}

function parseFile(path: string, text: string, readXml?: XmlResourceReader): unknown {
  if (readXml && path.toLowerCase().endsWith('.xml')) {
    try {
      return readXml(text);
    } catch (e) {
      throw new ConfigError(
        'cli.supporting-invalid-xml',
        `--supporting: ${path} is not FHIR XML (${e instanceof Error ? e.message : String(e)})`,
      );
    }
  }
  // a binary file is named, never echoed: the parser's message would quote its bytes
  if (looksBinary(text))
    throw new ConfigError(
      'cli.supporting-binary',
      `--supporting: ${path} is a binary file, not FHIR JSON, XML or a .tgz package`,
    );
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    throw new ConfigError(
      'cli.supporting-invalid-json',
      `--supporting: ${path} is not valid JSON${at !== undefined ? ` (at character ${at})` : ''}`,
    );
  }
}

/** NUL or other C0 control characters (besides tab, CR, LF, FF) or U+FFFD from invalid UTF-8. */
function looksBinary(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  return /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/.test(text.slice(0, 8192));
}

function keepConformance(values: unknown[]): unknown[] {
  return values.filter(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      conformanceTypes.has((v as { resourceType?: string }).resourceType ?? ''),
  );
}
