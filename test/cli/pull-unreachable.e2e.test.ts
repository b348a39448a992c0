/**
 * `mdss pull` against an endpoint it cannot reach (issue 19), run as a process: a closed port
 * (connection refused), an unresolvable host (DNS), a self-signed certificate (TLS; skipped with a
 * message when the openssl CLI is absent) and a server that accepts and never answers (timeout).
 * Each exits 4 with one stderr line naming the cause and the host, and leaves the store as it was:
 * the partner's earlier pull stays the only submission (so MDS-20 is not turned into "Not met")
 * and its registered endpoint is not replaced. The command runs the built CLI when dist/ exists,
 * else the sources through tsx.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { run } from '../../src/cli/pull-command.js';
import { openStore } from '../../src/store/index.js';
import { startFhirTestServer, type FhirTestServer } from '../federation/fhir-test-server.js';
import { exampleResources, frameworkSetup, fullCapability } from '../federation/pull-fixtures.js';

const root = join(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));
const tsxLoader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const command = built
  ? [join(root, 'bin', 'mdss.js')]
  : ['--import', tsxLoader, join(root, 'test', 'support', 'run-cli.ts')];

/** Runs `mdss` as a process without blocking this process's event loop (the test servers answer here). */
function mdss(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const hasOpenssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
if (!hasOpenssl)
  console.warn(
    'pull-unreachable.e2e.test.ts: the TLS case is skipped, the openssl CLI is not installed',
  );

const partner = 'riverside-gp-practice';

describe('mdss pull against an endpoint it cannot reach', { timeout: 60_000 }, () => {
  let dir: string;
  let good: FhirTestServer;
  let closedPort: number;
  let silent: Server;
  const held: Socket[] = [];
  let silentUrl: string;
  let tls: HttpsServer | undefined;
  let tlsUrl = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-pull-unreachable-'));
    const { profiles } = frameworkSetup();
    good = await startFhirTestServer({
      capabilityStatement: fullCapability(profiles, ['Organization']),
      resources: exampleResources('riverside-gp-practice/gp-feed-valid.json').filter(
        (r) => r.resourceType === 'Organization',
      ),
    });
    // a port that was just free: nothing listens there
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    // accepts connections and never answers
    silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/fhir`;
    if (hasOpenssl) {
      const gen = spawnSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (gen.status !== 0) throw new Error(`openssl failed: ${gen.stderr}`);
      tls = createHttpsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_req, res) => res.end('{}'),
      );
      await new Promise<void>((resolve) => tls!.listen(0, '127.0.0.1', resolve));
      tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/fhir`;
    }
    // the partner's earlier, successful pull: recorded, with its endpoint
    const out: string[] = [];
    const io: CliIo = {
      cwd: dir,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdout: (t) => void out.push(t),
      stderr: (t) => void out.push(t),
      now: () => new Date(),
    };
    const code = await run(
      [partner, '--endpoint', good.baseUrl, '--db', 'store.sqlite', '--count', '1'],
      io,
    );
    expect([0, 1], out.join('')).toContain(code);
  });

  afterAll(async () => {
    await good.close();
    for (const s of held) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    if (tls) {
      tls.closeAllConnections();
      await new Promise<void>((resolve) => tls!.close(() => resolve()));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** The store holds exactly the earlier pull, with the good endpoint. */
  async function expectStoreUnchanged(): Promise<void> {
    const store = await openStore({ sqlitePath: join(dir, 'store.sqlite') });
    try {
      const subs = await store.listSubmissions(partner);
      expect(subs).toHaveLength(1);
      expect((await store.getPartner(partner))?.fhirEndpoint?.url).toBe(good.baseUrl);
      expect(await store.listPartners()).toHaveLength(1);
    } finally {
      await store.close();
    }
  }

  async function expectUnreachable(
    endpoint: string,
    cause: RegExp,
    host: string,
    extra: string[] = [],
    ids = [partner],
  ) {
    for (const id of ids) {
      const r = await mdss(
        ['pull', id, '--endpoint', endpoint, '--db', 'store.sqlite', ...extra],
        dir,
      );
      expect(r.code, r.stderr).toBe(4);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(cause);
      expect(lines[0]).toContain(host);
      expect(lines[0]).toContain('nothing recorded');
      await expectStoreUnchanged();
    }
  }

  it('starts from one recorded pull', expectStoreUnchanged);

  it('connection refused: exit 4, names the cause and host, records nothing', async () => {
    await expectUnreachable(
      `http://127.0.0.1:${closedPort}/fhir`,
      /connection refused/,
      `127.0.0.1:${closedPort}`,
      [],
      [partner, 'newcomer'], // a partner new to the store is not created either
    );
  });

  it('an unresolvable host: exit 4, DNS named, records nothing', async () => {
    await expectUnreachable('http://nonexistent.invalid/fhir', /DNS/, 'nonexistent.invalid', [
      '--timeout-ms',
      '5000',
    ]);
  });

  it.skipIf(!hasOpenssl)(
    'a self-signed certificate: exit 4, TLS named, records nothing',
    async () => {
      await expectUnreachable(tlsUrl, /TLS/, new URL(tlsUrl).host);
    },
  );

  it('a server that never answers: exit 4 after --timeout-ms, timeout named, records nothing', async () => {
    await expectUnreachable(silentUrl, /timeout/, new URL(silentUrl).host, ['--timeout-ms', '200']);
  });
});
