/** The set of FHIR primitive type names in R4 (JSON primitives with an optional `_name` companion). */
export const primitiveTypes: ReadonlySet<string> = new Set([
  'base64Binary',
  'boolean',
  'canonical',
  'code',
  'date',
  'dateTime',
  'decimal',
  'id',
  'instant',
  'integer',
  'markdown',
  'oid',
  'positiveInt',
  'string',
  'time',
  'unsignedInt',
  'uri',
  'url',
  'uuid',
  'xhtml',
]);

/** The JSON type each FHIR primitive is represented with (json.html#primitive). */
export function jsonTypeOf(fhirType: string): 'boolean' | 'number' | 'string' {
  switch (fhirType) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'positiveInt':
    case 'unsignedInt':
    case 'decimal':
    case 'integer64':
      return 'number';
    default:
      return 'string';
  }
}
