/**
 * CLD Release 2: the realistic and flawed extracts (test/fixtures/cld-release-2), every list and its
 * Release 1 → Release 2 mapping, each data-quality outcome, release choice and detection, name columns.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cldRelease2SchemaText } from '../../scripts/gen-cld-schema.js';
import type { FieldQuality, ValidationResult } from '../validation-result.js';
import * as lists from './cld-release-2-lists.js';
import { cldRelease2Fields } from './cld-release-2-fields.js';
import { detectCldRelease } from './detect-cld-release.js';
import { validateFeed, validateFeedStream } from './validate-feed.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../test/fixtures/cld-release-2/${name}`, import.meta.url)), 'utf8');
const realistic = fixture('realistic.csv');
const flawed = fixture('flawed.csv');

function errors(r: ValidationResult): string[] {
  return r.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.code} ${i.pointer}`);
}

function quality(r: ValidationResult, field: string): FieldQuality {
  const q = r.dataQuality?.fields.find((f) => f.field === field);
  if (!q) throw new Error(`no data-quality entry for ${field}`);
  return q;
}

/** A Release 2 service row of a service user (most fields applicable), as JSON. */
const service: Record<string, unknown> = {
  LA_Code: '999',
  Reporting_Period_Start_Date: '2025-04-01',
  Reporting_Period_End_Date: '2026-03-31',
  NHS_Number: '9990001014',
  LA_Person_Unique_Identifier: 'NV-X1',
  Gender: 'Female',
  Ethnicity: 'White: Irish',
  Date_of_Birth: '1980-01-01',
  Client_Type: 'Service user',
  Primary_Support_Reason: 'Mental health support',
  Postcode: 'NV1 1AA',
  Accommodation_Status: 'Registered care home',
  Has_Unpaid_Carer: 'No',
  Client_Funding_Status: 'Fully social care funded',
  Event_Type: 'Service',
  Event_Reference: 'EV-1',
  Event_Start_Date: '2025-05-01',
  Event_Outcome: 'Continuation of support or services',
  Service_Type: 'Long term support: Residential care',
  Service_Component: 'Long term residential care',
  Delivery_Mechanism: 'CASSR commissioned support',
};

function check(record: Record<string, unknown>, release?: 1 | 2): ValidationResult {
  return validateFeed(JSON.stringify([record]), { allowTestNumbers: true, format: 'json', feed: 'cld', ...(release ? { cldRelease: release } : { cldRelease: 2 }) });
}

function at(r: ValidationResult, field: string): string[] {
  return r.issues.filter((i) => i.pointer === `/0/${field}`).map((i) => i.code);
}

