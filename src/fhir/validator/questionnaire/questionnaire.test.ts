import { beforeAll, describe, expect, it } from 'vitest';
import { loadBaseRegistry } from '../../../node/create-node-validator.js';
import { CanonicalRegistry } from '../../definitions/canonical-registry.js';
import { createValidator, type Validator } from '../create-validator.js';
import type { Issue } from '../../../issues/issue.js';

type J = Record<string, unknown>;

let base: CanonicalRegistry;
let validator: Validator;
beforeAll(() => {
  base = loadBaseRegistry();
  validator = createValidator({ registry: base });
});

/** A response with a contained Questionnaire holding `items`. */
function response(qItems: J[], items: J[], extra: J = {}, qExtra: J = {}): J {
  return {
    resourceType: 'QuestionnaireResponse',
    contained: [
      { resourceType: 'Questionnaire', id: 'q', status: 'active', item: qItems, ...qExtra },
    ],
    questionnaire: '#q',
    status: 'completed',
    item: items,
    ...extra,
  };
}

function qIssues(
  resource: J,
  v: Validator = validator,
): Pick<Issue, 'code' | 'severity' | 'expression'>[] {
  return v
    .validate(resource)
    .issues.filter((i) => i.code.startsWith('questionnaire.') || i.code.startsWith('binding.'))
    .filter((i) => i.severity !== 'information' || i.code.startsWith('questionnaire.'))
    .map(({ code, severity, expression }) => ({ code, severity, expression }))
    .sort(byLocation);
}

/** Issues in a stable order (the collector's order is not part of the contract). */
function byLocation(
  a: { code: string; expression: string },
  b: { code: string; expression: string },
): number {
  return a.expression === b.expression
    ? a.code < b.code
      ? -1
      : a.code > b.code
        ? 1
        : 0
    : a.expression < b.expression
      ? -1
      : 1;
}

/** The expected list, in the same order as {@link qIssues}. */
function sorted<T extends { code: string; expression: string }>(list: T[]): T[] {
  return [...list].sort(byLocation);
}

const qr = 'QuestionnaireResponse';

