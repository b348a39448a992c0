/**
 * `mdss serve --help` lists the server's flags: every `--flag` it names is one the server accepts
 * (parseServerOptions), and the README's settings are among them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandUsage } from '../../src/cli/usage.js';
import { parseServerOptions } from '../../src/server/server-options.js';

const serveUsage = commandUsage['serve']!;
const flags = [...new Set(serveUsage.match(/--[a-z][a-z0-9-]*/g) ?? [])];
const valueFor = (flag: string): string[] =>
  flag === '--no-store' ? [flag] : [flag, /url/.test(flag) ? 'redis://127.0.0.1:6379' : '1'];

describe('mdss serve --help', () => {
  it.each(flags)('names %s, which the server accepts', (flag) => {
    expect(() => parseServerOptions(valueFor(flag), {})).not.toThrow();
  });

  it('names every server setting the README documents', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('## The HTTP service'),
      readme.indexOf('## Federated'),
    );
    const documented = new Set(section.match(/`(--[a-z][a-z0-9-]*)/g)?.map((m) => m.slice(1)));
    expect(documented.size).toBeGreaterThan(5);
    for (const flag of documented) expect(flags).toContain(flag);
  });
});