describe('CLD Release 2 extracts (done-when)', () => {
  it('a realistic Release 2 extract (every event type, carers, services past the period end) gives no error', () => {
    const r = validateFeed(realistic, { allowTestNumbers: true });
    expect(errors(r)).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.dataQuality).toMatchObject({ dataset: 'cld', release: 2, releaseBasis: 'values' });
    expect(r.profiles).toEqual(['https://mdss.example.org/schemas/cld-event-r2.schema.json']);
    const failed = r.dataQuality!.fields.filter((f) => f.failedBlank + f.failedInvalid + f.failedRelease1 > 0);
    expect(failed).toEqual([]);
  });

  it('a flawed extract reports each planted defect at its row and field, and no other error', () => {
    const r = validateFeed(flawed, { allowTestNumbers: true });
    expect(errors(r).sort()).toEqual(
      [
        'cld.mandatory-blank /0/Gender',
        'cld.release-1-value /2/Delivery_Mechanism',
        'feed.event-end-before-start /3/Event_End_Date',
        'cld.mandatory-blank /4/Employment_Status',
        'jsonschema.enum /7/Assessment_Type',
        'jsonschema.type /8/Unit_Cost',
        'feed.outside-reporting-period /11/Event_End_Date',
        'england.nhs-number-check-digit /12/NHS_Number',
      ].sort(),
    );
    const r1 = r.issues.find((i) => i.code === 'cld.release-1-value')!;
    expect(r1).toMatchObject({ severity: 'error', expression: 'Row[2].Delivery_Mechanism', params: { field: 'Delivery_Mechanism', value: 'CASSR Managed Personal Budget', expected: 'CASSR managed personal budget' } });
    expect(r.issues.find((i) => i.pointer === '/4/Employment_Status')!.params).toEqual({ field: 'Employment_Status', rule: 'service-user-18-64-learning-disability' });
    expect(r.issues.find((i) => i.pointer === '/0/Gender')!.params).toEqual({ field: 'Gender', rule: 'always' });
    expect(r.issues.find((i) => i.pointer === '/12/NHS_Number')!.position).toEqual({ line: 14, column: 4 });
  });

  it('counts each planted defect under its national outcome', () => {
    const r = validateFeed(flawed, { allowTestNumbers: true });
    expect(quality(r, 'Delivery_Mechanism')).toMatchObject({ module: 'Events (services only)', failedRelease1: 1 });
    expect(quality(r, 'Employment_Status')).toMatchObject({ mandatory: 2, failedBlank: 1 });
    expect(quality(r, 'Gender')).toMatchObject({ module: 'Person details', mandatory: 13, failedBlank: 1, passedValid: 12 });
    expect(quality(r, 'Unit_Cost')).toMatchObject({ module: 'Costs (services only)', failedInvalid: 1 });
    expect(quality(r, 'Assessment_Type')).toMatchObject({ failedInvalid: 1, passedValid: 1, notApplicable: 11 });
    expect(quality(r, 'NHS_Number')).toMatchObject({ failedInvalid: 1, passedValid: 12 });
  });

  it('streams the same result as the whole-text API', async () => {
    async function* chunks(): AsyncIterable<string> {
      for (let i = 0; i < flawed.length; i += 97) yield flawed.slice(i, i + 97);
    }
    const streamed = await validateFeedStream(chunks(), { allowTestNumbers: true });
    expect(streamed).toEqual(validateFeed(flawed, { allowTestNumbers: true }));
  });

  it('both releases on the same extract: Release 1 rejects the Release 2 labels and asks for names', () => {
    const r2 = validateFeed(realistic, { allowTestNumbers: true, cldRelease: 2 });
    const r1 = validateFeed(realistic, { allowTestNumbers: true, cldRelease: 1 });
    expect(r2.valid).toBe(true);
    expect(r1.valid).toBe(false);
    expect(r1.dataQuality).toMatchObject({ release: 1, releaseBasis: 'option' });
    const codes = new Set(errors(r1));
    expect(codes).toContain('jsonschema.enum /6/Client_Type');
    expect(codes).toContain('jsonschema.enum /0/Ethnicity');
    expect(codes).toContain('feed.csv-missing-column ');
    expect(r1.issues.filter((i) => i.code === 'feed.csv-missing-column').map((i) => i.params.field).sort()).toEqual(['First_Name', 'Last_Name']);
  });
});

