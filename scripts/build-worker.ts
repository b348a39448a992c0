/**
 * Bundles the Cloudflare Worker: src/server/worker.ts plus the validation packs (r4-core.json and
 * framework.json, as text, parsed on the first request) into one ES module, `dist/worker/worker.js`,
 * for a neutral platform (no Node built-ins can slip in: the build fails on any). Prints the bundle
 * size, raw and gzip, and writes it to dist/worker/size.json.
 *
 *   node --import tsx scripts/build-worker.ts [--pack-dir dist/pack] [--out dist/worker]
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
const packDir = resolve(arg('--pack-dir', join(root, 'dist', 'pack')));
const outDir = resolve(arg('--out', join(root, 'dist', 'worker')));
const packs = ['r4-core', 'framework'];
for (const name of packs) {
  if (!existsSync(join(packDir, `${name}.json`))) {
    console.error(`No validation pack ${name}.json in ${packDir}: run npm run build:pack first`);
    process.exit(1);
  }
}

const entry = `import { createWorkerHandler } from './src/server/worker.ts';
${packs.map((name, i) => `import pack${i} from 'mdss:pack/${name}';`).join('\n')}
export default createWorkerHandler([${packs.map((_, i) => `pack${i}`).join(', ')}]);
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
        b.onResolve({ filter: /^mdss:pack\// }, (args) => ({ path: join(packDir, `${args.path.slice('mdss:pack/'.length)}.json`), namespace: 'mdss-pack' }));
        b.onLoad({ filter: /.*/, namespace: 'mdss-pack' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
      },
    },
  ],
});
const bundle = readFileSync(join(outDir, 'worker.js'));
const gzip = gzipSync(bundle).byteLength;
const inputs = Object.entries(result.metafile.outputs)[0]?.[1].inputs ?? {};
const packBytes = Object.entries(inputs)
  .filter(([k]) => k.startsWith('mdss-pack:'))
  .reduce((n, [, v]) => n + v.bytesInOutput, 0);
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
