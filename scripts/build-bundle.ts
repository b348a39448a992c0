/**
 * Bundles the compiled package (dist/) into `dist/bundle/`: the CLI (`main.js`, with the worker
 * script `check-worker.js`) and the library entry (`index.js`), as ES modules split into shared
 * chunks, dependencies left as imports except a few small pure-JavaScript ones every run loads
 * (`inlined` below: the schema validators' ajv runtime helpers, the XML and CSV readers, the tar
 * reader), whose CommonJS files Node would otherwise resolve and scan one by one (importing a
 * CommonJS file from ESM runs a lexer over it for its export names). A run then loads a handful of
 * files instead of ≈250 modules: Node's ES module loader spends most of a cold start resolving,
 * reading and linking them one by one (the code itself evaluates in a few milliseconds). Commands
 * loaded on demand (`serve`, `report`, `pull`, …) stay separate chunks, loaded only when used.
 *
 * `dist/bundle` sits at the same depth as `dist/cli` and `dist/node`, so the paths the code
 * derives from `import.meta.url` (the packs in dist/pack, profiles/, node_modules) are the same.
 * `bin/mdss.js` runs the bundle when it exists, else dist/cli/main.js.
 *
 *   node --import tsx scripts/build-bundle.ts [--dist dist]
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** Dependencies bundled in: small, pure JavaScript, no Node built-in required (checked below). */
const inlined = new Set([
  'ajv',
  'ajv-formats',
  'fast-deep-equal',
  'saxes',
  'xmlchars',
  'csv-parse',
  'modern-tar',
]);

/** Every other package (and Node's built-ins) stays an import. */
const externals: Plugin = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
      return inlined.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

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
  plugins: [externals],
  outdir,
  chunkNames: 'chunk-[hash]',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
// a bundled CommonJS file that requires a Node built-in would throw at run time in an ES module
for (const f of files)
  if (readFileSync(f, 'utf8').includes('Dynamic require of'))
    throw new Error(`${f}: an inlined dependency requires a module at run time; keep it external`);
// V8 holds a script source with any non-ASCII character as UTF-16, decoded by a slower path: one
// arrow in a comment esbuild keeps costs every process ≈ 20 M instructions (≈ 4 % of
// createNodeValidator's cold set-up) on the 1 MB engine chunk. esbuild escapes strings, not
// comments; the files every run loads (the entries' static imports) must stay ASCII.
const loadedAtStart = new Set<string>();
const follow = (file: string): void => {
  if (loadedAtStart.has(file)) return;
  loadedAtStart.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(
    /^(?:import|export)\b[^;]*?"\.\/([^"]+\.js)"/gm,
  ))
    follow(join(outdir, m[1]!));
};
for (const entry of ['main.js', 'check-worker.js', 'index.js']) follow(join(outdir, entry));
for (const f of loadedAtStart) {
  const text = readFileSync(f, 'utf8');
  const at = text.search(/[^\0-\x7f]/);
  if (at >= 0) {
    const line = text.slice(0, at).split('\n').length;
    throw new Error(
      `${f}:${line}: a non-ASCII character in a file every run loads makes V8 hold the whole file as UTF-16; write it in ASCII (kept comments) or as an escape`,
    );
  }
}
console.log(
  `${outdir}: ${files.length} files in ${Math.round(performance.now() - started)} ms (from ${Object.keys(result.metafile.inputs).length} modules)`,
);
