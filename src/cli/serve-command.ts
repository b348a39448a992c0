/**
 * `mdss serve [--port <n>] [--host <h>] [--processes <n|auto>] [--threads <n|auto>] [--max-body-bytes n] [--database-url u] …`:
 * the HTTP service on Node. Every flag and environment variable of src/server/server-options.ts applies.
 * With `--processes` above 1 this process is the primary of a cluster (src/server/node-cluster.ts) and each
 * worker it forks runs this command again as one server on the shared port. Each server checks on its
 * own pool of check threads (`--threads`, src/server/node-check-pool.ts).
 */
import type { CliIo } from './cli-io.js';

/** Starts the server (or the cluster) and resolves when it has stopped (SIGINT/SIGTERM). */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [{ startServer, jsonLineLog }, { parseServerOptions }, clusters] = await Promise.all([
    import('../server/node.js'),
    import('../server/server-options.js'),
    import('../server/node-cluster.js'),
  ]);
  const options = parseServerOptions(args, io.env);
  const place = clusters.clusterPlace(io.env);
  const count = clusters.processCount(options.processes);
  if (place === undefined && count > 1) {
    clusters.checkClusterOptions(options, count);
    // the schema is migrated once, here, before n workers open the store
    if (options.store) {
      const { openStore } = await import('../store/open-store.js');
      const store = await openStore({
        ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
        ...(options.sqlitePath !== undefined ? { sqlitePath: options.sqlitePath } : {}),
      });
      await store.close();
    }
    return clusters.runCluster({
      count,
      log: jsonLineLog,
      onListening: (url) => io.stderr(`mdss: listening on ${url} (${count} processes)\n`),
    });
  }
  const server = await startServer({
    ...options,
    handleSignals: true,
    ...(place ? { cluster: place } : {}),
  }).catch((error: unknown) => {
    clusters.releaseWorker();
    throw error;
  });
  if (!place)
    io.stderr(
      `mdss: listening on ${server.url}${server.threads > 0 ? ` (${server.threads} check threads)` : ''}\n`,
    );
  await new Promise<void>((done) => server.server.once('close', () => done()));
  return 0;
}
