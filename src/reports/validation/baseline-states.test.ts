import { describe, expect, it } from 'vitest';
import { compareToBaseline, createBaseline } from './baseline.js';
import { baselineStates } from './baseline-states.js';
import type { FileResult } from './file-result.js';
import type { JsonReport } from './render-json.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';
import type { SarifLog } from './sarif-types.js';
import { bundleFile, makeResult, sampleRun } from './testing/sample-files.js';

/** A run and a baseline where one issue is known, one is new and one was fixed. */
function scenario() {
  const unknown = (name: string) => ({
    code: 'structure.unknown-property',
    expression: `Patient.${name}`,
    pointer: `/${name}`,
    params: { name },
  });
  const before: FileResult = {
    file: 'p.json',
    feed: 'fhir',
    result: makeResult([unknown('a'), unknown('gone')]),
  };
  const after: FileResult = {
    file: 'p.json',
    feed: 'fhir',
    result: makeResult([unknown('a'), unknown('b')]),
  };
  const comparison = compareToBaseline([after], createBaseline([before]));
  return { after, comparison };
}

describe('baseline states in renderers', () => {
  it('maps each compared issue to new or known, and leaves waived issues out', () => {
    const file = bundleFile();
    const states = baselineStates(compareToBaseline([file], createBaseline([])));
    expect(file.result.issues.map((i) => states.get(i))).toEqual(
      file.result.issues.map((i) => (i.waived ? undefined : 'new')),
    );
  });

  it('text tags issues, lists fixed entries and sums up', () => {
    const { after, comparison } = scenario();
    const lines = renderText([after], sampleRun, { baseline: comparison }).trimEnd().split('\n');
    expect(lines.find((l) => l.includes('Patient.a '))).toMatch(/\[known\]$/);
    expect(lines.find((l) => l.includes('Patient.b '))).toMatch(/\[new\]$/);
    expect(lines).toContain('  fixed p.json structure.unknown-property Patient.gone (error)');
    expect(lines.at(-1)).toBe('baseline: 1 new, 1 known, 1 fixed, 0 not checked');
    expect(renderText([after], sampleRun)).not.toContain('[known]');
  });

  it('JSON has a per-issue state and a baseline section', () => {
    const { after, comparison } = scenario();
    const doc = JSON.parse(renderJson([after], sampleRun, { baseline: comparison })) as JsonReport;
    expect(doc.files[0]!.issues.map((i) => [i.expression, i.baseline])).toEqual([
      ['Patient.a', 'known'],
      ['Patient.b', 'new'],
    ]);
    expect(doc.baseline).toMatchObject({ new: 1, known: 1, unchecked: [] });
    expect(doc.baseline!.fixed.map((f) => f.location)).toEqual(['Patient.gone']);
    expect(JSON.parse(renderJson([after], sampleRun))).not.toHaveProperty('baseline');
  });

  it('Markdown has a baseline line; SARIF results have baselineState', () => {
    const { after, comparison } = scenario();
    expect(renderMarkdown([after], sampleRun, { baseline: comparison })).toContain(
      'Baseline: **1 new**, 1 known, 1 fixed, 0 not checked.',
    );
    const results = (
      JSON.parse(renderSarif([after], sampleRun, { baseline: comparison })) as SarifLog
    ).runs[0]!.results;
    expect(results.map((r) => r.baselineState)).toEqual(['unchanged', 'new']);
    expect(
      (JSON.parse(renderSarif([after], sampleRun)) as SarifLog).runs[0]!.results.map(
        (r) => r.baselineState,
      ),
    ).toEqual([undefined, undefined]);
  });
});
