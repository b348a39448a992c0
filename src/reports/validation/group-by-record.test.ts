import { describe, expect, it } from 'vitest';
import { groupByRecord } from './group-by-record.js';
import { makeResult } from './testing/sample-files.js';

const unknown = (pointer: string) => ({
  code: 'structure.unknown-property',
  expression: `X${pointer}`,
  pointer,
  params: { name: 'x' },
});

describe('groupByRecord', () => {
  it('gives each issue to the record with the longest pointer prefix, on segment boundaries', () => {
    const result = makeResult(
      [
        unknown('/entry/1/resource/a'),
        unknown('/entry/10/resource/b'),
        unknown('/meta/x'),
        unknown('/entry/1/resource/contained/0/c'),
      ],
      {
        records: [
          { pointer: '', type: 'Bundle' },
          { pointer: '/entry/1/resource', type: 'Patient' },
          { pointer: '/entry/10/resource', type: 'Observation' },
          { pointer: '/entry/1/resource/contained/0', type: 'Organization' },
        ],
      },
    );
    const groups = groupByRecord(result);
    expect(groups.map((g) => [g.record?.pointer, g.issues.map((i) => i.pointer)])).toEqual([
      ['', ['/meta/x']],
      ['/entry/1/resource', ['/entry/1/resource/a']],
      ['/entry/10/resource', ['/entry/10/resource/b']],
      ['/entry/1/resource/contained/0', ['/entry/1/resource/contained/0/c']],
    ]);
  });

  it('puts issues under no record into a leading file-level group', () => {
    const result = makeResult([unknown(''), unknown('/3/NHS_Number')], {
      records: [{ pointer: '/3', type: 'cld-event' }],
    });
    const groups = groupByRecord(result);
    expect(groups.map((g) => [g.record?.type, g.issues.length])).toEqual([
      [undefined, 1],
      ['cld-event', 1],
    ]);
  });

  it('gives one file-level group when the result lists no records', () => {
    const result = makeResult([unknown('/a')]);
    const groups = groupByRecord({ ...result, records: [] });
    expect(groups).toHaveLength(1);
    expect(groups[0]!.record).toBeUndefined();
    expect(groups[0]!.issues).toHaveLength(1);
  });

  it('keeps records without issues, with an empty list', () => {
    const groups = groupByRecord(makeResult([], { records: [{ pointer: '', type: 'Patient' }] }));
    expect(groups).toEqual([{ record: { pointer: '', type: 'Patient' }, issues: [] }]);
  });
});
