/**
 * The one reader of FHIR NPM packages (`.tgz`): gzip through the platform's `DecompressionStream`
 * and tar through `modern-tar` (a maintained, zero-dependency streaming reader on Web Streams), so
 * it runs alike on Node (18+) and on Workers. Used by the CLI (`--supporting x.tgz`) and the Node
 * server (`serve --package x.tgz`); edge-safe.
 *
 * What is read: the JSON files directly under `package/` (the package's resources, per the FHIR
 * NPM package spec), sorted by path, and `package/package.json` as the manifest; with a `readXml`
 * option, the FHIR XML files there too (packages published from XML sources). Dot-files
 * (`.index.json`) and sub-folders (`example/`, `other/`, `openapi/`, `xml/`) are skipped unread.
 *
 * Limits (a hostile or broken package gives a ConfigError, never unbounded memory): the
 * decompressed size of the whole archive and the number of tar entries are counted while
 * streaming, and reading stops at the first byte or entry past the limit. Only the JSON files kept
 * are held in memory, and they are part of the decompressed size.
 * @module
 */
import { createTarDecoder, type ParsedTarEntry } from 'modern-tar';
import { ConfigError } from '../../errors.js';

/** Limits of {@link readFhirPackage}. */
export interface PackageLimits {
  /** Maximum decompressed size of the archive in bytes. Default 256 MiB. */
  readonly maxBytes?: number;
  /** Maximum number of tar entries (files, folders, extended headers). Default 100,000. */
  readonly maxEntries?: number;
}

/** The default limits: well above real packages (hl7.fhir.r4.core unpacks to about 60 MB in 4,600 files). */
export const defaultPackageLimits: Required<PackageLimits> = {
  maxBytes: 256 * 1024 * 1024,
  maxEntries: 100_000,
};

/** What a package holds. */
export interface FhirPackageContents {
  /** `package/package.json`, when present. */
  readonly manifest?: { readonly name?: string; readonly version?: string };
  /** The parsed JSON files directly under `package/` (not package.json, not dot-files), by path. */
  readonly resources: readonly unknown[];
}

/** Options of {@link readFhirPackage}. */
export interface ReadPackageOptions {
  readonly limits?: PackageLimits;
  /** How the package is named in errors (a path). Default `the package`. */
  readonly label?: string;
  /**
   * Reads a FHIR XML resource (throws when it cannot): given, `*.xml` files directly under
   * `package/` are read with it; absent, they are skipped unread.
   */
  readonly readXml?: (text: string) => unknown;
}

/**
 * Reads a gzipped FHIR NPM package.
 * @throws ConfigError `package.invalid-tarball` (not a gzipped tar), `package.too-large` (a limit
 *   was reached), `package.invalid-json` (a resource file that is not JSON) or
 *   `package.invalid-xml` (an XML resource file `readXml` cannot read).
 * @example const { manifest, resources } = await readFhirPackage(bytes, { label: 'uk-core.tgz' });
 */
export async function readFhirPackage(
  source: Uint8Array | ReadableStream<Uint8Array>,
  options: ReadPackageOptions = {},
): Promise<FhirPackageContents> {
  const maxBytes = options.limits?.maxBytes ?? defaultPackageLimits.maxBytes;
  const maxEntries = options.limits?.maxEntries ?? defaultPackageLimits.maxEntries;
  const label = options.label ?? 'the package';
  const bytes = source instanceof Uint8Array ? streamOf(source) : source;
  let total = 0;
  const counted = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > maxBytes)
        controller.error(tooLarge(label, `decompresses to more than ${maxBytes} bytes`));
      else controller.enqueue(chunk);
    },
  });
  const decoder = createTarDecoder();
  const gunzip = new DecompressionStream('gzip') as unknown as ReadableWritablePair<
    Uint8Array,
    Uint8Array
  >;
  const entries = bytes.pipeThrough(gunzip).pipeThrough(counted).pipeThrough(decoder).getReader();
  const files: [string, Uint8Array][] = [];
  let manifest: FhirPackageContents['manifest'];
  let count = 0;
  try {
    for (;;) {
      const { done, value } = await entries.read();
      if (done) break;
      if (++count > maxEntries) throw tooLarge(label, `has more than ${maxEntries} entries`);
      const name = value.header.name.replace(/^\.\//, '');
      if (!isPackageJson(value, name) && !(options.readXml && isPackageXml(value, name))) {
        await value.body.cancel();
        continue;
      }
      const data = await readBody(value);
      if (name === 'package/package.json') manifest = parseManifest(data);
      else files.push([name, data]);
    }
  } catch (e) {
    await entries.cancel().catch(() => undefined);
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(
      'package.invalid-tarball',
      `${label} is not a gzipped tar (FHIR NPM package): ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = new TextDecoder();
  const resources = files.map(([name, data]) => {
    if (options.readXml && name.endsWith('.xml')) {
      try {
        return options.readXml(stripBom(text.decode(data)));
      } catch (cause) {
        throw new ConfigError(
          'package.invalid-xml',
          `${label}: ${name} is not FHIR XML (${cause instanceof Error ? cause.message : String(cause)})`,
          { cause },
        );
      }
    }
    try {
      return JSON.parse(stripBom(text.decode(data))) as unknown;
    } catch (cause) {
      throw new ConfigError('package.invalid-json', `${label}: ${name} is not valid JSON`, {
        cause,
      });
    }
  });
  return manifest ? { manifest, resources } : { resources };
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** A regular file directly under `package/`, named `*.json`, not a dot-file. */
function isPackageJson(entry: ParsedTarEntry, name: string): boolean {
  const type = entry.header.type ?? 'file';
  return type === 'file' && /^package\/[^/.][^/]*\.json$/.test(name);
}

/** A regular file directly under `package/`, named `*.xml`, not a dot-file. */
function isPackageXml(entry: ParsedTarEntry, name: string): boolean {
  const type = entry.header.type ?? 'file';
  return type === 'file' && /^package\/[^/.][^/]*\.xml$/.test(name);
}

async function readBody(entry: ParsedTarEntry): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = entry.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function parseManifest(data: Uint8Array): FhirPackageContents['manifest'] {
  try {
    const value = JSON.parse(stripBom(new TextDecoder().decode(data))) as unknown;
    if (typeof value !== 'object' || value === null) return {};
    const { name, version } = value as Record<string, unknown>;
    return {
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof version === 'string' ? { version } : {}),
    };
  } catch {
    return {};
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooLarge(label: string, what: string): ConfigError {
  return new ConfigError(
    'package.too-large',
    `${label} ${what} (raise MDSS_PACKAGE_MAX_BYTES / MDSS_PACKAGE_MAX_ENTRIES if the package is genuine)`,
  );
}
