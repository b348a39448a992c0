/**
 * The CI set-ups `mdss init` writes and the README shows (a test keeps them equal): the GitHub
 * Action and the GitLab CI template of this repository, pinned at this release's tag. Nothing is
 * installed from a package registry under the name "mdss" (that name is not ours to trust).
 * @module
 */
import { version } from '../version.js';

/**
 * The GitHub repository of MDSS as `owner/name`. `OWNER` stands for the organisation that hosts
 * this repository (not published yet); replace it with yours when you fork.
 */
export const actionRepository = 'OWNER/mdss';

/** The tag a workflow pins. */
export const releaseTag = `v${version}`;

/** The GitHub Actions workflow (`.github/workflows/mdss.yml`). */
export const githubWorkflow = `name: MDSS conformance
on: [push, pull_request]
jobs:
  mdss:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - uses: ${actionRepository}@${releaseTag}
        with:
          paths: fixtures/
          formats: junit
          # baseline: mdss-baseline.json   # once recorded with --update-baseline
          upload-sarif: 'true'
          job-summary: 'true'
`;

/** The GitLab CI job (`.gitlab-ci.mdss.yml`, to include from .gitlab-ci.yml). */
export const gitlabJob = `include:
  - remote: https://raw.githubusercontent.com/${actionRepository}/${releaseTag}/ci/gitlab/mdss.gitlab-ci.yml

mdss:
  variables:
    MDSS_REF: ${releaseTag}
    MDSS_PATHS: fixtures/
    # MDSS_BASELINE: mdss-baseline.json   # once recorded with --update-baseline
`;