describe('CLD Release 2 lists and the Release 1 mapping', () => {
  const listFields = cldRelease2Fields.filter((f) => f.list);

  it.each(listFields.map((f) => [f.name]))('%s accepts every Release 2 value', (name) => {
    const field = cldRelease2Fields.find((f) => f.name === name)!;
    for (const value of field.list!) {
      const r = check({ ...service, [name]: value });
      expect(at(r, name), value).toEqual([]);
      expect(quality(r, name).passedValid, value).toBe(1);
    }
  });

  it.each(listFields.map((f) => [f.name]))('%s rejects a value of no release', (name) => {
    const r = check({ ...service, [name]: 'Not a listed value' });
    expect(at(r, name)).toEqual(['jsonschema.enum']);
    expect(quality(r, name).failedInvalid).toBe(1);
  });

  it.each(listFields.filter((f) => f.release1).map((f) => [f.name]))('%s reports every Release 1 value with the Release 2 value it maps to', (name) => {
    const field = cldRelease2Fields.find((f) => f.name === name)!;
    for (const [old, mapped] of Object.entries(field.release1!)) {
      const r = check({ ...service, [name]: old });
      const issue = r.issues.find((i) => i.pointer === `/0/${name}`);
      expect(issue, old).toMatchObject({ code: 'cld.release-1-value', severity: 'error', params: { field: name, value: old, expected: mapped ?? '' } });
      expect(at(r, name), old).toEqual(['cld.release-1-value']);
      expect(quality(r, name).failedRelease1, old).toBe(1);
    }
  });

  it('matches a Release 1 value written with hyphens for dashes, and a Release 2 value in another case with a note', () => {
    expect(at(check({ ...service, Event_Outcome: 'NFA - Deceased' }), 'Event_Outcome')).toEqual(['cld.release-1-value']);
    const r = check({ ...service, Event_Outcome: 'nfa: deceased' });
    expect(at(r, 'Event_Outcome')).toEqual(['feed.value-normalised']);
    expect(quality(r, 'Event_Outcome').passedValid).toBe(1);
  });

  it('maps the lists the fact sheet gives, with the values it gives', () => {
    expect(lists.ethnicity.values).toHaveLength(21);
    expect(Object.keys(lists.ethnicity.release1!)).toHaveLength(21);
    expect(lists.accommodationStatus.values).toHaveLength(20);
    expect(lists.eventOutcome.values).toHaveLength(16);
    expect(lists.eventOutcome.release1!['Progress to financial assessment']).toBeNull();
    for (const l of Object.values(lists)) {
      for (const mapped of Object.values(l.release1 ?? {})) if (mapped !== null) expect(l.values).toContain(mapped);
    }
  });

  it('a Release 1 value with no Release 2 equivalent is reported, not counted blank', () => {
    const r = check({ ...service, Event_Outcome: 'Progress to End of Life Care' });
    expect(r.issues.find((i) => i.pointer === '/0/Event_Outcome')).toMatchObject({ code: 'cld.release-1-value', params: { expected: '' } });
    expect(quality(r, 'Event_Outcome')).toMatchObject({ failedRelease1: 1, failedBlank: 0 });
  });
});

describe('CLD data-quality outcomes', () => {
  it('gives each outcome kind', () => {
    const r = check({ ...service, Gender: undefined, Postcode: 'not a postcode', Employment_Status: undefined, Delivery_Mechanism: 'Direct Payment' });
    expect(quality(r, 'Ethnicity')).toMatchObject({ mandatory: 1, passedValid: 1 });
    expect(quality(r, 'Employment_Status')).toMatchObject({ applicable: 1, passedBlank: 1 });
    expect(quality(r, 'Gender')).toMatchObject({ mandatory: 1, failedBlank: 1 });
    expect(quality(r, 'Postcode')).toMatchObject({ failedInvalid: 1 });
    expect(quality(r, 'Delivery_Mechanism')).toMatchObject({ failedRelease1: 1 });
    expect(quality(r, 'Assessment_Type')).toMatchObject({ notApplicable: 1, passedBlank: 1 });
  });

  it('counts undetermined status when a deciding field is invalid', () => {
    const r = check({ ...service, Event_Type: 'Referral' });
    expect(quality(r, 'Service_Type')).toMatchObject({ undetermined: 1 });
    expect(at(r, 'Event_Type')).toEqual(['jsonschema.enum']);
  });

  it('reports a conditionally mandatory blank with its rule, and lists all 46 fields in DHSC order', () => {
    const r = check({ ...service, Delivery_Mechanism: 'Direct payment' });
    expect(r.issues.filter((i) => i.code === 'cld.mandatory-blank').map((i) => [i.pointer, i.params.rule])).toEqual([
      ['/0/Cost_Frequency_Unit_Type', 'costed-service'],
      ['/0/Planned_units_per_week', 'costed-service'],
      ['/0/Unit_Cost', 'costed-service'],
    ]);
    expect(r.dataQuality!.fields.map((f) => f.field)).toEqual(cldRelease2Fields.filter((f) => !f.ignored).map((f) => f.name));
  });

  it('reads the text NULL as a blank field', () => {
    const r = check({ ...service, Gender: 'NULL', Date_of_Death: 'NULL', Event_Description: ' NULL ' });
    expect(r.issues.map((i) => `${i.code} ${i.pointer}`)).toEqual(['cld.mandatory-blank /0/Gender']);
    expect(quality(r, 'Date_of_Death').passedBlank).toBe(1);
  });

  it('keeps an absent NHS number a warning, counted as a mandatory blank', () => {
    const r = check({ ...service, NHS_Number: undefined });
    expect(r.issues.filter((i) => i.pointer === '/0/NHS_Number').map((i) => [i.code, i.severity])).toEqual([['feed.nhs-number-missing', 'warning']]);
    expect(quality(r, 'NHS_Number').failedBlank).toBe(1);
  });
});

