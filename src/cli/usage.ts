/**
 * Usage texts of `mdss` and of each command (`mdss <command> --help`). The options listed here are
 * also the vocabulary of the did-you-mean suggestion for an unknown option (see did-you-mean.ts).
 * @module
 */

const validate = `Usage: mdss validate <files|dirs|globs>... [options]

Validates FHIR resources, Bundles, NDJSON and social-care feeds (CLD, CIN).
      --profile <url|file>         profile to validate against (repeatable)
      --supporting <file|dir|tgz>  conformance resources or FHIR NPM package (repeatable; alias --package)
      --feed fhir|cld|cin          force the feed kind (default: detected)
      --cld-release 1|2            CLD specification release (default: the policy's, else
                                   detected; Release 2 for periods from October 2025)
      --format <f>                 text|json|operationoutcome|operationoutcome-xml|junit|sarif|github|markdown (repeatable)
      --output <file>              file for the format at the same position (repeatable)
      --fail-on error|warning|never  exit 1 at or above this severity (default error)
      --baseline <file>            fail only on issues not in the baseline; --update-baseline writes it
      --update-baseline            write (or rewrite) the --baseline file from this run
      --policy <file>              partner policy (waivers, severity overrides)
      --partner <id>               apply policies/<id>.json, that partner's policy
      --framework <version|dir|none>  framework version or profiles folder (default: the built-in framework)
      --allow-test-numbers         accept NHS numbers from the 999 test range (test data)
      --extension-domain <url>     accept extensions under this url prefix without a definition (repeatable)
      --show-values                quote payload values and names in messages (default: [value])
      --tx-server <url>            FHIR terminology server for codes not checkable offline (SNOMED CT, dm+d, …)
      --threads <n>                threads that validate, this one included, 1 to 64 (default: for
                                   32 MB or more in several files, one more than the idle cores, up
                                   to 8; else 1)
      --max-issues <n>             stop listing a file's issues after n
      --progress-interval <s>      seconds between progress lines when standard error is not a
                                   terminal (default 5; 0: after every file; env MDSS_PROGRESS_INTERVAL)
      --quiet                      no progress on standard error (results are printed as ever)
Exit codes: 0 ok, 1 issues at or above --fail-on, 2 usage or configuration error (no input files,
unknown profile, unreadable --supporting, missing --baseline), 3 internal error.
`;

const standards = `Usage: mdss standards [--format text|json] [--feed <feed>] [--level MUST|SHOULD]

Lists the framework's requirements and version.
`;

const init = `Usage: mdss init [--force]

Writes a starter mdss.config.json, a GitHub Actions workflow (.github/workflows/mdss.yml) and a
GitLab CI job (.gitlab-ci.mdss.yml); existing files are left alone unless --force.
`;

