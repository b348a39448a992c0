/**
 * Deterministic fuzz payloads: payload `index` under `seed` is always the same, so a crash or hang
 * is reproduced with `--seed S --from INDEX --count 1`. Kinds: random JSON values, mutations of
 * valid generated resources and Bundles, corrupted JSON text, prototype-polluting keys, deep
 * nesting, huge strings and random bytes-as-text.
 * @module
 */
import { sampleResources, generateBundle } from '../bench/generate-bundles.js';
import { mutate, mutationOps } from '../bench/mutate-resource.js';
import { createRng, type Rng } from '../bench/prng.js';
import type { StructureModel } from '../src/fhir/definitions/compiled/structure-model.js';
import { xmlPayload } from './fuzz-xml-payloads.js';
import { feedPayload, loadFeedMaterial, type FeedFuzzPayload } from './fuzz-feed-payloads.js';

/** One payload: JSON text or an already-parsed value for the FHIR validator, or a feed payload. */
export interface FuzzPayload {
  readonly kind: string;
  readonly input: string | unknown;
  /** Set for social-care feed payloads (then `input` is its text). */
  readonly feed?: FeedFuzzPayload;
  /** Set for FHIR XML payloads (then `input` is its text). */
  readonly xml?: boolean;
}

/** Which engines the payloads are for. */
export type FuzzTarget = 'fhir' | 'feeds' | 'xml' | 'all';

const hostileKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'resourceType',
  'id',
  'extension',
  'contained',
  'entry',
  'resource',
];
const types = [
  'Patient',
  'Observation',
  'Bundle',
  'Parameters',
  'Condition',
  'Basic',
  'Questionnaire',
  'OperationOutcome',
  'Nope',
];

function randomString(rng: Rng, max: number): string {
  const len = rng.int(0, max);
  let s = '';
  for (let i = 0; i < len; i++)
    s += String.fromCharCode(rng.chance(0.9) ? rng.int(32, 126) : rng.int(0, 0xffff));
  return s;
}

