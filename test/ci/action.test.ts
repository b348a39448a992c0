/**
 * The CI set-ups of this repository as a vendor runs them (issue 19): the GitHub Action
 * (action.yml) and the GitLab CI template (ci/gitlab/mdss.gitlab-ci.yml) are parsed and their
 * commands run, with the inputs substituted, against a fixtures folder; the README shows, and
 * `mdss init` writes, exactly the set-ups that use them. The install step (`npm ci
 * --ignore-scripts && npm run build` in the action's checkout) is not re-run here: this checkout is
 * already built; test/ci/pack-install.test.ts covers installing without install scripts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubWorkflow, gitlabJob } from '../../src/cli/ci-templates.js';

// js-yaml comes with fhirpath (a runtime dependency of MDSS)
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'bin', 'mdss.js');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));
if (!built) console.warn('test/ci/action.test.ts: skipped, dist/ is not built (npm run build)');

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
}

const action = yaml.load(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;
const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;

/** `${{ inputs.x }}` and `${{ github.action_path }}` as the runner substitutes them. */
function substitute(text: string, inputs: Record<string, string>): string {
  return text.replace(
    /\$\{\{\s*(inputs\.([\w-]+)|github\.action_path)\s*\}\}/g,
    (_, _all: string, input: string | undefined) => {
      if (input === undefined) return root;
      return inputs[input] ?? action.inputs[input]?.default ?? '';
    },
  );
}

function fixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mdss-action-'));
  mkdirSync(join(dir, 'fixtures'));
  mkdirSync(join(dir, 'empty'));
  writeFileSync(
    join(dir, 'fixtures', 'valid.json'),
    JSON.stringify({ resourceType: 'Basic', id: 'b1', code: { text: 'Synthetic' } }),
  );
  writeFileSync(
    join(dir, 'invalid.json'),
    JSON.stringify({
      resourceType: 'Basic',
      id: 'b2',
      code: { text: 'Synthetic' },
      created: '2020-02-30',
    }),
  );
  return dir;
}

/** Runs a step's `run:` with bash as the runner does, in `cwd`; returns exit code, output and GITHUB_OUTPUT. */
function runStep(s: Step, inputs: Record<string, string>, cwd: string) {
  const files = mkdtempSync(join(tmpdir(), 'mdss-action-env-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NO_COLOR: '1',
    GITHUB_ACTION_PATH: root,
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
  };
  writeFileSync(env['GITHUB_OUTPUT']!, '');
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = substitute(v, inputs);
  const r = spawnSync(
    'bash',
    ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', substitute(s.run!, inputs)],
    { cwd, env, encoding: 'utf8', timeout: 120_000 },
  );
  const outputs = Object.fromEntries(
    readFileSync(env['GITHUB_OUTPUT']!, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('=', 2) as [string, string]),
  );
  const summary = existsSync(env['GITHUB_STEP_SUMMARY']!)
    ? readFileSync(env['GITHUB_STEP_SUMMARY']!, 'utf8')
    : '';
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary };
}

describe.skipIf(!built)('the GitHub Action (action.yml)', () => {
  it('is a composite action installing its own checkout without install scripts', () => {
    expect(action.runs.using).toBe('composite');
    const install = step("Install MDSS from the action's checkout");
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toMatch(/npm ci --ignore-scripts/);
    expect(install.run).not.toMatch(/npm (install|i) .*mdss/);
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining([
        'paths',
        'profiles',
        'framework',
        'formats',
        'baseline',
        'fail-on',
        'upload-sarif',
        'job-summary',
      ]),
    );
  });

  it('passes valid files, writes the reports asked for, and fills the job summary (opt-in)', () => {
    const dir = fixtures();
    const inputs = {
      paths: 'fixtures/',
      framework: 'none',
      formats: 'junit',
      'upload-sarif': 'true',
      'job-summary': 'true',
    };
    const r = runStep(step('Validate'), inputs, dir);
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '0', 'sarif-file': 'mdss-reports/mdss.sarif' });
    expect(
      (
        JSON.parse(readFileSync(join(dir, 'mdss-reports', 'mdss.sarif'), 'utf8')) as {
          version: string;
        }
      ).version,
    ).toBe('2.1.0');
    expect(readFileSync(join(dir, 'mdss-reports', 'mdss.junit.xml'), 'utf8')).toMatch(
      /<testsuites[\s>]/,
    );
    const summary = step('Job summary');
    expect(summary.if).toMatch(/inputs\.job-summary == 'true'/);
    const s = runStep(summary, inputs, dir);
    expect(s.code).toBe(0);
    expect(s.summary).toBe(readFileSync(join(dir, 'mdss-reports', 'mdss.md'), 'utf8'));
    expect(s.summary.length).toBeGreaterThan(0);
    const upload = step('Upload SARIF');
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@/);
    expect(upload.if).toMatch(/inputs\.upload-sarif == 'true'/);
  });

  it('fails with exit 1 and annotations for invalid files, honouring fail-on', () => {
    const dir = fixtures();
    const r = runStep(step('Validate'), { paths: 'invalid.json', framework: 'none' }, dir);
    expect(r.code).toBe(1);
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.stdout).toMatch(
      /^::error file=invalid\.json,line=\d+,col=\d+,title=primitive\.invalid-date::/m,
    );
    expect(
      runStep(
        step('Validate'),
        { paths: 'invalid.json', framework: 'none', 'fail-on': 'never' },
        dir,
      ).code,
    ).toBe(0);
  });

  it('leaves globs to the CLI and exits 2 when nothing is found', () => {
    const dir = fixtures();
    expect(
      runStep(step('Validate'), { paths: 'fixtures/*.json', framework: 'none' }, dir).code,
    ).toBe(0);
    expect(runStep(step('Validate'), { paths: 'empty', framework: 'none' }, dir).code).toBe(2);
    expect(
      runStep(
        step('Validate'),
        { paths: 'fixtures/', framework: 'none', baseline: 'no-baseline.json' },
        dir,
      ).code,
    ).toBe(2);
    expect(
      runStep(step('Validate'), { paths: 'fixtures/', framework: 'none', formats: 'pdf' }, dir)
        .code,
    ).toBe(2);
  });
});