describe('QuestionnaireResponse items against the Questionnaire', () => {
  it('accepts a response that follows its Questionnaire', () => {
    const q = [
      { linkId: 'name', type: 'string', required: true },
      { linkId: 'g', type: 'group', item: [{ linkId: 'age', type: 'integer' }] },
    ];
    const r = response(q, [
      { linkId: 'name', answer: [{ valueString: 'x' }] },
      { linkId: 'g', item: [{ linkId: 'age', answer: [{ valueInteger: 3 }] }] },
    ]);
    expect(qIssues(r)).toEqual([]);
    expect(validator.validate(r).valid).toBe(true);
  });

  it('reports unknown and misplaced linkIds at the containing element', () => {
    const q = [{ linkId: 'g', type: 'group', item: [{ linkId: 'a', type: 'string' }] }];
    const r = response(q, [{ linkId: 'zz' }, { linkId: 'a', answer: [{ valueString: 'x' }] }]);
    expect(qIssues(r)).toEqual(
      sorted([
        { code: 'questionnaire.item-not-found', severity: 'error', expression: qr },
        { code: 'questionnaire.item-misplaced', severity: 'error', expression: qr },
      ]),
    );
  });

  it('reports items out of order and repeated items that do not repeat', () => {
    const q = [
      { linkId: 'a', type: 'string' },
      { linkId: 'b', type: 'string' },
    ];
    const r = response(q, [
      { linkId: 'b', answer: [{ valueString: 'x' }] },
      { linkId: 'a', answer: [{ valueString: 'y' }] },
      { linkId: 'a', answer: [{ valueString: 'z' }] },
    ]);
    expect(qIssues(r)).toEqual(
      sorted([
        { code: 'questionnaire.item-order', severity: 'error', expression: qr },
        { code: 'questionnaire.item-repeated', severity: 'error', expression: `${qr}.item[2]` },
      ]),
    );
  });

  it('requires required items: an error when completed, a warning when in progress', () => {
    const q = [
      { linkId: 'a', type: 'string', required: true },
      { linkId: 'b', type: 'string', required: true },
      { linkId: 'g', type: 'group', required: true, item: [{ linkId: 'c', type: 'string' }] },
    ];
    const items = [{ linkId: 'b' }, { linkId: 'g' }];
    expect(qIssues(response(q, items))).toEqual(
      sorted([
        { code: 'questionnaire.required-missing', severity: 'error', expression: qr },
        { code: 'questionnaire.required-missing', severity: 'error', expression: `${qr}.item[0]` },
        { code: 'questionnaire.group-empty', severity: 'error', expression: `${qr}.item[1]` },
      ]),
    );
    expect(qIssues(response(q, items, { status: 'in-progress' })).map((i) => i.severity)).toEqual([
      'warning',
      'warning',
      'warning',
    ]);
  });

  it('checks answer types against item.type, at the value', () => {
    const q = [
      { linkId: 'a', type: 'boolean' },
      { linkId: 'b', type: 'choice' },
      { linkId: 'c', type: 'url' },
    ];
    const r = response(q, [
      { linkId: 'a', answer: [{ valueCoding: { code: 'x' } }] },
      { linkId: 'b', answer: [{ valueBoolean: true }] },
      { linkId: 'c', answer: [{ valueUri: 'http://x.org' }] },
    ]);
    expect(qIssues(r)).toEqual(
      sorted([
        {
          code: 'questionnaire.answer-wrong-type',
          severity: 'error',
          expression: `${qr}.item[0].answer[0].value.ofType(Coding)`,
        },
        {
          code: 'questionnaire.answer-wrong-type',
          severity: 'error',
          expression: `${qr}.item[1].answer[0].value.ofType(boolean)`,
        },
      ]),
    );
  });

  it('leaves value types QuestionnaireResponse never allows to the structure check', () => {
    const r = response(
      [{ linkId: 'a', type: 'choice' }],
      [{ linkId: 'a', answer: [{ valueCode: 'x' }] }],
    );
    expect(qIssues(r)).toEqual([]);
    expect(validator.validate(r).issues.map((i) => i.code)).toContain(
      'structure.choice-type-not-allowed',
    );
  });

  it('reports several answers to a non-repeating item, answers to groups and display items, and too many or too few answers', () => {
    const q = [
      { linkId: 'a', type: 'string' },
      { linkId: 'g', type: 'group', item: [{ linkId: 'x', type: 'string' }] },
      { linkId: 'd', type: 'display' },
      {
        linkId: 'm',
        type: 'string',
        repeats: true,
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs',
            valueInteger: 1,
          },
        ],
      },
      {
        linkId: 'n',
        type: 'string',
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs',
            valueInteger: 1,
          },
        ],
      },
    ];
    const r = response(q, [
      { linkId: 'a', answer: [{ valueString: '1' }, { valueString: '2' }] },
      { linkId: 'g', answer: [{ valueString: '1' }] },
      { linkId: 'd', answer: [{ valueString: '1' }] },
      { linkId: 'm', answer: [{ valueString: '1' }, { valueString: '2' }] },
      { linkId: 'n' },
    ]);
    expect(qIssues(r)).toEqual(
      sorted([
        { code: 'questionnaire.answer-repeats', severity: 'error', expression: `${qr}.item[0]` },
        {
          code: 'questionnaire.answer-not-allowed',
          severity: 'error',
          expression: `${qr}.item[1]`,
        },
        {
          code: 'questionnaire.answer-not-allowed',
          severity: 'error',
          expression: `${qr}.item[2]`,
        },
        { code: 'questionnaire.too-many-answers', severity: 'error', expression: `${qr}.item[3]` },
        { code: 'questionnaire.too-few-answers', severity: 'error', expression: `${qr}.item[4]` },
      ]),
    );
  });

  it('checks answerOption values of each type and exclusive options', () => {
    const ex = [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive',
        valueBoolean: true,
      },
    ];
    const q = [
      {
        linkId: 'c',
        type: 'choice',
        repeats: true,
        answerOption: [
          { valueCoding: { system: 'http://s', code: 'a' } },
          { valueCoding: { system: 'http://s', code: 'none' }, extension: ex },
        ],
      },
      { linkId: 'i', type: 'integer', answerOption: [{ valueInteger: 1 }, { valueInteger: 2 }] },
      {
        linkId: 's',
        type: 'choice',
        answerOption: [{ valueCoding: { system: 'http://s', code: 'a' } }],
      },
    ];
    const r = response(q, [
      {
        linkId: 'c',
        answer: [
          { valueCoding: { system: 'http://s', code: 'b' } },
          { valueCoding: { system: 'http://s', code: 'none' } },
        ],
      },
      { linkId: 'i', answer: [{ valueInteger: 3 }] },
      { linkId: 's', answer: [{ valueString: 'free' }] },
    ]);
    expect(qIssues(r)).toEqual(
      sorted([
        {
          code: 'questionnaire.answer-not-in-options',
          severity: 'error',
          expression: `${qr}.item[0].answer[0]`,
        },
        {
          code: 'questionnaire.option-exclusive',
          severity: 'error',
          expression: `${qr}.item[0].answer[1]`,
        },
        {
          code: 'questionnaire.answer-not-in-options',
          severity: 'error',
          expression: `${qr}.item[1].answer[0].value.ofType(integer)`,
        },
        {
          code: 'questionnaire.no-options-of-type',
          severity: 'error',
          expression: `${qr}.item[2].answer[0]`,
        },
      ]),
    );
  });

  it('accepts free text in open-choice items', () => {
    const q = [
      {
        linkId: 'o',
        type: 'open-choice',
        answerOption: [{ valueCoding: { system: 'http://s', code: 'a' } }],
      },
    ];
    expect(qIssues(response(q, [{ linkId: 'o', answer: [{ valueString: 'other' }] }]))).toEqual([]);
  });

  it('checks answerValueSet against a contained ValueSet and a loaded one', () => {
    const vs = {
      resourceType: 'ValueSet',
      id: 'vs',
      status: 'active',
      compose: { include: [{ system: 'http://s', concept: [{ code: 'a' }, { code: 'b' }] }] },
    };
    const q = [
      { linkId: 'c', type: 'choice', answerValueSet: '#vs' },
      {
        linkId: 'g',
        type: 'choice',
        answerValueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender',
      },
      { linkId: 'm', type: 'choice', answerValueSet: 'http://example.com/ValueSet/missing' },
    ];
    const r = response(
      q,
      [
        { linkId: 'c', answer: [{ valueCoding: { system: 'http://s', code: 'z' } }] },
        {
          linkId: 'g',
          answer: [
            {
              valueCoding: {
                system: 'http://hl7.org/fhir/administrative-gender',
                code: 'female',
                display: 'Woman',
              },
            },
          ],
        },
        { linkId: 'm', answer: [{ valueCoding: { system: 'http://s', code: 'a' } }] },
      ],
      {},
      { contained: [vs] },
    );
    (r['contained'] as J[])[0]!['contained'] = [vs];
    expect(qIssues(r)).toEqual(
      sorted([
        {
          code: 'questionnaire.answer-not-in-value-set',
          severity: 'error',
          expression: `${qr}.item[0].answer[0]`,
        },
        {
          code: 'binding.display-mismatch',
          severity: 'warning',
          expression: `${qr}.item[1].answer[0].value.ofType(Coding)`,
        },
        // a display the value set does not give: not one of the options (as the HL7 validator)
        {
          code: 'questionnaire.answer-display-mismatch',
          severity: 'error',
          expression: `${qr}.item[1].answer[0]`,
        },
        {
          code: 'questionnaire.value-set-not-found',
          severity: 'warning',
          expression: `${qr}.item[2].answer[0]`,
        },
      ]),
    );
  });

  it('makes answers to disabled items errors and does not require disabled items', () => {
    const q = [
      { linkId: 'smoker', type: 'boolean' },
      {
        linkId: 'packs',
        type: 'integer',
        required: true,
        enableWhen: [{ question: 'smoker', operator: '=', answerBoolean: true }],
      },
      {
        linkId: 'why',
        type: 'string',
        required: true,
        enableBehavior: 'any',
        enableWhen: [
          { question: 'smoker', operator: 'exists', answerBoolean: true },
          { question: 'packs', operator: '>', answerInteger: 5 },
        ],
      },
    ];
    expect(
      qIssues(
        response(q, [
          { linkId: 'smoker', answer: [{ valueBoolean: false }] },
          { linkId: 'packs', answer: [{ valueInteger: 2 }] },
          { linkId: 'why', answer: [{ valueString: 'x' }] },
        ]),
      ),
    ).toEqual(
      sorted([
        {
          code: 'questionnaire.answer-not-enabled',
          severity: 'error',
          expression: `${qr}.item[1]`,
        },
      ]),
    );
    // nothing answered: only `smoker` could enable the others, so nothing is required
    expect(qIssues(response(q, []))).toEqual([]);
    expect(qIssues(response(q, [{ linkId: 'smoker', answer: [{ valueBoolean: true }] }]))).toEqual(
      sorted([
        { code: 'questionnaire.required-missing', severity: 'error', expression: qr },
        { code: 'questionnaire.required-missing', severity: 'error', expression: qr },
      ]),
    );
  });

  it('evaluates SDC enableWhenExpression conditions, and reports nothing when a condition cannot be evaluated', () => {
    const expr = (expression: string) => [
      {
        url: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression',
        valueExpression: { language: 'text/fhirpath', expression },
      },
    ];
    const q = (expression: string) => [
      { linkId: 'smoker', type: 'boolean' },
      { linkId: 'packs', type: 'integer', required: true, extension: expr(expression) },
    ];
    // the Expression's language binding (BCP 13) is not loaded: only this family's issues are asserted
    const own = (r: J) => qIssues(r).filter((i) => i.code.startsWith('questionnaire.'));
    const on = "%resource.item.where(linkId='smoker').answer.value = true";
    const items = [
      { linkId: 'smoker', answer: [{ valueBoolean: false }] },
      { linkId: 'packs', answer: [{ valueInteger: 2 }] },
    ];
    expect(own(response(q(on), items))).toEqual([
      { code: 'questionnaire.answer-not-enabled', severity: 'error', expression: `${qr}.item[1]` },
    ]);
    expect(own(response(q(on), [{ linkId: 'smoker', answer: [{ valueBoolean: true }] }]))).toEqual([
      { code: 'questionnaire.required-missing', severity: 'error', expression: qr },
    ]);
    expect(own(response(q('this is not ( fhirpath'), items))).toEqual([]);
    expect(
      own(
        response(q('this is not ( fhirpath'), [
          { linkId: 'smoker', answer: [{ valueBoolean: true }] },
        ]),
      ),
    ).toEqual([]);
  });

  it('finds the Questionnaire in the Bundle and among loaded resources, and warns when it cannot', () => {
    const q = {
      resourceType: 'Questionnaire',
      url: 'http://example.com/Questionnaire/q',
      version: '2',
      status: 'active',
      item: [{ linkId: 'a', type: 'string' }],
    };
    const r = {
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'http://example.com/Questionnaire/q|2',
      status: 'completed',
      item: [{ linkId: 'b' }],
    };
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:3f1c5d2e-0000-4000-8000-000000000001', resource: q },
        { fullUrl: 'urn:uuid:3f1c5d2e-0000-4000-8000-000000000002', resource: r },
      ],
    };
    expect(qIssues(bundle)).toEqual([
      {
        code: 'questionnaire.item-not-found',
        severity: 'error',
        expression: 'Bundle.entry[1].resource',
      },
    ]);
    const registry = new CanonicalRegistry();
    registry.addAll(base.allResources());
    registry.add(q);
    expect(qIssues(r, createValidator({ registry }))).toEqual([
      { code: 'questionnaire.item-not-found', severity: 'error', expression: qr },
    ]);
    expect(qIssues({ ...r, questionnaire: 'http://example.com/Questionnaire/other' })).toEqual([
      { code: 'questionnaire.not-found', severity: 'warning', expression: qr },
    ]);
    expect(
      qIssues({ ...r, questionnaire: 'http://hl7.org/fhir/ValueSet/administrative-gender' }).map(
        (i) => i.code,
      ),
    ).toEqual(['questionnaire.not-found', 'questionnaire.wrong-resource-type']);
  });
});

