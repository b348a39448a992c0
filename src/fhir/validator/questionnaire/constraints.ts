import { compareDates } from './compare.js';
import type { ResponseWalk } from './items.js';
import { ext, extensions, isJson, str, valueX, type Json } from './model.js';
import { findPayloadResource } from './resolve.js';
import type { ValueSet } from '../../definitions/conformance-resource.js';

const ucum = 'http://unitsofmeasure.org';
const sdcMinQuantity =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-minQuantity';
const sdcMaxQuantity =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-maxQuantity';
/** Answers longer than this are not matched against a Questionnaire's regex (bounded work). */
const maxRegexInput = 10_000;

/** The value of the first extension with the url, as `[type, value]`. */
function extensionValue(qItem: Json, url: string): [string, unknown] | undefined {
  const e = extensions(qItem, url)[0];
  return e ? valueX(e) : undefined;
}

/**
 * A string answer (location: the value): `maxLength`, the `minLength` and `regex` extensions, and
 * line breaks in an item of type `string` (a `text` item is for multi-line answers).
 */
export function checkString(walk: ResponseWalk, qItem: Json, v: unknown): void {
  if (typeof v !== 'string') return;
  const { ctx } = walk;
  const maxLength = qItem['maxLength'];
  if (typeof maxLength === 'number' && v.length > maxLength)
    ctx.report('questionnaire.too-long', { length: v.length, limit: maxLength });
  const minLength = extensionValue(qItem, ext.minLength)?.[1];
  if (typeof minLength === 'number' && v.length < minLength)
    ctx.report('questionnaire.too-short', { length: v.length, limit: minLength });
  const regex = extensionValue(qItem, ext.regex)?.[1];
  if (typeof regex === 'string' && v.length <= maxRegexInput) {
    const re = compile(regex);
    if (re && !re.test(v)) ctx.report('questionnaire.regex-mismatch', { regex });
  }
  if (qItem['type'] === 'string' && /[\r\n]/.test(v)) ctx.report('questionnaire.string-newline');
}

function compile(pattern: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // an invalid pattern in both modes is not checked
    }
  }
  return undefined;
}

/** An integer or decimal answer (location: the value): `minValue`/`maxValue` and `maxDecimalPlaces`. */
export function checkNumber(walk: ResponseWalk, qItem: Json, t: string, v: unknown): void {
  if (typeof v !== 'number') return;
  const { ctx } = walk;
  const min = extensionValue(qItem, ext.minValue)?.[1];
  if (typeof min === 'number' && v < min)
    ctx.report('questionnaire.below-minimum', { limit: String(min) });
  const max = extensionValue(qItem, ext.maxValue)?.[1];
  if (typeof max === 'number' && v > max)
    ctx.report('questionnaire.above-maximum', { limit: String(max) });
  const places = extensionValue(qItem, ext.maxDecimalPlaces)?.[1];
  if (t === 'decimal' && typeof places === 'number') {
    const text = String(v);
    const dot = text.indexOf('.');
    const decimals = dot < 0 ? 0 : text.length - dot - 1;
    if (decimals > places) ctx.report('questionnaire.too-many-decimal-places', { limit: places });
  }
}

/** A date, dateTime or time answer (location: the value): `minValue`/`maxValue`. */
export function checkTemporal(walk: ResponseWalk, qItem: Json, t: string, v: unknown): void {
  if (typeof v !== 'string') return;
  const order =
    t === 'time' ? (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1) : compareDates;
  const min = extensionValue(qItem, ext.minValue)?.[1];
  if (typeof min === 'string' && order(v, min) < 0)
    walk.ctx.report('questionnaire.below-minimum', { limit: min });
  const max = extensionValue(qItem, ext.maxValue)?.[1];
  if (typeof max === 'string' && order(v, max) > 0)
    walk.ctx.report('questionnaire.above-maximum', { limit: max });
}

