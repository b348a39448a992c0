/**
 * Bundles the Cloudflare Worker: src/server/worker.ts plus the validation pack (as text, parsed on
 * the first request) into one ES module, `dist/worker/worker.js`, for a neutral platform (no Node
 * built-ins can slip in: the build fails on any). Prints the bundle size, raw and gzip.
 *
 *   node --import tsx scripts/build-worker.ts [--pack dist/pack/r4-core.json] [--out dist/worker]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const packPath = resolve(arg('--pack', join(root, 'dist', 'pack', 'r4-core.json')));
const outDir = resolve(arg('--out', join(root, 'dist', 'worker')));
if (!existsSync(packPath)) {
  console.error(`No validation pack at ${packPath}: run npm run build:pack first`);
  process.exit(1);
}

const entry = `import { createWorkerHandler } from './src/server/worker.ts';
import packText from 'mdss:pack';
export default createWorkerHandler(packText);
`;

const started = performance.now();
const result = await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'worker-entry.ts', loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  mainFields: ['module', 'main'],
  conditions: ['worker', 'browser', 'import', 'default'],
  minify: true,
  legalComments: 'none',
  outfile: join(outDir, 'worker.js'),
  metafile: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'mdss-pack',
      setup(b) {
        b.onResolve({ filter: /^mdss:pack$/ }, () => ({ path: packPath, namespace: 'mdss-pack' }));
        b.onLoad({ filter: /.*/, namespace: 'mdss-pack' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
      },
    },
  ],
});
const bundle = readFileSync(join(outDir, 'worker.js'));
const gzip = gzipSync(bundle).byteLength;
const inputs = Object.entries(result.metafile.outputs)[0]?.[1].inputs ?? {};
const packBytes = Object.entries(inputs).find(([k]) => k.includes('r4-core.json'))?.[1].bytesInOutput ?? 0;
const summary = {
  file: join(outDir, 'worker.js'),
  bytes: bundle.byteLength,
  gzipBytes: gzip,
  packBytes,
  codeBytes: bundle.byteLength - packBytes,
  ms: Math.round(performance.now() - started),
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'size.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`${summary.file}: ${(summary.bytes / 1e6).toFixed(2)} MB (gzip ${(gzip / 1e6).toFixed(2)} MB; code ${(summary.codeBytes / 1e3).toFixed(0)} kB, pack ${(packBytes / 1e6).toFixed(2)} MB) in ${summary.ms} ms`);