describe('QuestionnaireResponse answer constraints', () => {
  const e = (url: string, v: J): J => ({
    url: `http://hl7.org/fhir/StructureDefinition/${url}`,
    ...v,
  });
  it('checks lengths, regex, line breaks, limits, decimal places, units, references and attachments', () => {
    const q = [
      {
        linkId: 's',
        type: 'string',
        maxLength: 3,
        extension: [e('minLength', { valueInteger: 2 }), e('regex', { valueString: '[a-z]+' })],
      },
      { linkId: 'i', type: 'integer', extension: [e('minValue', { valueInteger: 10 })] },
      {
        linkId: 'd',
        type: 'decimal',
        extension: [e('maxValue', { valueDecimal: 1 }), e('maxDecimalPlaces', { valueInteger: 1 })],
      },
      { linkId: 't', type: 'date', extension: [e('maxValue', { valueDate: '2022-06' })] },
      {
        linkId: 'q',
        type: 'quantity',
        extension: [
          e('maxValue', {
            valueQuantity: { value: 5, system: 'http://unitsofmeasure.org', code: 'km' },
          }),
          e('questionnaire-unitOption', {
            valueCoding: { system: 'http://unitsofmeasure.org', code: 'km' },
          }),
        ],
      },
      {
        linkId: 'r',
        type: 'reference',
        extension: [e('questionnaire-referenceResource', { valueCode: 'Patient' })],
      },
      {
        linkId: 'a',
        type: 'attachment',
        extension: [e('mimeType', { valueCode: 'image/png' }), e('maxSize', { valueDecimal: 2 })],
      },
    ];
    const r = response(q, [
      { linkId: 's', answer: [{ valueString: 'ABCD\n' }] },
      { linkId: 'i', answer: [{ valueInteger: 9 }] },
      { linkId: 'd', answer: [{ valueDecimal: 1.25 }] },
      { linkId: 't', answer: [{ valueDate: '2022-06-30' }] },
      {
        linkId: 'q',
        answer: [
          { valueQuantity: { value: 6000, system: 'http://unitsofmeasure.org', code: 'm' } },
        ],
      },
      { linkId: 'r', answer: [{ valueReference: { reference: 'Organization/1' } }] },
      {
        linkId: 'a',
        answer: [{ valueAttachment: { contentType: 'application/pdf', data: 'AAAAAA==' } }],
      },
    ]);
    const v = (i: number, t: string) => `${qr}.item[${i}].answer[0].value.ofType(${t})`;
    expect(qIssues(r)).toEqual(
      sorted([
        { code: 'questionnaire.too-long', severity: 'error', expression: v(0, 'string') },
        { code: 'questionnaire.regex-mismatch', severity: 'error', expression: v(0, 'string') },
        { code: 'questionnaire.string-newline', severity: 'warning', expression: v(0, 'string') },
        { code: 'questionnaire.below-minimum', severity: 'error', expression: v(1, 'integer') },
        { code: 'questionnaire.above-maximum', severity: 'error', expression: v(2, 'decimal') },
        {
          code: 'questionnaire.too-many-decimal-places',
          severity: 'error',
          expression: v(2, 'decimal'),
        },
        { code: 'questionnaire.above-maximum', severity: 'error', expression: v(3, 'date') },
        { code: 'questionnaire.above-maximum', severity: 'error', expression: v(4, 'Quantity') },
        { code: 'questionnaire.unit-not-allowed', severity: 'error', expression: v(4, 'Quantity') },
        {
          code: 'questionnaire.reference-type-not-allowed',
          severity: 'error',
          expression: v(5, 'Reference'),
        },
        {
          code: 'questionnaire.mime-type-not-allowed',
          severity: 'error',
          expression: `${qr}.item[6].answer[0]`,
        },
        {
          code: 'questionnaire.attachment-too-large',
          severity: 'error',
          expression: `${qr}.item[6].answer[0]`,
        },
      ]),
    );
  });

  it('does not compare quantities without formal units', () => {
    const q = [
      {
        linkId: 'q',
        type: 'quantity',
        extension: [e('minValue', { valueQuantity: { value: 5, unit: 'kg' } })],
      },
    ];
    expect(
      qIssues(
        response(q, [{ linkId: 'q', answer: [{ valueQuantity: { value: 6, unit: 'kg' } }] }]),
      ),
    ).toEqual(
      sorted([
        {
          code: 'questionnaire.not-comparable',
          severity: 'error',
          expression: `${qr}.item[0].answer[0].value.ofType(Quantity)`,
        },
      ]),
    );
  });

  it('never throws on malformed Questionnaires and responses', () => {
    const r = response(
      [{ linkId: 1, item: 'x', enableWhen: [null, { question: 'a' }] }, null] as unknown as J[],
      [null, { linkId: 'a', answer: 'x', item: [{}] }] as unknown as J[],
    );
    expect(() => validator.validate(r)).not.toThrow();
  });
});

