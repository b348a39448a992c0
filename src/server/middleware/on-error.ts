/**
 * The only place that turns exceptions into responses: an {@link HttpProblem} becomes its status
 * with an OperationOutcome; anything else becomes 500 with an `exception` OperationOutcome that
 * names the request id, never the error's message or stack. The exception is logged with the
 * request id, its class name and code, and its stack frames without the message line (messages can
 * quote payload values). A store that is down, locked or full (`StoreUnavailableError`) gives 503
 * with `Retry-After`. A check whose pool thread died (`CheckThreadError`) gives 500 `http.check-failed`
 * with the request id. Unmatched requests get 404, or 405 when the path exists for other methods.
 * @module
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app-env.js';
import { StoreUnavailableError } from '../../store/store-unavailable.js';
import { CheckThreadError } from '../check-offload.js';
import { HttpProblem } from '../http-problem.js';
import type { LogEntry } from '../log-entry.js';
import { outcomeResponse, renderIssues } from '../outcome-response.js';

/** Creates the app's error handler. */
export function createErrorHandler(log: (entry: LogEntry) => void): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (err instanceof HttpProblem) {
      const issues = renderIssues(err.issues);
      c.get('logFields').issueCodes = Object.fromEntries(issues.map((i) => [i.code, 1]));
      return outcomeResponse(c, err.status as ContentfulStatusCode, issues, err.headers);
    }
    const requestId = requestIdOf(c);
    if (err instanceof StoreUnavailableError) {
      // The database is down, locked or full: the client may retry; the service reconnects by itself.
      log({
        level: 'warn',
        event: 'store-unavailable',
        requestId,
        route: c.req.routePath,
        reason: err.reason,
        ...describeError(err.cause),
      });
      const retryAfter = err.retryAfterSeconds;
      const issues = renderIssues([
        { code: 'http.store-unavailable', expression: '', pointer: '', params: { retryAfter } },
      ]);
      c.get('logFields').issueCodes = { 'http.store-unavailable': 1 };
      return outcomeResponse(c, 503, issues, { 'Retry-After': String(retryAfter) });
    }
    if (err instanceof CheckThreadError) {
      // the pool has replaced the thread; this request's check is lost
      log({
        level: 'error',
        event: 'check-thread-failed',
        requestId,
        route: c.req.routePath,
        reason: err.reason,
      });
      const issues = renderIssues([
        { code: 'http.check-failed', expression: '', pointer: '', params: { requestId } },
      ]);
      c.get('logFields').issueCodes = { 'http.check-failed': 1 };
      return outcomeResponse(c, 500, issues);
    }
    log({
      level: 'error',
      event: 'exception',
      requestId,
      route: c.req.routePath,
      ...describeError(err),
    });
    const issues = renderIssues([
      { code: 'http.internal-error', expression: '', pointer: '', params: { requestId } },
    ]);
    return outcomeResponse(c, 500, issues);
  };
}

/**
 * 405 (with `Allow`) when the path exists for other methods, else 404; both as OperationOutcomes.
 * `allowedMethods` lists the methods registered for a concrete path.
 */
export function createNotFoundHandler(
  allowedMethods: (pathname: string) => string[],
): NotFoundHandler<AppEnv> {
  return (c) => {
    const pathname = new URL(c.req.url).pathname;
    const allowed = allowedMethods(pathname);
    if (allowed.length > 0) {
      return outcomeResponse(
        c,
        405,
        renderIssues([
          {
            code: 'http.method-not-allowed',
            expression: '',
            pointer: '',
            params: { method: c.req.method },
          },
        ]),
        { Allow: allowed.join(', ') },
      );
    }
    return outcomeResponse(
      c,
      404,
      renderIssues([
        {
          code: 'http.not-found',
          expression: '',
          pointer: '',
          params: { what: `${c.req.method} ${pathname}` },
        },
      ]),
    );
  };
}

function requestIdOf(c: Context<AppEnv>): string {
  try {
    return c.get('requestId') ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Class name, code and stack frames of an error (the first stack line holds the message: dropped). */
export function describeError(err: unknown): Pick<LogEntry, 'errorName' | 'errorCode' | 'frames'> {
  if (!(err instanceof Error)) return { errorName: typeof err };
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 10)
    .map((l) => l.trim());
  return { errorName: err.name, ...(typeof code === 'string' ? { errorCode: code } : {}), frames };
}
