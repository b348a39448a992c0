/**
 * A small TCP proxy for fault tests: forwards to a target port, and can drop every open connection
 * or refuse new ones, to simulate a database restart, failover or network blip without touching the
 * shared server.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface TcpProxy {
  readonly port: number;
  /** Destroys every open connection (both sides). Returns how many were cut. */
  drop(): number;
  /** While true, new connections are closed at once. */
  refuse: boolean;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) to `targetHost:targetPort`. */
export async function startTcpProxy(
  targetPort: number,
  targetHost = '127.0.0.1',
): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const state = { refuse: false };
  const server: Server = createServer((client) => {
    if (state.refuse) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    drop() {
      const n = open.size;
      for (const s of open) s.destroy();
      open.clear();
      return n;
    },
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
