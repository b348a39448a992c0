/**
 * The Worker door of the equivalence table (test/equivalence): the Worker bundle (dist/worker, from
 * `npm run build:worker`) in workerd answers every payload of the table on `POST /v1/validate` and
 * `POST /fhir/$validate` with the same issues (code, severity, expression, pointer, requirement ids:
 * the fields both answers carry) and validity as the library's `checkBytes` in Node. Skipped, with a
 * message, when the bundle or the workerd binary is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeChecker } from '../../src/node/create-node-checker.js';
import { comparable } from '../equivalence/compare.js';
import {
  allFields,
  compared,
  fhirValidateAnswers,
  libraryOptions,
  uploadAnswers,
  type Answer,
} from '../equivalence/doors.js';
import { equivalencePayloads } from '../equivalence/payloads.js';
import { freePort, waitUntilUp } from './workerd-process.js';

const root = resolve(import.meta.dirname, '..', '..');
const packModules = ['r4-core.pack', 'framework.pack'];
const workerd = join(root, 'node_modules', '.bin', 'workerd');
const needed = [
  join(root, 'dist', 'worker', 'worker.js'),
  ...packModules.map((m) => join(root, 'dist', 'worker', m)),
  workerd,
];
const missing = needed.filter((f) => !existsSync(f));
if (missing.length)
  console.warn(
    `test/edge/equivalence-workerd.test.ts skipped: missing ${missing.join(', ')} (run npm run build:pack && npm run build:worker)`,
  );

const payloads = equivalencePayloads();

describe.skipIf(missing.length > 0)(
  'one pipeline: the Worker in workerd answers as the library',
  () => {
    let child: ChildProcess | undefined;
    let dir = '';
    let url = '';
    const expected = new Map<string, Answer>();

    beforeAll(async () => {
      const checker = createNodeChecker();
      for (const p of payloads) {
        const { result } = await checker.checkBytes(p.bytes, libraryOptions(p));
        expected.set(p.name, {
          valid: result.valid,
          carries: allFields,
          issues: compared(result.issues),
        });
      }
      dir = mkdtempSync(join(tmpdir(), 'mdss-workerd-equivalence-'));
      copyFileSync(join(root, 'dist', 'worker', 'worker.js'), join(dir, 'worker.js'));
      for (const m of packModules) copyFileSync(join(root, 'dist', 'worker', m), join(dir, m));
      const modules = [
        '(name = "worker.js", esModule = embed "worker.js")',
        ...packModules.map((m) => `(name = "${m}", text = embed "${m}")`),
      ].join(', ');
      const port = await freePort();
      writeFileSync(
        join(dir, 'config.capnp'),
        `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .mainWorker) ],
  sockets = [ ( name = "http", address = "127.0.0.1:${port}", http = (), service = "main" ) ]
);
const mainWorker :Workerd.Worker = (
  modules = [ ${modules} ],
  compatibilityDate = "2024-09-23",
);
`,
      );
      child = spawn(workerd, ['serve', join(dir, 'config.capnp')], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      url = `http://127.0.0.1:${port}`;
      await waitUntilUp(url, child);
    }, 120_000);

    afterAll(() => {
      child?.kill('SIGTERM');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const doors = [
      {
        name: 'POST /v1/validate',
        accepts: () => true,
        run: (list: typeof payloads) => uploadAnswers(list, url, '/v1/validate'),
      },
      {
        name: 'POST /fhir/$validate',
        accepts: (p: (typeof payloads)[number]) => p.fhirResource,
        run: (list: typeof payloads) => fhirValidateAnswers(list, url),
      },
    ];
    for (const door of doors) {
      it(`${door.name} in workerd answers every payload as the library`, async () => {
        const accepted = payloads.filter(door.accepts);
        const answers = await door.run(accepted);
        for (const p of accepted) {
          const got = answers.get(p.name)!;
          const want = expected.get(p.name)!;
          expect(comparable(p.name, got, want)).toEqual(comparable(p.name, want, got));
        }
      }, 300_000);
    }
  },
);
