/**
 * The same output everywhere: every per-issue format carries each issue's JSON pointer and
 * requirement ids (Markdown is a summary by code and lists the requirement ids per code only).
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../issues/issue.js';
import {
  issuePointerExtension,
  issueRequirementExtension,
} from '../../issues/to-operation-outcome.js';
import { renderGithub } from './render-github.js';
import { renderJson, type JsonReport } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderOperationOutcome } from './render-operation-outcome.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';
import type { SarifLog } from './sarif-types.js';
import { bundleFile, sampleRun } from './testing/sample-files.js';

const file = bundleFile();
const issues = file.result.issues;
/** What each format says about each issue, in result order: [pointer, requirement ids]. */
type Located = [string, readonly string[]];
const expected: Located[] = issues.map((i) => [i.pointer, i.requirements ?? []]);

/** Text lines: `… at <pointer> … [MDS-…]`. */
function fromLine(line: string): Located {
  const pointer = / at (\/\S*)/.exec(line)?.[1] ?? '';
  const ids = /\[((?:MDS-\d+(?:, )?)+)\]/.exec(line)?.[1];
  return [pointer, ids ? ids.split(', ') : []];
}

describe('every per-issue format carries the pointer and the requirement ids', () => {
  it('has issues with pointers and requirement ids to check', () => {
    expect(issues.filter((i) => i.pointer && i.requirements?.length).length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('json', () => {
    const doc = JSON.parse(renderJson([file], sampleRun)) as JsonReport;
    expect(doc.files[0]!.issues.map((i): Located => [i.pointer, i.requirements ?? []])).toEqual(
      expected,
    );
  });

  it('sarif', () => {
    const results = (JSON.parse(renderSarif([file], sampleRun)) as SarifLog).runs[0]!.results;
    expect(
      results.map((r): Located => [
        r.properties!['pointer'] as string,
        (r.properties!['requirements'] as string[] | undefined) ?? [],
      ]),
    ).toEqual(expected);
  });

  it('operationoutcome', () => {
    const oo = JSON.parse(renderOperationOutcome([file], sampleRun)) as OperationOutcome;
    const located = oo.issue.map((i): Located => [
      i.extension?.find((e) => e.url === issuePointerExtension)?.valueString ?? '',
      (i.extension ?? [])
        .filter((e) => e.url === issueRequirementExtension)
        .map((e) => e.valueCode!),
    ]);
    expect(located).toEqual(expected);
  });

  it('text', () => {
    const lines = renderText([file], sampleRun)
      .split('\n')
      .filter((l) => l.startsWith('  '));
    expect(lines.map(fromLine)).toEqual(expected);
  });

  it('junit (failure bodies and system-out)', () => {
    const xml = renderJunit([file], sampleRun);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as Record<string, unknown>;
    const text = JSON.stringify(doc);
    const lines = text.split(/\\n|"/).filter((l) => / at \//.test(l));
    for (const [pointer, ids] of expected) {
      const line = lines.find((l) => l.includes(` at ${pointer} `));
      expect(line, pointer).toBeDefined();
      expect(fromLine(line!)[1]).toEqual(ids);
    }
  });

  it('github (unwaived issues only: waived ones are not annotated)', () => {
    const lines = renderGithub([file]).trimEnd().split('\n');
    const unwaived = issues.filter((i: Issue) => !i.waived);
    expect(lines).toHaveLength(unwaived.length);
    expect(
      lines.map((l): Located => [
        / \((\/[^)]*)\): /.exec(l)?.[1] ?? '',
        /\[((?:MDS-\d+(?:, )?)+)\]$/.exec(l)?.[1]?.split(', ') ?? [],
      ]),
    ).toEqual(unwaived.map((i) => [i.pointer, i.requirements ?? []]));
  });

  it('markdown (a summary by code) lists the requirement ids of each code', () => {
    const md = renderMarkdown([file], sampleRun);
    for (const i of issues)
      for (const r of i.requirements ?? [])
        expect(md).toMatch(new RegExp(`\\| \`${i.code.replace(/\./g, '\\.')}\` \\|.*${r}`));
  });
});
