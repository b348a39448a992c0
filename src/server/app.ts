/**
 * The MDSS HTTP service as one Hono app, runtime-agnostic: every runtime service (validator, store,
 * keys, clock, logger) is injected, so the same app runs under Node (node.ts) and in a Cloudflare
 * Worker (worker.ts). Routes are registered through a {@link RouteRegistry}, which also records
 * them for the generated OpenAPI document.
 * @module
 */
import { Hono } from 'hono';
import { createChecker } from '../check/create-checker.js';
import { constraintTextLookup } from '../fhir/definitions/constraint-text.js';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './app-env.js';
import { authenticate } from './middleware/auth.js';
import { createErrorHandler, createNotFoundHandler } from './middleware/on-error.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestContext } from './middleware/request-context.js';
import { RouteRegistry } from './openapi/route-registry.js';
import type { ResolvedDeps } from './route-context.js';
import { registerFeedValidateRoute } from './routes/feed-validate.js';
import { registerFhirMetadataRoute } from './routes/fhir-metadata.js';
import { registerFhirValidateRoutes } from './routes/fhir-validate.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerOperationRoutes } from './routes/operations.js';
import { registerPartnerRegistryRoutes } from './routes/partner-registry.js';
import { registerPartnerPullRoute } from './routes/partner-pull.js';
import { registerPartnerRoutes } from './routes/partners.js';
import { registerStandardsRoutes } from './routes/standards.js';
import { resolveLimits } from './server-limits.js';

export type { AppDeps } from './app-deps.js';

/**
 * Creates the app.
 * @example
 * const app = createApp({ checker: createChecker({ registry }) });
 * const res = await app.request('/fhir/$validate', { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: '{"resourceType":"Patient"}' });
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const catalogue = deps.catalogue ?? builtinCatalogue;
  const checker =
    deps.checker ??
    (deps.validator ? createChecker({ validator: deps.validator, catalogue }) : undefined);
  if (!checker) throw new TypeError('createApp needs a checker or a validator');
  const resolved: ResolvedDeps = {
    checker,
    validator: checker.validator,
    catalogue: checker.catalogue,
    ...(deps.offload ? { offload: deps.offload } : {}),
    constraintText: constraintTextLookup(checker.registry),
    ...(deps.partners ? { partners: deps.partners } : {}),
    ...(deps.partners && deps.jobs ? { jobs: deps.jobs } : {}),
    limits: resolveLimits(deps.limits),
    log: deps.log ?? (() => undefined),
    now: deps.now ?? (() => performance.now()),
    clock: deps.clock ?? (() => new Date()),
    version: deps.version ?? '0.0.0',
    packages: deps.packages ?? [],
    ...(deps.reportStyles !== undefined ? { reportStyles: deps.reportStyles } : {}),
    ...(deps.docsAssets !== undefined ? { docsAssets: deps.docsAssets } : {}),
  };
  const app = new Hono<AppEnv>();
  app.use(
    requestContext({
      log: resolved.log,
      now: resolved.now,
      requestId: deps.requestId ?? (() => crypto.randomUUID()),
    }),
  );
  app.onError(createErrorHandler(resolved.log));
  const guards = [
    authenticate(deps.keys, { now: resolved.now, ...deps.authFailures }),
    rateLimit(resolved.limits.requestsPerMinute, resolved.now, 10_000, deps.rateCounter),
  ];
  const ctx = { routes: new RouteRegistry(app, guards), deps: resolved };
  app.notFound(createNotFoundHandler((pathname) => ctx.routes.allowedMethods(pathname)));
  registerFhirValidateRoutes(ctx);
  registerFhirMetadataRoute(ctx);
  registerFeedValidateRoute(ctx);
  registerStandardsRoutes(ctx);
  if (resolved.partners) {
    registerPartnerRegistryRoutes(ctx, resolved.partners);
    registerPartnerRoutes(ctx, resolved.partners);
    if (resolved.jobs) registerJobRoutes(ctx, resolved.jobs);
    if (deps.pull) registerPartnerPullRoute(ctx, deps.pull, resolved.partners);
  }
  registerOperationRoutes(ctx);
  return app;
}
