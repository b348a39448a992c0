/**
 * The parts of Questionnaire and QuestionnaireResponse JSON the checks read, read defensively:
 * the payload is untrusted, so every field is checked for its JSON type where it is used.
 * @module
 */

/** A JSON object of the payload. */
export type Json = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON objects of an array property (other entries skipped). */
export function objects(owner: Json, name: string): Json[] {
  const list = owner[name];
  return Array.isArray(list) ? list.filter(isJson) : [];
}

/** A string property, or undefined. */
export function str(owner: Json, name: string): string | undefined {
  const v = owner[name];
  return typeof v === 'string' ? v : undefined;
}

/** The `extension` entries of an element with the given url. */
export function extensions(owner: Json, url: string): Json[] {
  return objects(owner, 'extension').filter((e) => e['url'] === url);
}

/** The first `value[x]` of an element as `[type, value]` (`valueCoding` → `['Coding', …]`). */
export function valueX(owner: Json, prefix = 'value'): [string, unknown] | undefined {
  for (const key of Object.keys(owner)) {
    if (
      key.length > prefix.length &&
      key.startsWith(prefix) &&
      key[prefix.length]! >= 'A' &&
      key[prefix.length]! <= 'Z'
    ) {
      return [typeName(key.slice(prefix.length)), owner[key]];
    }
  }
  return undefined;
}

/** `String` → `string`, `Coding` → `Coding`, `DateTime` → `dateTime`: FHIR type names from a suffix. */
function typeName(suffix: string): string {
  const primitive = suffix[0]!.toLowerCase() + suffix.slice(1);
  return primitiveTypes.has(primitive) ? primitive : suffix;
}

const primitiveTypes = new Set([
  'boolean',
  'integer',
  'decimal',
  'string',
  'uri',
  'url',
  'canonical',
  'date',
  'dateTime',
  'time',
  'instant',
  'code',
  'id',
  'oid',
  'uuid',
  'markdown',
  'base64Binary',
  'positiveInt',
  'unsignedInt',
  'integer64',
]);

/** Extension urls of the Questionnaire item constraints (core extensions of R4). */
export const ext = {
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  minLength: 'http://hl7.org/fhir/StructureDefinition/minLength',
  maxDecimalPlaces: 'http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces',
  regex: 'http://hl7.org/fhir/StructureDefinition/regex',
  minOccurs: 'http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs',
  maxOccurs: 'http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs',
  unitOption: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption',
  unitValueSet: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unitValueSet',
  mimeType: 'http://hl7.org/fhir/StructureDefinition/mimeType',
  maxSize: 'http://hl7.org/fhir/StructureDefinition/maxSize',
  referenceResource: 'http://hl7.org/fhir/StructureDefinition/questionnaire-referenceResource',
  optionExclusive: 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive',
} as const;

/** A Questionnaire item type's allowed answer value types (R4 `item.type` → `answer.value[x]`). */
export const answerTypes: Readonly<Record<string, readonly string[]>> = {
  boolean: ['boolean'],
  decimal: ['decimal'],
  integer: ['integer'],
  date: ['date'],
  dateTime: ['dateTime'],
  time: ['time'],
  string: ['string'],
  text: ['string'],
  url: ['uri'],
  attachment: ['Attachment'],
  reference: ['Reference'],
  quantity: ['Quantity'],
  choice: ['Coding', 'date', 'time', 'integer', 'string'],
  'open-choice': ['Coding', 'date', 'time', 'integer', 'string'],
};

/** Finds the Questionnaire item with a linkId anywhere in a list of items (depth first). */
export function findItem(items: readonly Json[], linkId: string): Json | undefined {
  for (const item of items) {
    if (item['linkId'] === linkId) return item;
    const inner = findItem(objects(item, 'item'), linkId);
    if (inner) return inner;
  }
  return undefined;
}
