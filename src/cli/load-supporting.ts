/**
 * Loads conformance resources for `--supporting` / `--package`: a JSON or FHIR XML file (a resource
 * or a Bundle of them), a folder (searched recursively for *.json and *.xml), an unpacked FHIR NPM
 * package (`package/package.json`) or a packed one (`.tgz`).
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConfigError } from '../errors.js';

const conformanceTypes = new Set(['StructureDefinition', 'ValueSet', 'CodeSystem', 'Bundle', 'ImplementationGuide', 'ConceptMap', 'NamingSystem', 'SearchParameter', 'CapabilityStatement']);

/** Reads FHIR XML text into a resource (throws when it cannot). */
export type XmlResourceReader = (text: string) => unknown;

/**
 * Reads every conformance resource under `path`; FHIR XML files too when `readXml` is given.
 * Throws ConfigError when the path is unusable.
 */
export function loadSupporting(path: string, readXml?: XmlResourceReader): unknown[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ConfigError('cli.supporting-not-found', `--supporting: ${path} does not exist`);
  }
  if (stat.isDirectory()) return readFolder(path, readXml);
  if (path.endsWith('.tgz') || path.endsWith('.tar.gz')) return readTarball(readFileSync(path));
  return keepConformance([parseFile(path, readFileSync(path, 'utf8'), readXml)]);
}

function readFolder(dir: string, readXml: XmlResourceReader | undefined): unknown[] {
  const out: unknown[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (name !== 'node_modules' && !name.startsWith('.')) walk(p);
      } else if ((name.endsWith('.json') || (readXml && name.endsWith('.xml'))) && name !== 'package.json' && !name.startsWith('.')) {
        out.push(parseFile(p, readFileSync(p, 'utf8'), readXml));
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
      throw new ConfigError('cli.supporting-invalid-xml', `--supporting: ${path} is not FHIR XML (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ConfigError('cli.supporting-invalid-json', `--supporting: ${path} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

function keepConformance(values: unknown[]): unknown[] {
  return values.filter((v) => typeof v === 'object' && v !== null && conformanceTypes.has((v as { resourceType?: string }).resourceType ?? ''));
}

/** Reads the JSON files of a gzipped tar (FHIR NPM package), ustar format. */
export function readTarball(gz: Uint8Array): unknown[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(gz);
  } catch {
    throw new ConfigError('cli.package-invalid', 'the package is not a gzipped tar file');
  }
  const out: unknown[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 48);
    const full = prefix ? `${prefix}/${name}` : name;
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if ((type === '0' || type === '\0') && full.endsWith('.json') && !full.endsWith('package.json') && !full.includes('/other/') && !full.includes('/openapi/')) {
      try {
        out.push(JSON.parse(body.toString('utf8')));
      } catch {
        // a non-JSON file with a .json name is skipped: packages carry index and example files too
      }
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return keepConformance(out);
}
