import { describe, expect, it } from 'vitest';
import { fnv1a64 } from './fnv1a.js';
import { identifyIssues } from './issue-identity.js';
import { makeResult } from './testing/sample-files.js';

const unknown = (expression: string, pointer: string) => ({
  code: 'structure.unknown-property',
  expression,
  pointer,
  params: { name: 'x' },
});

describe('identifyIssues', () => {
  it('locates an issue on its nearest keyed record, by a hash of the key and a type-rooted path', () => {
    const result = makeResult(
      [
        unknown(
          'Bundle.entry[1].resource.identifier[0].value',
          '/entry/1/resource/identifier/0/value',
        ),
        unknown('Bundle.entry[1].resource.contained[0].a~b', '/entry/1/resource/contained/0/a~1b'),
        unknown('Bundle.entry[2].resource', '/entry/2/resource/x'),
        unknown('Bundle', '/meta'),
      ],
      {
        records: [
          { pointer: '', type: 'Bundle' },
          { pointer: '/entry/1/resource', type: 'Patient', key: 'urn:uuid:1' },
          { pointer: '/entry/1/resource/contained/0', type: 'Organization' },
          { pointer: '/entry/2/resource', type: 'Observation' },
        ],
      },
    );
    const byPointer = new Map(
      result.issues.map((issue, i) => [issue.pointer, identifyIssues(result)[i]]),
    );
    expect(byPointer.get('/entry/1/resource/identifier/0/value')).toEqual({
      record: fnv1a64('urn:uuid:1'),
      location: 'Patient.identifier[0].value',
    });
    expect(byPointer.get('/entry/1/resource/contained/0/a~1b')).toEqual({
      record: fnv1a64('urn:uuid:1'),
      location: 'Patient.contained[0].a/b',
    });
    // No keyed record: the full expression, as baseline format 1.
    expect(byPointer.get('/entry/2/resource/x')).toEqual({ location: 'Bundle.entry[2].resource' });
    expect(byPointer.get('/meta')).toEqual({ location: 'Bundle' });
  });

  it('keys feed rows by their record key and never keeps the key in clear', () => {
    const result = makeResult(
      [unknown('Row[7].NHS_Number', '/7/NHS_Number'), unknown('Row[7]', '/7')],
      { records: [{ pointer: '/7', type: 'cld-event', key: 'EV-123' }] },
    );
    const ids = identifyIssues(result);
    const byPointer = new Map(result.issues.map((issue, i) => [issue.pointer, ids[i]]));
    expect(byPointer.get('/7')).toEqual({ record: fnv1a64('EV-123'), location: 'cld-event' });
    expect(byPointer.get('/7/NHS_Number')).toEqual({
      record: fnv1a64('EV-123'),
      location: 'cld-event.NHS_Number',
    });
    expect(JSON.stringify(ids)).not.toContain('EV-123');
  });
});
