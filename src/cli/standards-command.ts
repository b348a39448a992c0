/** `mdss standards [--format text|json] [--feed f] [--level MUST|SHOULD]`: the framework catalogue. */
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import { frameworkInfo, listRequirements } from '../framework/framework-info.js';
import type { CliIo } from './cli-io.js';

/** Runs the command; returns the exit code. */
export function runStandards(args: readonly string[], io: CliIo): number {
  const { values } = parseArgs({
    args: [...args],
    options: { format: { type: 'string' }, feed: { type: 'string' }, level: { type: 'string' } },
  });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new ConfigError('cli.bad-format', `--format ${format}: expected text or json`);
  if (values.level !== undefined && values.level !== 'MUST' && values.level !== 'SHOULD')
    throw new ConfigError('cli.bad-level', '--level must be MUST or SHOULD');
  const info = frameworkInfo(builtinCatalogue);
  const requirements = listRequirements(builtinCatalogue, {
    ...(values.feed ? { feed: values.feed } : {}),
    ...(values.level ? { level: values.level } : {}),
  });
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ framework: info, requirements }, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${info.title} — framework ${info.id} ${info.version} (${info.status}, ${info.date})`,
    `${info.requirementCount} requirements: ${info.mustCount} MUST, ${info.shouldCount} SHOULD; feeds: ${info.feeds.join(', ')}`,
    '',
  ];
  for (const r of requirements)
    lines.push(
      `${r.id.padEnd(7)} ${r.level.padEnd(6)} ${r.title}  [${r.feeds.join(', ')}; ${r.checkedBy.join(', ')}; since ${r.since}]`,
    );
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