function randomJson(rng: Rng, depth: number): unknown {
  const r = rng.int(0, depth > 4 ? 5 : 7);
  switch (r) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([
        0,
        -1,
        1.5,
        2147483648,
        -2147483649,
        1e308,
        Number.MIN_VALUE,
        rng.int(-1000, 1000),
      ]);
    case 3:
      return rng.pick([
        '',
        ' ',
        '2020-01-01',
        '2020-13-45T25:61:61',
        'urn:uuid:x',
        '#',
        '#med1',
        'Patient/1',
        randomString(rng, 40),
      ]);
    case 4:
    case 5:
      return randomString(rng, 10);
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(0, 5); i > 0; i--) {
        const key = rng.chance(0.3)
          ? rng.pick(hostileKeys)
          : rng.chance(0.5)
            ? rng.pick([
                'name',
                'value',
                'valueString',
                '_birthDate',
                'reference',
                'coding',
                'code',
                'system',
              ])
            : randomString(rng, 6);
        Object.defineProperty(o, key, {
          value: randomJson(rng, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return o;
    }
  }
}

function corruptText(rng: Rng, text: string): string {
  const at = rng.int(0, Math.max(0, text.length - 1));
  switch (rng.int(0, 4)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return `${text.slice(0, at)}${rng.pick(['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', '\ud800', 'null'])}${text.slice(at)}`;
    case 2:
      return `${text.slice(0, at)}${text.slice(at + rng.int(1, 20))}`;
    case 3:
      return text.replace(/"[a-zA-Z]+":/g, (m) => (rng.chance(0.05) ? `${m}${m}` : m));
    default:
      return `\ufeff${text}`;
  }
}

function nested(rng: Rng): string {
  const depth = rng.int(100, 20_000);
  const open = rng.pick(['[', '{"a":', '{"extension":[']);
  const close = open === '[' ? ']' : open === '{"a":' ? '}' : ']}';
  return `{"resourceType":"${rng.pick(types)}","x":${open.repeat(depth)}1${close.repeat(depth)}}`;
}

/** Relative weights of the payload kinds (deep nesting is rare: each costs seconds, see the report). */
const kindWeights: readonly (readonly [string, number])[] = [
  ['json-value', 8],
  ['json-text', 6],
  ['mutation', 14],
  ['corrupt-text', 12],
  ['hostile-keys', 4],
  ['deep-nesting', 1],
  ['random-text', 3],
  ['huge-string', 2],
];
const totalWeight = kindWeights.reduce((n, [, w]) => n + w, 0);

function pickKind(rng: Rng): string {
  let r = rng.int(1, totalWeight);
  for (const [kind, w] of kindWeights) {
    r -= w;
    if (r <= 0) return kind;
  }
  return 'json-value';
}

/**
 * A payload factory with cached clean material (generated once per process). `target` `all`
 * makes half the payloads feed payloads.
 */
/** `model` (the base definitions') writes the XML payloads (targets `xml` and `all`). */
export function createPayloadFactory(
  seed: number,
  target: FuzzTarget = 'fhir',
  model?: StructureModel,
): (index: number) => FuzzPayload {
  const clean = [...sampleResources(seed), ...sampleResources(seed + 1)];
  const bundles = [
    generateBundle(createRng(seed), { resources: 12, type: 'transaction' }),
    generateBundle(createRng(seed + 2), { resources: 40 }),
  ];
  const material = target === 'feeds' || target === 'all' ? loadFeedMaterial() : undefined;
  const xmlModel = target === 'xml' || target === 'all' ? model : undefined;
  if ((target === 'xml' || target === 'all') && !xmlModel)
    throw new Error('the xml target needs a StructureModel');
  return (index) => {
    const rng = createRng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
    if (xmlModel && (target === 'xml' || rng.chance(1 / 3))) {
      const xml = xmlPayload(rng, [...clean, ...bundles], xmlModel);
      return { kind: xml.kind, input: xml.text, xml: true };
    }
    if (material && (target === 'feeds' || rng.chance(0.5))) {
      const feed = feedPayload(rng, material);
      return { kind: feed.kind, input: feed.text, feed };
    }
    const base = rng.chance(0.2) ? rng.pick(bundles) : rng.pick(clean);
    switch (pickKind(rng)) {
      case 'json-value':
        return { kind: 'json-value', input: randomJson(rng, 0) };
      case 'json-text':
        return {
          kind: 'json-text',
          input: JSON.stringify({
            resourceType: rng.pick(types),
            ...(randomJson(rng, 1) as object),
          }),
        };
      case 'mutation': {
        let v: unknown = base;
        for (let i = rng.int(1, 4); i > 0; i--)
          v = mutate(
            v,
            rng.pick(mutationOps),
            rng.int(0, 1 << 20),
            randomJson(rng, 2),
            rng.pick([10, 1000, 100_000, 1_100_000]),
          );
        return { kind: 'mutation', input: rng.chance(0.5) ? v : JSON.stringify(v) };
      }
      case 'corrupt-text':
        return { kind: 'corrupt-text', input: corruptText(rng, JSON.stringify(base)) };
      case 'hostile-keys':
        return {
          kind: 'hostile-keys',
          input: `{"resourceType":"${rng.pick([...types, '__proto__', 'constructor'])}","${rng.pick(hostileKeys)}":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}},"contained":[{"resourceType":"Patient","id":"__proto__"}]}`,
        };
      case 'deep-nesting':
        return { kind: 'deep-nesting', input: nested(rng) };
      case 'random-text':
        return { kind: 'random-text', input: randomString(rng, 2_000) };
      default:
        return {
          kind: 'huge-string',
          input: JSON.stringify({
            resourceType: 'Patient',
            name: [{ family: 'x'.repeat(rng.int(1000, 2_000_000)) }],
            birthDate: `2020-01-01${'0'.repeat(rng.int(0, 200_000))}`,
          }),
        };
    }
  };
}
