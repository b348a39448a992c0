/**
 * The feed engine runs unchanged on the edge: src/feeds is bundled by esbuild for a neutral platform
 * (the build fails on any Node built-in), served by workerd without Node compatibility, and must
 * answer for the example feeds exactly what Node answers — through both the whole-text and the
 * streaming API (request body as UTF-8 byte chunks). Skipped, with a message, without workerd.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitUntilUp } from './workerd-process.js';
import { validateFeed } from '../../src/feeds/index.js';

const root = resolve(import.meta.dirname, '..', '..');
const workerd = join(root, 'node_modules', '.bin', 'workerd');
if (!existsSync(workerd))
  console.warn('test/edge/feeds-workerd.test.ts skipped: no workerd binary');

const entry = `import { validateFeed, validateFeedStream } from ${JSON.stringify(join(root, 'src/feeds/index.ts'))};
async function* chunks(body) {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
export default {
  async fetch(request) {
    const options = { allowTestNumbers: true };
    const url = new URL(request.url);
    if (url.pathname === '/health') return new Response('ok');
    const result = url.pathname === '/stream' ? await validateFeedStream(chunks(request.body), options) : validateFeed(await request.text(), options);
    return Response.json(result);
  },
};
`;

const examples = [
  'examples/northvale-council-asc/cld-2026-q2.csv',
  'examples/northvale-council-asc/cld-2026-q2-valid.csv',
  'examples/northvale-council-csc/cin-2026.json',
];

describe.skipIf(!existsSync(workerd))('feeds in workerd', () => {
  let child: ChildProcess | undefined;
  let dir = '';
  let url = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-feeds-workerd-'));
    writeFileSync(join(dir, 'entry.js'), entry);
    await build({
      entryPoints: [join(dir, 'entry.js')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['worker', 'browser'],
      outfile: join(dir, 'worker.js'),
      logLevel: 'silent',
    });
    const port = await freePort();
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .mainWorker) ],
  sockets = [ ( name = "http", address = "127.0.0.1:${port}", http = (), service = "main" ) ]
);
const mainWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2024-09-23",
);
`,
    );
    child = spawn(workerd, ['serve', join(dir, 'config.capnp')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    url = `http://127.0.0.1:${port}`;
    await waitUntilUp(url, child);
  });

  afterAll(() => {
    child?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const file of examples) {
    it(`answers what Node answers for ${file}, whole and streamed`, async () => {
      const text = readFileSync(join(root, file), 'utf8');
      const node = JSON.parse(
        JSON.stringify(validateFeed(text, { allowTestNumbers: true })),
      ) as unknown;
      for (const path of ['/whole', '/stream']) {
        const res = await fetch(`${url}${path}`, { method: 'POST', body: text });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual(node);
      }
    });
  }
});
