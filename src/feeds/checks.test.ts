import { describe, expect, it } from 'vitest';
import type { IssueInput } from '../issues/collector.js';
import { ageInYears, createAdultAgeCheck } from './check-adult-age.js';
import { createConsistencyCheck } from './check-consistency.js';
import { createLinkedPersonsCheck } from './check-linked-persons.js';
import { createReportingPeriodCheck } from './check-reporting-period.js';
import type { FeedCheck, RecordReporter } from './feed-check.js';

interface Reported {
  code: string;
  pointer: string;
  requirements?: readonly string[];
}

/** Runs a check over records and returns what it reported (per record and at finish). */
function run(check: FeedCheck, records: Record<string, unknown>[]): Reported[] {
  const out: Reported[] = [];
  records.forEach((record, index) => {
    const at: RecordReporter = {
      index,
      locate: (rel) => ({ pointer: `/${index}${rel}`, expression: `Row[${index}]` }),
      report: (code, rel, _params, requirements) =>
        out.push({
          code,
          pointer: `/${index}${rel}`,
          ...(requirements?.length ? { requirements } : {}),
        }),
    };
    check.check(record, at);
  });
  check.finish?.((i: IssueInput) =>
    out.push({
      code: i.code,
      pointer: i.pointer,
      ...(i.requirements ? { requirements: i.requirements } : {}),
    }),
  );
  return out;
}

describe('ageInYears', () => {
  it('counts whole years on the calendar, including leap-day birthdays', () => {
    expect(ageInYears('2008-07-02', '2026-07-01')).toBe(17);
    expect(ageInYears('2008-07-01', '2026-07-01')).toBe(18);
    expect(ageInYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageInYears('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('adult age check', () => {
  it('reports service users under 18 at the event start, not carers', () => {
    const rows = [
      { Client_Type: 'Service User', Date_of_Birth: '2008-07-02', Event_Start_Date: '2026-07-01' },
      { Client_Type: 'Service User', Date_of_Birth: '2008-07-01', Event_Start_Date: '2026-07-01' },
      { Client_Type: 'Carer', Date_of_Birth: '2012-01-01', Event_Start_Date: '2026-07-01' },
    ];
    expect(run(createAdultAgeCheck(), rows)).toEqual([
      { code: 'feed.adult-under-18', pointer: '/0/Date_of_Birth', requirements: ['MDS-17'] },
    ]);
  });
});

describe('reporting period check', () => {
  const period = {
    Reporting_Period_Start_Date: '2026-07-01',
    Reporting_Period_End_Date: '2026-09-30',
  };

  it('accepts events overlapping the period and open services that started earlier', () => {
    expect(
      run(createReportingPeriodCheck(), [
        { ...period, Event_Start_Date: '2025-01-01' },
        { ...period, Event_Start_Date: '2026-06-01', Event_End_Date: '2026-07-01' },
      ]),
    ).toEqual([]);
  });

  it('reports an event that ended before the period or after it, and a period that runs backwards', () => {
    const rows = [
      { ...period, Event_Start_Date: '2026-06-01', Event_End_Date: '2026-06-30' },
      { ...period, Event_Start_Date: '2026-09-01', Event_End_Date: '2026-10-01' },
      {
        Reporting_Period_Start_Date: '2026-09-30',
        Reporting_Period_End_Date: '2026-07-01',
        Event_Start_Date: '2026-08-01',
      },
    ];
    expect(run(createReportingPeriodCheck(), rows).map((r) => `${r.code} ${r.pointer}`)).toEqual([
      'feed.outside-reporting-period /0/Event_End_Date',
      'feed.outside-reporting-period /1/Event_End_Date',
      'feed.reporting-period-invalid /2/Reporting_Period_End_Date',
    ]);
  });
});

describe('linked persons check', () => {
  it('resolves links to persons that appear later in the file', () => {
    const rows = [
      {
        LA_Person_Unique_Identifier: 'C1',
        Client_Type: 'Carer',
        Adult_1_Linked_Person_ID: 'P1',
        Adult_2_Linked_Person_ID: 'P2',
      },
      { LA_Person_Unique_Identifier: 'P1', Client_Type: 'Service User' },
    ];
    expect(run(createLinkedPersonsCheck(), rows)).toEqual([
      {
        code: 'feed.linked-person-unresolved',
        pointer: '/0/Adult_2_Linked_Person_ID',
        requirements: ['MDS-19'],
      },
    ]);
  });

  it('reports a Carer row that names no cared-for adult', () => {
    expect(
      run(createLinkedPersonsCheck(), [
        { LA_Person_Unique_Identifier: 'C1', Client_Type: 'Carer' },
      ]),
    ).toEqual([
      {
        code: 'feed.carer-link-missing',
        pointer: '/0/Adult_1_Linked_Person_ID',
        requirements: ['MDS-19'],
      },
    ]);
  });
});

describe('consistency check', () => {
  it('reports rows of another council or period, and a person whose NHS number or birth date changes', () => {
    const row = {
      LA_Code: '999',
      Reporting_Period_Start_Date: '2026-07-01',
      Reporting_Period_End_Date: '2026-09-30',
      LA_Person_Unique_Identifier: 'P1',
      NHS_Number: '9990000018',
      Date_of_Birth: '1950-01-01',
    };
    const rows = [
      row,
      { ...row, LA_Person_Unique_Identifier: 'P2', NHS_Number: '9990000026' },
      {
        ...row,
        LA_Code: '998',
        Reporting_Period_End_Date: '2026-12-31',
        LA_Person_Unique_Identifier: 'P3',
      },
      { ...row, Date_of_Birth: '1950-01-02' },
      { ...row, NHS_Number: undefined },
    ];
    expect(run(createConsistencyCheck(), rows).map((r) => `${r.code} ${r.pointer}`)).toEqual([
      'feed.inconsistent-submission /2/LA_Code',
      'feed.inconsistent-submission /2/Reporting_Period_End_Date',
      'feed.person-inconsistent /3/Date_of_Birth',
    ]);
  });
});
