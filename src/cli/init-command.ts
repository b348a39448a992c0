/** `mdss init`: writes a starter mdss.config.json, a GitHub Actions workflow and a GitLab CI job (ci-templates.ts). */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from './cli-io.js';
import { githubWorkflow, gitlabJob } from './ci-templates.js';

const config = {
  $schema: './node_modules/mdss/schemas/partner-policy.schema.json',
  partner: 'your-partner-id',
  profiles: [],
  severity: {},
  suppress: [],
  waivers: [],
};

/** Runs the command; never overwrites an existing file unless --force. */
export function runInit(args: readonly string[], io: CliIo): number {
  const { values } = parseArgs({ args: [...args], options: { force: { type: 'boolean' } } });
  const files: [string, string][] = [
    ['mdss.config.json', `${JSON.stringify(config, null, 2)}\n`],
    ['.github/workflows/mdss.yml', githubWorkflow],
    ['.gitlab-ci.mdss.yml', gitlabJob],
  ];
  for (const [rel, text] of files) {
    const path = join(io.cwd, rel);
    if (existsSync(path) && !values.force) {
      io.stderr(`mdss: ${rel} exists; left as it is (use --force to overwrite)\n`);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    io.stdout(`wrote ${rel}\n`);
  }
  return 0;
}
