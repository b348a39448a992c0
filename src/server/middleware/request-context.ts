/**
 * First middleware: assigns the request id (an incoming `X-Request-Id` of safe characters is kept,
 * otherwise a new one is generated), echoes it on the response, and writes one access-log line per
 * request with the route pattern, status, duration and the counts routes added. Never the URL's
 * query, headers or body.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { LogEntry } from '../log-entry.js';

const safeId = /^[A-Za-z0-9._:-]{1,128}$/;

/** Options of {@link requestContext}. */
export interface RequestContextOptions {
  readonly log: (entry: LogEntry) => void;
  readonly now: () => number;
  readonly requestId: () => string;
}

/** Creates the request-context middleware. */
export function requestContext(options: RequestContextOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = options.now();
    const incoming = c.req.header('x-request-id');
    const id = incoming !== undefined && safeId.test(incoming) ? incoming : options.requestId();
    c.set('requestId', id);
    c.set('principal', { kind: 'open' });
    c.set('logFields', {});
    await next();
    c.res.headers.set('X-Request-Id', id);
    const status = c.res.status;
    options.log({
      ...c.get('logFields'),
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      event: 'request',
      requestId: id,
      method: c.req.method,
      route: c.req.routePath,
      status,
      durationMs: Math.round((options.now() - started) * 100) / 100,
    });
  };
}
