import { describe, expect, it } from 'vitest';
import { detectFeed } from './detect-feed.js';
import { validateFeed, validateFeedStream } from './validate-feed.js';

const child = {
  LAchildID: 'NVC0001',
  UPN: 'U999123456789',
  PersonBirthDate: '2015-05-06',
  GenderCurrent: 1,
  Ethnicity: 'WBRI',
  Disabilities: ['NONE'],
  CINdetails: [
    {
      CINreferralDate: '2026-04-10',
      ReferralSource: '2A',
      PrimaryNeedCode: 'N4',
      Assessments: [
        {
          AssessmentActualStartDate: '2026-04-12',
          AssessmentAuthorisationDate: '2026-05-01',
          AssessmentFactors: ['2A', '21'],
        },
      ],
      CINclosureDate: '2026-09-01',
      ReasonForClosure: 'RC8',
    },
  ],
};

function issues(value: unknown): [string, string, readonly string[] | undefined][] {
  return validateFeed(JSON.stringify(value, null, 2)).issues.map((i) => [
    i.code,
    i.pointer,
    i.requirements,
  ]);
}

describe('children-in-need feed', () => {
  it('is detected from its keys and accepts a valid child (array or single object)', () => {
    expect(detectFeed(JSON.stringify([child]))).toEqual({ feed: 'cin', format: 'json' });
    const r = validateFeed(JSON.stringify([child]));
    expect(r.issues).toEqual([]);
    expect(r.records).toEqual([{ pointer: '/0', type: 'cin-child', key: 'NVC0001' }]);
    expect(validateFeed(JSON.stringify(child)).records).toEqual([
      { pointer: '', type: 'cin-child', key: 'NVC0001' },
    ]);
  });

  it('reports DfE codes outside their lists as jsonschema.enum with MDS-14 (and MDS-12 for ethnicity)', () => {
    const bad = {
      ...child,
      Ethnicity: 'WBR',
      CINdetails: [{ ...child.CINdetails[0], PrimaryNeedCode: 'N10', ReasonForClosure: 'RC9' }],
    };
    expect(issues([bad])).toEqual([
      ['jsonschema.enum', '/0/CINdetails/0/PrimaryNeedCode', ['MDS-14']],
      ['jsonschema.enum', '/0/CINdetails/0/ReasonForClosure', ['MDS-14']],
      ['jsonschema.enum', '/0/Ethnicity', ['MDS-12', 'MDS-14']],
    ]);
  });

  it('reports closure before referral and an assessment authorised before it started (MDS-17)', () => {
    const bad = {
      ...child,
      CINdetails: [
        {
          ...child.CINdetails[0],
          CINclosureDate: '2026-04-01',
          Assessments: [
            { AssessmentActualStartDate: '2026-04-12', AssessmentAuthorisationDate: '2026-04-11' },
          ],
        },
      ],
    };
    expect(issues([bad])).toEqual([
      [
        'feed.event-end-before-start',
        '/0/CINdetails/0/Assessments/0/AssessmentAuthorisationDate',
        ['MDS-17'],
      ],
      ['feed.event-end-before-start', '/0/CINdetails/0/CINclosureDate', ['MDS-17']],
    ]);
  });

  it('needs a UPN or UPNunknown, a birth date or expected birth date, and a reason with a closure date', () => {
    const { UPN: _u, PersonBirthDate: _b, ...rest } = child;
    const bad = { ...rest, CINdetails: [{ ...child.CINdetails[0], ReasonForClosure: undefined }] };
    expect(issues([bad])).toEqual([
      ['jsonschema.dependent-required', '/0/CINdetails/0/ReasonForClosure', undefined],
      ['jsonschema.required', '/0/PersonBirthDate', ['MDS-06']],
      ['jsonschema.required', '/0/UPN', undefined],
    ]);
    const unborn = { ...rest, UPNunknown: 'UN1', ExpectedPersonBirthDate: '2026-12-01' };
    expect(issues([unborn])).toEqual([]);
  });

  it('reports a repeated LAchildID with the first record', () => {
    const r = validateFeed(JSON.stringify([child, child]));
    expect(r.issues.map((i) => [i.code, i.pointer, i.params])).toEqual([
      ['feed.duplicate-record-id', '/1/LAchildID', { field: 'LAchildID', firstRow: 0 }],
    ]);
  });

  it('is not read from CSV', () => {
    expect(validateFeed('LAchildID,UPN\nNVC1,A999123456789\n').issues.map((i) => i.code)).toEqual([
      'feed.unknown-feed',
    ]);
  });
});

describe('children-in-need feed as NDJSON, streamed', () => {
  it('reads one child per line with line positions, and reports a broken line', async () => {
    const lines = [
      JSON.stringify(child),
      '{"LAchildID": ',
      JSON.stringify({ ...child, LAchildID: 'NVC0002', Ethnicity: 'XXXX' }),
    ];
    async function* chunks(): AsyncIterable<string> {
      const text = `${lines.join('\n')}\n`;
      for (let i = 0; i < text.length; i += 17) yield text.slice(i, i + 17);
    }
    const r = await validateFeedStream(chunks());
    expect(r.issues.map((i) => [i.code, i.pointer, i.position?.line])).toEqual([
      ['feed.ndjson-invalid-line', '/1', 2],
      ['jsonschema.enum', '/2/Ethnicity', 3],
    ]);
    // The broken line has no key: its issues keep their index-based identity.
    expect(r.records).toEqual([
      { pointer: '/0', type: 'cin-child', key: 'NVC0001' },
      { pointer: '/1', type: 'cin-child' },
      { pointer: '/2', type: 'cin-child', key: 'NVC0002' },
    ]);
  });
});
