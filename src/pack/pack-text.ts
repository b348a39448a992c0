/**
 * The file layout of a validation pack (format 3): one JSON document, ASCII only, that a loader can
 * open without parsing most of it.
 *
 * ```
 * {"formatVersion":3,"headerLength":"0000531207","sources":[…],
 *  "resources":[{"resourceType":"StructureDefinition","url":…,"kind":"resource","type":"Patient",…},…],
 *  "bodies":[48213,0,1207,…],"shared":[8123456,383012],"sharedItems":[214,96,…],
 *  "facts":{"412":{"vitalSignsCodes":[…]}},
 *  "parts":[{"id":"Patient","name":"Patient",…,"snapshot":{…}},…,[…shared element parts…]]}
 * ```
 *
 * Everything before `,"parts":[` is the header (`headerLength` characters, a fixed-width decimal so
 * it can be written before it is known): per resource, only the fields the registry indexes
 * ({@link headerFields}); every other field is in the resource's body, one JSON object of `parts`,
 * parsed when the registry first returns the resource. `bodies` holds each body's length (0: no
 * body), in order, so a body's offset is the sum of the lengths (and commas) before it; `shared`
 * is the `[offset, length]` of the shared element parts (one JSON array) and `sharedItems` the
 * length of each of its items, so a loader can parse only the items it uses (a pack without
 * `sharedItems` is read whole); `facts` (optional) what was derived from some resources at build
 * time, by resource index ({@link ValidationPack.facts}). Offsets count from `parts`' first value.
 * Non-ASCII characters are written as `\uXXXX` escapes, so character and byte offsets agree and the
 * pack can be read from a string (the Worker's Text module) or straight from the file's bytes (Node,
 * no decoding of the parts that are never used). The whole document is still ordinary JSON.
 * @module
 */
import { PackError } from '../errors.js';
import type { ResourceFacts } from '../fhir/definitions/canonical-registry.js';
import { PACK_FORMAT_VERSION, type PackSource, type ValidationPack } from './validation-pack.js';

type Json = Record<string, unknown>;

/**
 * Resource fields kept in the header (when their value is a string): what the registry indexes
 * without completing a resource (CanonicalRegistry.addLazy).
 */
export const headerFields: ReadonlySet<string> = new Set([
  'resourceType',
  'url',
  'version',
  'kind',
  'type',
  'derivation',
]);

/**
 * A pack read on demand, for a loader that should not hold the whole file: its text between two
 * character (= byte: the pack is ASCII) offsets, and its length. Node reads it from the file
 * (src/node/load-pack-registry.ts), so the parts never used are never read.
 */
export interface PackReader {
  readonly length: number;
  /** The text from `start` to `end` (clamped to the pack's length). */
  text(start: number, end: number): string;
}

/** Where a part is: offset (from the start of the parts) and length. */
export type PartRef = readonly [offset: number, length: number];

/** A pack opened by {@link openPack}: its header parsed, the parts read on demand. */
export interface OpenedPack {
  readonly sources: readonly PackSource[];
  /** The resources' header fields (the objects a loader completes with the bodies). */
  readonly resources: Json[];
  /** Where the body of the resource at an index is; null when every field is in the header. */
  body(index: number): PartRef | null;
  /** True when the resource at an index has a body ({@link body} is not null). */
  hasBody(index: number): boolean;
  /** Where the shared element parts are (one JSON array). */
  readonly shared: PartRef;
  /**
   * The shared element part at an index, parsed when first asked for (then the same object), or
   * undefined when the pack does not say where its items are (then parse {@link shared} whole).
   * @throws PackError `pack.invalid` when it is not JSON.
   */
  readonly sharedItem: ((index: number) => unknown) | undefined;
  /** Parses a part. @throws PackError `pack.invalid` when it is not JSON. */
  part(ref: PartRef): unknown;
  /** Build-time facts of the resource at an index, when the pack has some. */
  factsAt(index: number): ResourceFacts | undefined;
}