interface GitlabJob {
  image: string;
  variables: Record<string, string>;
  before_script: string[];
  script: string[];
  artifacts: { reports: { junit: string } };
}

describe.skipIf(!built)('the GitLab CI template (ci/gitlab/mdss.gitlab-ci.yml)', () => {
  const job = (
    yaml.load(readFileSync(join(root, 'ci', 'gitlab', 'mdss.gitlab-ci.yml'), 'utf8')) as {
      mdss: GitlabJob;
    }
  ).mdss;

  function runJob(variables: Record<string, string>, cwd: string) {
    const env = {
      ...(process.env as Record<string, string>),
      NO_COLOR: '1',
      ...job.variables,
      MDSS_CLI: cli,
      ...variables,
    };
    return spawnSync('sh', ['-c', job.script.join('\n')], {
      cwd,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
  }

  it('clones the pinned tag and installs it without install scripts', () => {
    expect(job.before_script.join('\n')).toMatch(/--branch "\$MDSS_REF"/);
    expect(job.before_script.join('\n')).toMatch(/npm ci --ignore-scripts/);
    expect(job.artifacts.reports.junit).toBe('mdss-junit.xml');
  });

  it('writes the JUnit report and exits 0, 1 or 2 as the CLI does', () => {
    const dir = fixtures();
    const ok = runJob({ MDSS_PATHS: 'fixtures/', MDSS_FRAMEWORK: 'none' }, dir);
    expect(ok.status).toBe(0);
    expect(readFileSync(join(dir, 'mdss-junit.xml'), 'utf8')).toMatch(/<testsuites[\s>]/);
    expect(runJob({ MDSS_PATHS: 'invalid.json', MDSS_FRAMEWORK: 'none' }, dir).status).toBe(1);
    expect(runJob({ MDSS_PATHS: 'empty', MDSS_FRAMEWORK: 'none' }, dir).status).toBe(2);
  });
});

describe.skipIf(!built)('the README and mdss init use the action and the template', () => {
  it('shows the same set-ups that mdss init writes, with no registry install of "mdss"', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(githubWorkflow);
    expect(readme).toContain(gitlabJob);
    expect(readme).not.toMatch(/npm install --no-save mdss/);
    const dir = mkdtempSync(join(tmpdir(), 'mdss-init-'));
    const r = spawnSync(process.execPath, [cli, 'init'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, '.github', 'workflows', 'mdss.yml'), 'utf8')).toBe(
      githubWorkflow,
    );
    expect(readFileSync(join(dir, '.gitlab-ci.mdss.yml'), 'utf8')).toBe(gitlabJob);
    const workflow = yaml.load(githubWorkflow) as {
      jobs: { mdss: { steps: { uses?: string; with?: Record<string, string> }[] } };
    };
    const uses = workflow.jobs.mdss.steps.find(
      (s) => s.uses?.endsWith('/mdss@v0.1.0') || /\/mdss@v\d/.test(s.uses ?? ''),
    );
    expect(Object.keys(uses!.with!).every((k) => k in action.inputs)).toBe(true);
  });
});