describe('CLD release choice', () => {
  const header = realistic.split('\n')[0]!;
  const firstRow = realistic.split('\n')[1]!;

  it('detects Release 2 from values, Release 1 from Release 1 values', () => {
    expect(detectCldRelease(realistic, 'csv')).toEqual({ release: 2, basis: 'values' });
    const r1 = 'Client_Type,Ethnicity,Service_Type,Event_Type\nService User,White – Irish,Long Term Support: Community,Service\nCarer,No data - Refused,,Request\n';
    expect(detectCldRelease(r1, 'csv')).toEqual({ release: 1, basis: 'values' });
  });

  it('without list values, reads the header, then the period (Release 2 from October 2025), else Release 2', () => {
    expect(detectCldRelease('LA_Code,First_Name,Last_Name,Event_Type\n999,A,B,Service\n', 'csv')).toEqual({ release: 1, basis: 'header' });
    expect(detectCldRelease('LA_Code,Reporting_Period_End_Date,Event_Type\n999,2025-09-30,Service\n', 'csv')).toEqual({ release: 1, basis: 'period' });
    expect(detectCldRelease('LA_Code,Reporting_Period_End_Date,Event_Type\n999,31/12/2025,Service\n', 'csv')).toEqual({ release: 2, basis: 'period' });
    expect(detectCldRelease('LA_Code,Event_Type\n999,Service\n', 'csv')).toEqual({ release: 2, basis: 'default' });
    expect(detectCldRelease(JSON.stringify([{ Client_Type: 'Unpaid carer', Event_Type: 'Service' }]), 'json')).toEqual({ release: 2, basis: 'values' });
    expect(header.length + firstRow.length).toBeGreaterThan(0);
  });

  it('accepts name columns in a Release 2 return, never reading or echoing them', () => {
    const withNames = realistic.replace(/^LA_Code,/, 'First_Name,Last_Name,LA_Code,').replace(/\n999,/g, '\nSecretfirst,Secretlast,999,');
    const r = validateFeed(withNames, { allowTestNumbers: true, cldRelease: 2 });
    expect(errors(r)).toEqual([]);
    expect(r.issues.map((i) => [i.code, i.severity, i.params.column])).toEqual([
      ['cld.column-not-read', 'information', 'First_Name'],
      ['cld.column-not-read', 'information', 'Last_Name'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Secret/);
  });

  it('warns about a column in neither release', () => {
    const r = validateFeed(realistic.replace(/^LA_Code,/, 'Favourite_Colour,LA_Code,').replace(/\n999,/g, '\nblue,999,'), { allowTestNumbers: true });
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['feed.csv-unknown-column', 'warning']]);
  });

  it('warns once when the period is not a rolling 12 months ending at a quarter end', () => {
    const r = validateFeed(realistic.replace(/,2025-04-01,/g, ',2025-10-01,').replace(/2025-0[3-9]-\d\d/g, '2025-10-05'), { allowTestNumbers: true });
    expect(r.issues.filter((i) => i.code === 'cld.period-not-rolling-year').map((i) => [i.pointer, i.severity])).toEqual([['/0/Reporting_Period_End_Date', 'warning']]);
  });
});

describe('schemas/cld-event-r2.schema.json', () => {
  it('is what scripts/gen-cld-schema.ts writes from the Release 2 fields', () => {
    const onDisk = readFileSync(fileURLToPath(new URL('../../schemas/cld-event-r2.schema.json', import.meta.url)), 'utf8');
    expect(onDisk).toBe(cldRelease2SchemaText());
  });
});
