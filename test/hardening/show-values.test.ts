/**
 * Issue 14: `--show-values` (CLI, every output format) and `?showValues=true` (HTTP) pass the engine's
 * `showValues` through the pipeline: a payload-chosen column name is quoted only when asked for.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';
import { createApp } from '../../src/server/app.js';
import { baseValidator, post } from '../server/helpers.js';

const secretColumn = 'JohnSmith_9434765918';
const csv = `LA_Code,${secretColumn}\n999,x\n`;

function cli() {
  const dir = mkdtempSync(join(tmpdir(), 'mdss-show-values-'));
  writeFileSync(join(dir, 'cld.csv'), csv);
  const out: string[] = [];
  const io: CliIo = {
    cwd: dir,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout: (t) => void out.push(t),
    stderr: () => undefined,
    now: () => new Date('2026-11-23T00:00:00Z'),
  };
  return { out, io };
}

describe('showValues on the doors', () => {
  it('HTTP: ?showValues=true quotes the column name; absent or false hides it; another value is 400', async () => {
    const app = createApp({ validator: baseValidator() });
    const shown = await app.request('/v1/validate?feed=cld&showValues=true', post(csv, 'text/csv'));
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain(secretColumn);
    for (const q of ['', '&showValues=false']) {
      const hidden = await app.request(`/v1/validate?feed=cld${q}`, post(csv, 'text/csv'));
      expect(hidden.status).toBe(200);
      expect(await hidden.text()).not.toContain(secretColumn);
    }
    const bad = await app.request('/v1/validate?feed=cld&showValues=yes', post(csv, 'text/csv'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('http.invalid-parameter');
  });

  it.each(['json', 'sarif', 'junit', 'github'])(
    'CLI --format %s: --show-values quotes the column name, off by default',
    async (format) => {
      const off = cli();
      await main(['validate', 'cld.csv', '--feed', 'cld', '--format', format], off.io);
      expect(off.out.join('')).not.toContain(secretColumn);
      const on = cli();
      await main(
        ['validate', 'cld.csv', '--feed', 'cld', '--show-values', '--format', format],
        on.io,
      );
      expect(on.out.join('')).toContain(secretColumn);
    },
  );
});
