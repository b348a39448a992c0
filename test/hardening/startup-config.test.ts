/**
 * Issue 14, item 11: start-up configuration errors (a database that cannot be reached or opened, a
 * port or address that cannot be used) end `mdss serve` with exit 2 and one line naming the cause
 * (its code), never exit 3 ("internal error"), and never print connection parameters.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'test', 'support', 'run-cli.ts');

function serve(...args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: '' },
  });
  return { status: r.status, stderr: r.stderr };
}

describe('mdss serve with a configuration it cannot use', () => {
  it.each([
    [['--database-url', 'postgres://someone@127.0.0.1:1/test'], 'ECONNREFUSED'],
    [['--sqlite', '/proc/mdss-nope/x.sqlite'], 'ENOENT'],
    [['--sqlite', '/etc/passwd'], 'SQLITE_NOTADB'],
    [['--port', '99999'], '99999'],
    [['--host', '192.0.2.1'], 'EADDRNOTAVAIL'],
  ])('%j: exit 2, one line with %s', (args, cause) => {
    const { status, stderr } = serve(...args);
    expect(status).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mdss: /);
    expect(lines[0]).toContain(cause);
    expect(stderr).not.toContain('someone');
  });
});
