/**
 * Hono environment of the app: what middleware puts on the context for the routes.
 * @module
 */
import type { LogEntry } from './log-entry.js';

/** Who is calling: anyone (open mode, no keys configured), the ICS lead, or one partner. */
export type Principal =
  | { readonly kind: 'open' }
  | { readonly kind: 'lead' }
  | { readonly kind: 'partner'; readonly partnerId: string };

/** Mutable, non-sensitive fields a route adds to its access-log line (counts, codes). */
export type LogFields = { -readonly [K in keyof LogEntry]?: LogEntry[K] };

/** The app's Hono environment. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    logFields: LogFields;
  };
}