describe('Questionnaire items and their enableWhen', () => {
  it('checks enableWhen targets and requires enableBehavior with two conditions', () => {
    const q = {
      resourceType: 'Questionnaire',
      status: 'active',
      item: [
        { linkId: 'a', type: 'boolean' },
        {
          linkId: 'b',
          type: 'boolean',
          enableWhen: [
            { question: 'a', operator: 'exists', answerBoolean: true },
            { question: 'c', operator: 'exists', answerBoolean: true },
          ],
        },
        {
          linkId: 'c',
          type: 'boolean',
          enableWhen: [{ question: 'zz', operator: 'exists', answerBoolean: true }],
        },
        {
          linkId: 'd',
          type: 'boolean',
          enableWhen: [{ question: 'd', operator: 'exists', answerBoolean: true }],
        },
        {
          linkId: 'g',
          type: 'group',
          enableWhen: [{ question: 'g1', operator: 'exists', answerBoolean: true }],
          item: [
            {
              linkId: 'g1',
              type: 'boolean',
              enableWhen: [{ question: 'g', operator: 'exists', answerBoolean: true }],
            },
          ],
        },
      ],
    };
    const q0 = 'Questionnaire.item';
    expect(qIssues(q)).toEqual(
      sorted([
        {
          code: 'questionnaire.enable-behavior-missing',
          severity: 'error',
          expression: `${q0}[1]`,
        },
        { code: 'questionnaire.enable-when-after', severity: 'warning', expression: `${q0}[1]` },
        {
          code: 'questionnaire.enable-when-target-not-found',
          severity: 'error',
          expression: `${q0}[2]`,
        },
        { code: 'questionnaire.enable-when-self', severity: 'error', expression: `${q0}[3]` },
        { code: 'questionnaire.enable-when-inner', severity: 'error', expression: `${q0}[4]` },
      ]),
    );
    const fixed = {
      ...q,
      item: [
        q.item[0],
        { ...q.item[1], enableBehavior: 'any', enableWhen: [q.item[1]!.enableWhen![0]] },
      ],
    };
    expect(qIssues(fixed)).toEqual([]);
  });
});