const serve = `Usage: mdss serve [--port <n>] [--host <h>] [--processes <n|auto>] [options]

Starts the HTTP service. Each flag has an environment variable; the flag wins.
      --port <n>                 PORT (default 3000)
      --host <h>                 HOST (default 127.0.0.1)
      --max-body-bytes <n>       MDSS_MAX_BODY_BYTES, request body limit (default 10 MB)
      --max-depth <n>            MDSS_MAX_DEPTH, JSON nesting limit (default 200)
      --max-issues <n>           MDSS_MAX_ISSUES, issues per validation (default 10,000)
      --time-budget-ms <n>       MDSS_TIME_BUDGET_MS, validation time budget (default 10,000)
      --requests-per-minute <n>  MDSS_REQUESTS_PER_MINUTE, rate limit per API key (default 0: none)
      --request-timeout-ms <n>   MDSS_REQUEST_TIMEOUT_MS, whole-request timeout (default 60,000)
      --async-above-bytes <n>    MDSS_ASYNC_ABOVE_BYTES, larger submissions run as jobs (default: body limit)
      --max-job-bytes <n>        MDSS_MAX_JOB_BYTES, submission job body limit (default 2 GiB)
      --database-url <url>       DATABASE_URL, PostgreSQL (default: SQLite)
      --sqlite <path>            MDSS_SQLITE_PATH (default ./data/mdss.sqlite)
      --no-store                 MDSS_STORE=off, no store and no partner routes
      --api-keys <list>          MDSS_API_KEYS, partner:<id>:<sha256> / lead::<sha256>, comma-separated
      --package <path>           MDSS_PACKAGES, IG package (.tgz), folder or JSON (repeatable)
      --pack-dir <path>          MDSS_PACK_DIR (default dist/pack)
      --redis-url <url>          REDIS_URL, jobs on Redis for mdss worker, shared limits
      --redis-prefix <p>         MDSS_REDIS_PREFIX (default mdss)
      --processes <n|auto>       MDSS_PROCESSES, worker processes on the one port (default 1; auto:
                                 one per core; node:cluster; with a store it needs REDIS_URL)
      --threads <n|auto>         MDSS_THREADS, check threads per process (default auto: the cores
                                 shared by the processes; 0: check in the request thread)
      --thread-queue <n>         MDSS_THREAD_QUEUE, checks that may wait for a thread; past it 503
                                 http.busy with Retry-After (default 64)
Large submissions and every pull run as jobs (GET /v1/jobs/{id}); partners' pullEveryMinutes schedule
pulls. Without REDIS_URL they run in this process; with it, in \`mdss worker\` processes, once across
instances. Job input waits in MDSS_SPOOL_DIR; orphans older than MDSS_SPOOL_MAX_AGE_MS are swept.
`;

const report = `Usage: mdss report [--partner <id>] [--format json|csv|markdown|html] [--from d] [--to d] [--kind k] [--output f] [--db f]

A partner's scorecard, or the ICS matrix, from the store.
`;

const demo = `Usage: mdss demo [--db <file>] [--out <dir>] [--examples <dir>]

Registers the example partners, validates their feeds into the store and writes reports.
`;

const worker = `Usage: mdss worker [--concurrency <n>] [serve's store and Redis options]

Runs submission and pull jobs from the Redis queue (REDIS_URL or --redis-url, MDSS_REDIS_PREFIX) into
the same store as \`mdss serve\` (DATABASE_URL or MDSS_SQLITE_PATH). Job input is read from
MDSS_SPOOL_DIR; orphaned spool files are swept at start and periodically. Pulls read endpoint
secrets (secretRef) from the environment.
  --concurrency <n>   jobs at once in this process (default 1; run one process per core instead)
Environment: MDSS_JOB_TIME_BUDGET_MS (default 600000), MDSS_JOB_LOCK_MS (default 30000),
MDSS_SPOOL_MAX_AGE_MS (default 3600000).
`;

/** The global usage of `mdss`. */
export const usage = `Usage: mdss <command> [options]

Commands:
  validate <files|dirs|globs>...   validate FHIR resources, Bundles, NDJSON and social-care feeds (CLD, CIN)
  standards [--format text|json]  list the framework's requirements and version
  init                            write a starter mdss.config.json and CI examples
  serve [--port <n>]              start the HTTP service
  worker [--concurrency <n>]      run submission and pull jobs from Redis (REDIS_URL), same store as serve
  report [--partner <id>] [--format json|csv|markdown|html] [--from d] [--to d] [--kind k] [--output f]
                                  a partner's scorecard, or the ICS matrix, from the store
  pull <partner> [--endpoint <base-url>] [--count n]  check a partner's FHIR endpoint: capabilities and sampled data
  demo                            register the example partners, validate their feeds into the store, write reports
  --version, --help               (mdss <command> --help: that command's options)
`;

/** Usage of each command with its own (`pull` keeps its text in pull-command.ts). */
export const commandUsage: Readonly<Record<string, string>> = {
  validate,
  standards,
  init,
  serve,
  worker,
  report,
  demo,
};