/** UCUM metric prefixes, for comparing quantities whose codes differ only by prefix (`km` / `m`). */
const prefixes: Readonly<Record<string, number>> = {
  Y: 1e24,
  Z: 1e21,
  E: 1e18,
  P: 1e15,
  T: 1e12,
  G: 1e9,
  M: 1e6,
  k: 1e3,
  h: 1e2,
  da: 10,
  d: 1e-1,
  c: 1e-2,
  m: 1e-3,
  u: 1e-6,
  n: 1e-9,
  p: 1e-12,
  f: 1e-15,
};
const metricBases = new Set([
  'm',
  'g',
  'L',
  'l',
  's',
  'mol',
  'Pa',
  'J',
  'W',
  'Hz',
  'N',
  'V',
  'A',
  'K',
  'eq',
  'U',
  'IU',
  'kat',
]);

/** A UCUM code as factor × base for simple metric codes (`km` → 1000 × `m`), else undefined. */
function metric(code: string): { factor: number; base: string } | undefined {
  if (metricBases.has(code)) return { factor: 1, base: code };
  for (const [prefix, factor] of Object.entries(prefixes)) {
    if (code.startsWith(prefix) && metricBases.has(code.slice(prefix.length)))
      return { factor, base: code.slice(prefix.length) };
  }
  return undefined;
}

type Comparison = { order: number } | { reason: 'no-formal-units' | 'incompatible-units' };

function compareQuantities(a: Json, b: Json): Comparison | undefined {
  const va = a['value'];
  const vb = b['value'];
  if (typeof va !== 'number' || typeof vb !== 'number') return undefined;
  const sa = str(a, 'system');
  const sb = str(b, 'system');
  const ca = str(a, 'code');
  const cb = str(b, 'code');
  if (!sa || !sb || !ca || !cb) return { reason: 'no-formal-units' };
  if (sa === sb && ca === cb) return { order: va - vb };
  if (sa !== ucum || sb !== ucum) return { reason: 'incompatible-units' };
  const ma = metric(ca);
  const mb = metric(cb);
  if (!ma || !mb || ma.base !== mb.base) return { reason: 'incompatible-units' };
  return { order: va * ma.factor - vb * mb.factor };
}

/**
 * A Quantity answer (location: the value): minimum and maximum (`minValue`/`maxValue` or SDC's
 * `minQuantity`/`maxQuantity`), compared only with formal units (system and code; UCUM codes that
 * differ by a metric prefix are converted); `questionnaire-unitOption` and `questionnaire-unitValueSet`.
 */
export function checkQuantity(walk: ResponseWalk, qItem: Json, v: unknown): void {
  if (!isJson(v)) return;
  checkQuantityLimits(walk, qItem, v);
  checkUnits(walk, qItem, v);
}

function checkQuantityLimits(walk: ResponseWalk, qItem: Json, v: Json): void {
  const { ctx } = walk;
  for (const [bound, urls] of [
    ['minimum', [ext.minValue, sdcMinQuantity]],
    ['maximum', [ext.maxValue, sdcMaxQuantity]],
  ] as const) {
    const limit = urls
      .map((u) => extensionValue(qItem, u))
      .find((x) => x !== undefined && x[0] === 'Quantity')?.[1];
    if (!isJson(limit)) continue;
    const cmp = compareQuantities(v, limit);
    if (!cmp) continue;
    const shown =
      `${String(limit['value'])} ${str(limit, 'code') ?? str(limit, 'unit') ?? ''}`.trim();
    if ('reason' in cmp)
      ctx.report('questionnaire.not-comparable', { bound, limit: shown, reason: cmp.reason });
    else if (bound === 'minimum' && cmp.order < 0)
      ctx.report('questionnaire.below-minimum', { limit: shown });
    else if (bound === 'maximum' && cmp.order > 0)
      ctx.report('questionnaire.above-maximum', { limit: shown });
  }
}