const partsKey = ',"parts":[';
const prefix = /^\{"formatVersion":(\d+),"headerLength":"(\d{10})"/;

/** Writes a pack in its file layout (deterministic: the same pack gives the same text). */
export function writePack(pack: ValidationPack): string {
  const parts: string[] = [];
  let offset = 0;
  const addPart = (value: unknown): [number, number] => {
    const text = asciiJson(value);
    const ref: [number, number] = [offset, text.length];
    parts.push(text);
    offset += text.length + 1;
    return ref;
  };
  const headers: Json[] = [];
  const bodies: number[] = [];
  for (const resource of pack.resources as Json[]) {
    const header: Json = {};
    const body: Json = {};
    for (const [k, v] of Object.entries(resource)) {
      if (headerFields.has(k) && typeof v === 'string') header[k] = v;
      else if (v !== undefined) body[k] = v;
    }
    headers.push(header);
    bodies.push(Object.keys(body).length ? addPart(body)[1] : 0);
  }
  // the shared array's text is its items' texts joined by commas, so their lengths locate them
  const sharedItems = pack.shared.map((item) => asciiJson(item).length);
  const shared = addPart(pack.shared);
  const placeholder = '0'.repeat(10);
  const head = `{"formatVersion":${pack.formatVersion},"headerLength":"${placeholder}","sources":${asciiJson(pack.sources)},"resources":${asciiJson(headers)},"bodies":${JSON.stringify(bodies)},"shared":${JSON.stringify(shared)},"sharedItems":${JSON.stringify(sharedItems)}${
    pack.facts && Object.keys(pack.facts).length > 0 ? `,"facts":${asciiJson(pack.facts)}` : ''
  }`;
  return `${head.replace(placeholder, String(head.length).padStart(10, '0'))}${partsKey}${parts.join(',')}]}`;
}

/**
 * Opens a pack written by {@link writePack}, from its text or its bytes. Returns undefined when the
 * input does not start like a format-3-or-later pack (the caller then tries it as plain JSON).
 * @throws PackError `pack.unsupported-format` for another format version, `pack.invalid` for a broken header.
 */
export function openPack(source: string | Uint8Array | PackReader): OpenedPack | undefined {
  const text =
    typeof source === 'string'
      ? (start: number, end: number) => source.slice(start, end)
      : source instanceof Uint8Array
        ? bytesReader(source)
        : (start: number, end: number) => source.text(start, end);
  const m = prefix.exec(text(0, 64));
  if (!m) return undefined;
  const version = Number(m[1]);
  if (version !== PACK_FORMAT_VERSION) throw unsupported(version);
  const headerLength = Number(m[2]);
  const partsStart = headerLength + partsKey.length;
  if (text(headerLength, partsStart) !== partsKey)
    throw new PackError(
      'pack.invalid',
      'The validation pack is truncated or its header length is wrong',
    );
  const header = parseJson(`${text(0, headerLength)}}`, 'header') as {
    sources?: unknown;
    resources?: unknown;
    bodies?: unknown;
    shared?: unknown;
    sharedItems?: unknown;
    facts?: unknown;
  };
  const { sources, resources, bodies, shared, sharedItems, facts } = header;
  if (
    !Array.isArray(sources) ||
    !Array.isArray(resources) ||
    !Array.isArray(bodies) ||
    bodies.length !== resources.length ||
    !isRef(shared)
  ) {
    throw new PackError(
      'pack.invalid',
      'Not a validation pack: sources, resources, bodies and shared are expected in its header',
    );
  }
  // body offsets as numbers (a PartRef is made only for a body read: most never are)
  const lengths = bodies as number[];
  const starts: number[] = new Array<number>(lengths.length);
  let offset = 0;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] as unknown;
    if (typeof length !== 'number')
      throw new PackError('pack.invalid', 'Not a validation pack: body lengths are expected');
    starts[i] = offset;
    if (length > 0) offset += length + 1;
  }
  // by resource index, read once: the loader asks for every resource's facts
  const factsByIndex: (ResourceFacts | undefined)[] = [];
  if (isObject(facts))
    for (const [key, value] of Object.entries(facts)) {
      const index = Number(key);
      if (String(index) === key && index >= 0 && index < lengths.length && isObject(value))
        factsByIndex[index] = value;
    }
  return {
    sources: sources as PackSource[],
    resources: resources as Json[],
    hasBody: (index) => lengths[index]! > 0,
    body: (index) => (lengths[index]! > 0 ? [starts[index]!, lengths[index]!] : null),
    shared,
    part: ([offset, length]) =>
      parseJson(text(partsStart + offset, partsStart + offset + length), `part at ${offset}`),
    factsAt: (index) => factsByIndex[index],
    sharedItem: itemReader(shared, sharedItems, (start, end) =>
      text(partsStart + start, partsStart + end),
    ),
  };
}

/**
 * Reads the items of the shared array one by one (the array's text read once, each item parsed
 * when first asked for), or undefined when `lengths` does not describe the array at `ref`.
 */
function itemReader(
  ref: PartRef,
  lengths: unknown,
  text: (start: number, end: number) => string,
): ((index: number) => unknown) | undefined {
  if (!Array.isArray(lengths)) return undefined;
  const starts: number[] = new Array<number>(lengths.length);
  let at = 1; // after '['
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] as unknown;
    if (typeof length !== 'number' || !(length > 0)) return undefined;
    starts[i] = at;
    at += length + 1;
  }
  if (Math.max(at, 2) !== ref[1]) return undefined; // '[' items joined by ',' ']'
  let whole: string | undefined;
  const values: unknown[] = new Array<unknown>(starts.length);
  return (index) => {
    const start = starts[index];
    if (start === undefined) return undefined;
    if (values[index] !== undefined) return values[index];
    whole ??= text(ref[0], ref[0] + ref[1]);
    const value = parseJson(
      whole.slice(start, start + (lengths[index] as number)),
      `shared part ${index}`,
    );
    values[index] = value;
    return value;
  };
}

/** The error for a pack of another format version. */
export function unsupported(version: unknown): PackError {
  return new PackError(
    'pack.unsupported-format',
    `Validation pack format ${String(version)} is not supported (expected ${PACK_FORMAT_VERSION}); rebuild it with npm run build:pack`,
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRef(value: unknown): value is PartRef {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number'
  );
}

function bytesReader(bytes: Uint8Array): (start: number, end: number) => string {
  const decoder = new TextDecoder();
  return (start, end) => decoder.decode(bytes.subarray(start, end));
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new PackError('pack.invalid', `The validation pack is not valid JSON (${what})`, {
      cause,
    });
  }
}

/** JSON text with every non-ASCII character escaped (`\u00e9`), so one character is one byte. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
