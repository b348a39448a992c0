/** `mdss serve [--port <n>] [--host <h>]`: the HTTP service on Node (see src/server/node.ts for all settings). */
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import type { CliIo } from './cli-io.js';

/** Starts the server and resolves when it has stopped (SIGINT/SIGTERM). */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { port: { type: 'string' }, host: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new ConfigError('cli.bad-port', '--port must be 0-65535');
  const { startServer } = await import('../server/node.js');
  const server = await startServer({ ...(port !== undefined ? { port } : {}), ...(values.host ? { host: values.host } : {}), handleSignals: true });
  io.stderr(`mdss: listening on ${server.url}\n`);
  await new Promise<void>((done) => server.server.once('close', () => done()));
  return 0;
}
