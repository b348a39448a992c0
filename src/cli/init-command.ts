/** `mdss init`: writes a starter mdss.config.json, a GitHub Actions and a GitLab CI example. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from './cli-io.js';

const config = {
  $schema: './node_modules/mdss/schemas/partner-policy.schema.json',
  partner: 'your-partner-id',
  profiles: [],
  severity: {},
  suppress: [],
  waivers: [],
};

const github = `name: MDSS conformance
on: [push, pull_request]
jobs:
  mdss:
    runs-on: ubuntu-latest
    permissions:
      security-events: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm install --no-save mdss
      - run: npx mdss validate fixtures/ --format github --format sarif --output mdss.sarif --format markdown --output mdss-summary.md --baseline mdss-baseline.json
      - if: always()
        run: cat mdss-summary.md >> "$GITHUB_STEP_SUMMARY"
      - if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: mdss.sarif
`;

const gitlab = `mdss:
  image: node:20
  script:
    - npm install --no-save mdss
    - npx mdss validate fixtures/ --format text --format junit --output mdss-junit.xml --baseline mdss-baseline.json
  artifacts:
    when: always
    reports:
      junit: mdss-junit.xml
`;

/** Runs the command; never overwrites an existing file unless --force. */
export function runInit(args: readonly string[], io: CliIo): number {
  const { values } = parseArgs({ args: [...args], options: { force: { type: 'boolean' } } });
  const files: [string, string][] = [
    ['mdss.config.json', `${JSON.stringify(config, null, 2)}\n`],
    ['.github/workflows/mdss.yml', github],
    ['.gitlab-ci.mdss.yml', gitlab],
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
