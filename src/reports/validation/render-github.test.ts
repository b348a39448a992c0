import { describe, expect, it } from 'vitest';
import type { FileResult } from './file-result.js';
import { escapeData, escapeProperty, renderGithub } from './render-github.js';
import { brokenFile, bundleFile, csvFile, hostile, sampleFiles } from './testing/sample-files.js';

/** Parses one workflow command the way the runner does: `::cmd k=v,k=v::data`, then unescapes. */
function parseCommand(line: string): {
  command: string;
  properties: Record<string, string>;
  data: string;
} {
  const match = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) =>
    s
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%');
  const properties = Object.fromEntries(
    match[2]!.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i), unescape(kv.slice(i + 1))];
    }),
  );
  return { command: match[1]!, properties, data: unescape(match[3]!) };
}

describe('renderGithub', () => {
  it('writes ::error with file, line, col and the code as title', () => {
    const lines = renderGithub([bundleFile()]).trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^::error file=examples\/partner-b\/bundle\.json,line=7,col=9,title=cardinality\.too-few::/,
    );
    const first = parseCommand(lines[0]!);
    expect(first.data).toContain('Bundle.entry[0].resource.ofType(Patient).name');
    expect(first.data).toContain('[MDS-02, MDS-01]');
  });

  it('maps severities to error, warning and notice; skips waived issues', () => {
    const info: FileResult = {
      ...bundleFile(),
      result: {
        ...bundleFile().result,
        issues: [{ ...bundleFile().result.issues[1]!, severity: 'information' }],
      },
    };
    const commands = renderGithub([bundleFile(), brokenFile()])
      .trimEnd()
      .split('\n')
      .map((l) => parseCommand(l));
    expect(commands.map((c) => [c.command, c.properties['title']])).toEqual([
      ['error', 'cardinality.too-few'],
      ['error', 'structure.unknown-property'],
      ['warning', 'primitive.whitespace'],
      ['error', 'input.invalid-json'],
    ]);
    expect(parseCommand(renderGithub([info]).trimEnd()).command).toBe('notice');
  });

  it('omits line and col when the issue has no position', () => {
    const limit = renderGithub([csvFile()]).split('\n')[0]!;
    expect(limit).toBe(
      `::warning file=examples/partner-c/events.csv,title=engine.limit-reached::${csvFile().result.issues[0]!.message}`,
    );
  });

  it('escapes %, CR, LF in data and also : and , in properties, so hostile values stay one command', () => {
    expect(escapeData('100% \r\n a:b,c')).toBe('100%25 %0D%0A a:b,c');
    expect(escapeProperty('100% \r\n a:b,c')).toBe('100%25 %0D%0A a%3Ab%2Cc');
    const file = { ...bundleFile(), file: `dir/${hostile}.json` };
    const out = renderGithub([file, brokenFile()]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.startsWith('::')).toBe(true);
    const parsed = lines.map(parseCommand);
    expect(parsed[3]!.properties['file']).toBe(brokenFile().file);
    const visible = hostile.replace('\u0001', '\\u0001').replace('\u001b', '\\u001b');
    expect(parsed[0]!.properties['file']).toBe(`dir/${visible}.json`);
    expect(
      parsed.find((p) => p.properties['title'] === 'structure.unknown-property')!.data,
    ).toContain(visible);
    expect(out).not.toContain('\u001b');
  });

  it('is deterministic, sorted by file, and empty when nothing is annotated', () => {
    const files = sampleFiles();
    expect(renderGithub([...files].reverse())).toBe(renderGithub(files));
    const fileOrder = renderGithub(files)
      .trimEnd()
      .split('\n')
      .map((l) => parseCommand(l).properties['file']!);
    expect(fileOrder).toEqual([...fileOrder].sort());
    expect(renderGithub([])).toBe('');
  });
});
