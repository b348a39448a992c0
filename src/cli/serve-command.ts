/**
 * `mdss serve [--port <n>] [--host <h>] [--max-body-bytes n] [--database-url u] [--api-keys k] [--package p] …`:
 * the HTTP service on Node. Every flag and environment variable of src/server/server-options.ts applies.
 */
import type { CliIo } from './cli-io.js';

/** Starts the server and resolves when it has stopped (SIGINT/SIGTERM). */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [{ startServer }, { parseServerOptions }] = await Promise.all([
    import('../server/node.js'),
    import('../server/server-options.js'),
  ]);
  const server = await startServer({ ...parseServerOptions(args, io.env), handleSignals: true });
  io.stderr(`mdss: listening on ${server.url}\n`);
  await new Promise<void>((done) => server.server.once('close', () => done()));
  return 0;
}
