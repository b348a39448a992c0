/**
 * Turns ajv error objects (from the precompiled validators in src/generated/schemas) into issue
 * inputs with `jsonschema.<keyword>` codes. Params describe the rule that failed (property names,
 * limits, allowed values from the schema), never the value found in the data.
 * @module
 */
import type { IssueParams } from './issue.js';
import type { IssueInput } from './collector.js';

/** The part of ajv's `ErrorObject` this module reads (kept structural so callers need not import ajv). */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Where the validated value sits in the payload. */
export interface SchemaErrorOptions {
  /** JSON pointer of the validated value in the payload (`/17` for CSV row 17). Default `''`. */
  readonly pointerPrefix?: string;
  /** FHIRPath-style expression of the validated value (`Row[17]`). Default `''`. */
  readonly expressionPrefix?: string;
  /** Schema file the validator came from, recorded in `rule.schemaPath` (`cld-event.schema.json`). */
  readonly schema?: string;
  /** Requirement ids to attach to every issue (normally left to the requirement tracer). */
  readonly requirements?: readonly string[];
}

/** Keywords whose failure is already explained by the errors of their subschemas. */
const redundant = new Set(['if', 'then', 'else', '$ref', 'allOf', 'dependentSchemas']);

const maxAllowed = 12;

/** `minLength` → `min-length`. */
function kebab(keyword: string): string {
  return keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return JSON.stringify(v) ?? '';
}

function allowedList(values: unknown): string {
  const list = Array.isArray(values) ? values : [values];
  const shown = list.slice(0, maxAllowed).map(str).join(', ');
  return list.length > maxAllowed ? `${shown}, … (${list.length} values)` : shown;
}

function num(v: unknown): number | string {
  return typeof v === 'number' ? v : str(v);
}

type ParamMapper = (p: Readonly<Record<string, unknown>>) => IssueParams;

const limit: ParamMapper = (p) => ({ limit: num(p.limit) });
const bound: ParamMapper = (p) => ({ comparison: str(p.comparison), limit: num(p.limit) });

/** Maps ajv's params per keyword to flat, value-free issue params; the keys are the known keywords. */
const paramMappers: Readonly<Record<string, ParamMapper>> = {
  required: (p) => ({ property: str(p.missingProperty) }),
  dependentRequired: (p) => ({ property: str(p.missingProperty), dependsOn: str(p.property) }),
  type: (p) => ({ expected: Array.isArray(p.type) ? p.type.map(str).join(' or ') : str(p.type) }),
  enum: (p) => ({ allowed: allowedList(p.allowedValues) }),
  const: (p) => ({ allowed: allowedList(p.allowedValue) }),
  format: (p) => ({ format: str(p.format) }),
  pattern: (p) => ({ pattern: str(p.pattern) }),
  minimum: bound,
  maximum: bound,
  exclusiveMinimum: bound,
  exclusiveMaximum: bound,
  multipleOf: (p) => ({ multipleOf: num(p.multipleOf) }),
  additionalProperties: (p) => ({ property: str(p.additionalProperty) }),
  unevaluatedProperties: (p) => ({ property: str(p.unevaluatedProperty) }),
  propertyNames: (p) => ({ property: str(p.propertyName) }),
  uniqueItems: (p) => ({ i: num(p.i), j: num(p.j) }),
  minLength: limit,
  maxLength: limit,
  minItems: limit,
  maxItems: limit,
  minProperties: limit,
  maxProperties: limit,
  items: limit,
  unevaluatedItems: limit,
  contains: () => ({}),
  oneOf: () => ({}),
  anyOf: () => ({}),
  not: () => ({}),
};

function paramsOf(e: SchemaError): IssueParams {
  if (e.keyword === 'false schema') return {};
  const mapper = Object.hasOwn(paramMappers, e.keyword) ? paramMappers[e.keyword] : undefined;
  return mapper ? mapper(e.params) : { keyword: e.keyword };
}

/** Issue code of an ajv keyword: `jsonschema.min-length`, `jsonschema.false-schema`, else `jsonschema.invalid`. */
export function schemaErrorCode(keyword: string): string {
  if (keyword === 'false schema') return 'jsonschema.false-schema';
  return Object.hasOwn(paramMappers, keyword)
    ? `jsonschema.${kebab(keyword)}`
    : 'jsonschema.invalid';
}

/** The property an error is about, when it names one that is not in `instancePath` (a missing field). */
function childProperty(e: SchemaError): string | undefined {
  const p = e.params;
  const name =
    e.keyword === 'required' || e.keyword === 'dependentRequired'
      ? p.missingProperty
      : e.keyword === 'additionalProperties'
        ? p.additionalProperty
        : e.keyword === 'unevaluatedProperties'
          ? p.unevaluatedProperty
          : undefined;
  return typeof name === 'string' ? name : undefined;
}

function unescapePointerToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapePointerToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `/items/3/NHS_Number` → `.items[3].NHS_Number` (appended to the expression prefix). */
export function pointerToExpression(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .split('/')
    .slice(1)
    .map(unescapePointerToken)
    .map((t) =>
      /^(0|[1-9]\d*)$/.test(t)
        ? `[${t}]`
        : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(t)
          ? `.${t}`
          : `[${JSON.stringify(t)}]`,
    )
    .join('');
}

/**
 * Converts ajv errors into issue inputs for an `IssueCollector`. Errors of `if`/`then`/`allOf`/`$ref`
 * wrappers are dropped because the errors of their subschemas say the same thing more precisely.
 * For `required` and `additionalProperties` the pointer and expression name the property itself.
 */
export function schemaErrorsToIssues(
  errors: readonly SchemaError[] | null | undefined,
  options: SchemaErrorOptions = {},
): IssueInput[] {
  if (!errors) return [];
  const pointerPrefix = options.pointerPrefix ?? '';
  const expressionPrefix = options.expressionPrefix ?? '';
  const out: IssueInput[] = [];
  for (const e of errors) {
    if (redundant.has(e.keyword)) continue;
    const child = childProperty(e);
    const relPointer =
      child === undefined ? e.instancePath : `${e.instancePath}/${escapePointerToken(child)}`;
    const relExpression = pointerToExpression(relPointer);
    const expression =
      expressionPrefix === ''
        ? relExpression.replace(/^\./, '')
        : `${expressionPrefix}${relExpression}`;
    out.push({
      code: schemaErrorCode(e.keyword),
      expression,
      pointer: `${pointerPrefix}${relPointer}`,
      params: paramsOf(e),
      rule: { schemaPath: options.schema ? `${options.schema}${e.schemaPath}` : e.schemaPath },
      ...(options.requirements && options.requirements.length
        ? { requirements: options.requirements }
        : {}),
    });
  }
  return out;
}
