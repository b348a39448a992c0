/**
 * Bundles the compiled package (dist/) into `dist/bundle/`: the CLI (`main.js`, with the worker
 * script `check-worker.js`) and the library entry (`index.js`), as ES modules split into shared
 * chunks, dependencies left as imports. A run then loads a handful of files instead of ≈250
 * modules: Node's ES module loader spends most of a cold start resolving, reading and linking
 * them one by one (the code itself evaluates in a few milliseconds). Commands loaded on demand
 * (`serve`, `report`, `pull`, …) stay separate chunks, loaded only when used.
 *
 * `dist/bundle` sits at the same depth as `dist/cli` and `dist/node`, so the paths the code
 * derives from `import.meta.url` (the packs in dist/pack, profiles/, node_modules) are the same.
 * `bin/mdss.js` runs the bundle when it exists, else dist/cli/main.js.
 *
 *   node --import tsx scripts/build-bundle.ts [--dist dist]
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const i = process.argv.indexOf('--dist');
const dist = resolve(i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : 'dist');
const outdir = join(dist, 'bundle');
rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  entryPoints: {
    main: join(dist, 'cli', 'main.js'),
    'check-worker': join(dist, 'cli', 'check-worker.js'),
    index: join(dist, 'index.js'),
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outdir,
  chunkNames: 'chunk-[hash]',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.log(
  `${outdir}: ${files.length} files in ${Math.round(performance.now() - started)} ms (from ${Object.keys(result.metafile.inputs).length} modules)`,
);
