/**
 * Registers Hono handlers and records each route's {@link RouteSpec} at the same time, so the
 * OpenAPI document (openapi-document.ts) always describes exactly the routes that exist.
 * @module
 */
import type { Handler, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { toHonoPath, type RouteSpec } from './route-spec.js';

/** Registers routes on an app and remembers their specs. */
export class RouteRegistry {
  readonly #app: Hono<AppEnv>;
  readonly #guard: MiddlewareHandler<AppEnv>;
  readonly #routes: RouteSpec[] = [];
  /** Each route's path pattern, compiled once at registration (not per 404/405 request). */
  readonly #patterns: RegExp[] = [];

  /** `guards` (authentication, rate limit) run before the handler of every route whose spec says `auth: 'key'`. */
  constructor(app: Hono<AppEnv>, guards: readonly MiddlewareHandler<AppEnv>[]) {
    this.#app = app;
    this.#guard = chain(guards);
  }

  /** Registers `handler` for the spec's method and path. */
  add(spec: RouteSpec, handler: Handler<AppEnv>): void {
    this.#routes.push(spec);
    this.#patterns.push(pathPattern(spec.path));
    const path = toHonoPath(spec.path);
    if (spec.auth === 'key') this.#app.on(spec.method.toUpperCase(), path, this.#guard, handler);
    else this.#app.on(spec.method.toUpperCase(), path, handler);
  }

  /** The specs registered so far, in registration order. */
  routes(): readonly RouteSpec[] {
    return this.#routes;
  }

  /** Methods registered for a concrete path (upper case, sorted): for 405 answers with `Allow`. */
  allowedMethods(pathname: string): string[] {
    const methods = this.#routes
      .filter((_, i) => this.#patterns[i]?.test(pathname))
      .map((r) => r.method.toUpperCase());
    return [...new Set(methods)].sort();
  }
}

/** Runs middlewares in order as one. */
function chain(guards: readonly MiddlewareHandler<AppEnv>[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const run = async (i: number): Promise<void> => {
      const guard = guards[i];
      if (!guard) return next();
      await guard(c, () => run(i + 1));
    };
    await run(0);
  };
}

/** A regular expression matching the concrete paths of an OpenAPI path template. */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