/** `questionnaire-unitOption` (allowed units) and `questionnaire-unitValueSet` (location: the value). */
function checkUnits(walk: ResponseWalk, qItem: Json, v: Json): void {
  const { ctx } = walk;
  const system = str(v, 'system');
  const code = str(v, 'code');
  const options = extensions(qItem, ext.unitOption)
    .map((e) => e['valueCoding'])
    .filter(isJson);
  if (
    options.length > 0 &&
    !options.some(
      (o) => o['code'] === code && (o['system'] === undefined || o['system'] === system),
    )
  ) {
    const allowed = options
      .map((o) => `${str(o, 'system') ?? ''}#${str(o, 'code') ?? ''}`)
      .join(', ');
    ctx.report('questionnaire.unit-not-allowed', {
      system: system ?? '',
      code: code ?? '',
      allowed,
    });
  }
  const unitValueSet = extensionValue(qItem, ext.unitValueSet)?.[1];
  if (typeof unitValueSet === 'string') {
    const tx = ctx.terminology;
    const local = findPayloadResource(walk.source, 'ValueSet', unitValueSet) as
      ValueSet | undefined;
    const coding = { ...(system ? { system } : {}), ...(code ? { code } : {}) };
    const result =
      code === undefined
        ? ({ outcome: 'invalid' } as const)
        : local
          ? tx.validateCodeIn(local, coding)
          : tx.validateCode(unitValueSet, coding);
    if (result.outcome === 'invalid')
      ctx.report('questionnaire.unit-not-in-value-set', {
        system: system ?? '',
        code: code ?? '',
        valueSet: unitValueSet,
      });
    else if (result.outcome === 'not-checked') {
      if (result.reason === 'value-set-not-found')
        ctx.report('questionnaire.value-set-not-found', { valueSet: unitValueSet });
      else
        ctx.report('questionnaire.answer-not-checked', {
          valueSet: unitValueSet,
          reason: result.reason,
        });
    }
  }
}

const reUrlReference =
  /^(?:https?:\/\/\S+\/)?([A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * A Reference answer (location: the value): a literal reference must be well formed and name a
 * resource type, and one of the `questionnaire-referenceResource` types when the item lists them.
 */
export function checkReference(walk: ResponseWalk, qItem: Json, v: unknown): void {
  if (!isJson(v)) return;
  const ref = str(v, 'reference');
  if (
    ref === undefined ||
    ref.startsWith('#') ||
    ref.startsWith('urn:uuid:') ||
    ref.startsWith('urn:oid:')
  )
    return;
  const { ctx } = walk;
  const match = reUrlReference.exec(ref);
  let type = match?.[1];
  if (!match) {
    ctx.report('questionnaire.reference-invalid');
    // the type can still be read from a malformed url (`…/Type/id`)
    const parts = ref.split('/');
    type =
      parts.length >= 2 && /^[A-Z][A-Za-z]+$/.test(parts[parts.length - 2]!)
        ? parts[parts.length - 2]
        : undefined;
  }
  if (type === undefined) return;
  if (!ctx.services.model.registry.isResourceType(type)) {
    ctx.report('questionnaire.reference-type-unknown', { resourceType: type });
    return;
  }
  const allowed = extensions(qItem, ext.referenceResource)
    .map((e) => e['valueCode'])
    .filter((c): c is string => typeof c === 'string');
  if (allowed.length > 0 && !allowed.includes(type) && !allowed.includes('Resource'))
    ctx.report('questionnaire.reference-type-not-allowed', {
      resourceType: type,
      allowed: allowed.join(', '),
    });
}

/** An Attachment answer (location: the answer): the `mimeType` and `maxSize` extensions. */
export function checkAttachment(walk: ResponseWalk, qItem: Json, v: unknown): void {
  if (!isJson(v)) return;
  const { ctx } = walk;
  const types = extensions(qItem, ext.mimeType)
    .map((e) => e['valueCode'])
    .filter((c): c is string => typeof c === 'string');
  const contentType = str(v, 'contentType');
  if (
    types.length > 0 &&
    contentType !== undefined &&
    !types.includes(contentType.split(';')[0]!.trim())
  )
    ctx.report('questionnaire.mime-type-not-allowed', {
      mimeType: contentType,
      allowed: types.join(', '),
    });
  const maxSize = extensionValue(qItem, ext.maxSize)?.[1];
  if (typeof maxSize === 'number') {
    const data = str(v, 'data');
    const size =
      data !== undefined
        ? decodedLength(data)
        : typeof v['size'] === 'number'
          ? v['size']
          : undefined;
    if (size !== undefined && size > maxSize)
      ctx.report('questionnaire.attachment-too-large', { size, limit: maxSize });
  }
}

/** Bytes encoded by a base64 string (whitespace ignored). */
function decodedLength(data: string): number {
  const clean = data.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}
