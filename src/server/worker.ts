/**
 * Cloudflare Worker entry: the same app as Node, over the validation packs shipped with the script
 * as Text modules (no file system, no `eval`). The packs are loaded and the pipeline built (the one
 * factory, `createChecker`, with the framework on by default) on the
 * first request of an isolate, then reused. Bindings (all optional, text): `MDSS_API_KEYS` (key bindings, see
 * auth/key-store.ts), `MDSS_MAX_BODY_BYTES`, `MDSS_MAX_DEPTH`, `MDSS_MAX_ISSUES`,
 * `MDSS_TIME_BUDGET_MS`, `MDSS_REQUESTS_PER_MINUTE`, `MDSS_VERSION`. There is no store at the edge: the partner and report
 * routes are absent. scripts/build-worker.ts generates the module that calls
 * {@link createWorkerHandler} with the packs' text and default-exports the handler.
 * @module
 */
import type { Hono } from 'hono';
import { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import { createChecker } from '../check/create-checker.js';
import { loadPack } from '../pack/load-pack.js';
import { bundledFhirPath } from '../fhir/fhirpath-bundled.js';
import type { AppEnv } from './app-env.js';
import { createApp } from './app.js';
import { createStaticKeyStore, parseKeyBindings } from './auth/key-store.js';
import { toOperationOutcome } from '../issues/to-operation-outcome.js';
import type { LogEntry } from './log-entry.js';
import { describeError } from './middleware/on-error.js';
import { FHIR_JSON, renderIssues } from './outcome-response.js';
import type { ServerLimits } from './server-limits.js';

/** Text bindings the Worker reads. */
export type WorkerBindings = Readonly<Record<string, unknown>>;

/** The module Worker handler shape. */
export interface WorkerHandler {
  fetch(request: Request, env: WorkerBindings, ctx?: unknown): Promise<Response>;
}

const limitBindings: Readonly<
  Record<Exclude<keyof ServerLimits, 'asyncAboveBytes' | 'maxJobBytes'>, string>
> = {
  maxBodyBytes: 'MDSS_MAX_BODY_BYTES',
  maxDepth: 'MDSS_MAX_DEPTH',
  maxIssues: 'MDSS_MAX_ISSUES',
  timeBudgetMs: 'MDSS_TIME_BUDGET_MS',
  requestsPerMinute: 'MDSS_REQUESTS_PER_MINUTE',
};

function text(env: WorkerBindings, name: string): string | undefined {
  const v = env[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function limitsOf(env: WorkerBindings): Partial<ServerLimits> {
  const out: Record<string, number> = {};
  for (const [key, name] of Object.entries(limitBindings)) {
    const v = text(env, name);
    if (v !== undefined && /^\d+$/.test(v)) out[key] = Number(v);
  }
  return out;
}

function consoleLog(entry: LogEntry): void {
  console.log(JSON.stringify(entry));
}

/**
 * Creates the Worker handler over packs given as JSON text, loaded in order into one registry
 * (the base R4 pack, then the framework pack).
 * @example export default createWorkerHandler([coreText, frameworkText]);
 */
export function createWorkerHandler(packTexts: readonly string[]): WorkerHandler {
  let app: Hono<AppEnv> | undefined;
  const build = (env: WorkerBindings): Hono<AppEnv> => {
    const registry = new CanonicalRegistry();
    const sources = packTexts.flatMap((text) => loadPack(text, registry).sources);
    const keyText = text(env, 'MDSS_API_KEYS');
    const parsed = keyText === undefined ? { records: [] } : parseKeyBindings(keyText);
    if ('error' in parsed) throw new Error(`MDSS_API_KEYS: ${parsed.error}`);
    return createApp({
      checker: createChecker({ registry, fhirPath: bundledFhirPath }),
      keys: createStaticKeyStore(parsed.records),
      limits: limitsOf(env),
      log: consoleLog,
      version: text(env, 'MDSS_VERSION') ?? '0.0.0',
      packages: sources.map((s) => `${s.name}#${s.version}`),
    });
  };
  return {
    fetch(request, env) {
      try {
        app ??= build(env);
      } catch (error) {
        // Broken setup (bad bindings, corrupt pack): answered, logged without messages, retried next request.
        const requestId = crypto.randomUUID();
        consoleLog({ level: 'error', event: 'startup-failed', requestId, ...describeError(error) });
        const issues = renderIssues([
          { code: 'http.internal-error', expression: '', pointer: '', params: { requestId } },
        ]);
        return Promise.resolve(
          new Response(JSON.stringify(toOperationOutcome(issues)), {
            status: 500,
            headers: { 'Content-Type': FHIR_JSON, 'X-Request-Id': requestId },
          }),
        );
      }
      return Promise.resolve(app.fetch(request));
    },
  };
}
