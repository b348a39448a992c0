/**
 * Expands `mdss validate` arguments (files, directories, globs) into a sorted list of files.
 * Directories are searched recursively for *.json, *.ndjson, *.jsonl, *.csv and *.xml (FHIR XML). Globs support
 * `*`, `?` and `**`. Only regular files are read: a named FIFO, device (a `.json` symlink to
 * `/dev/zero`) or socket is refused when named and skipped in a walk; a directory reached twice
 * (a symlink loop) is walked once, and an entry that cannot be read (a dangling link) is skipped.
 * @module
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';

const inputExtensions = /\.(json|ndjson|jsonl|csv|xml)$/i;

/**
 * True for a file a directory walk should validate: data files (*.json, *.ndjson, *.jsonl, *.csv, *.xml),
 * not the project's own metadata beside them (package.json, the partner registry, policy and
 * config files, example gap manifests).
 */
export function isPayloadFileName(name: string): boolean {
  if (!inputExtensions.test(name)) return false;
  return !/^(package(-lock)?|partners|mdss\.config|tsconfig)\.json$|(^|\.)gaps\.json$|(^|\.)policy\.json$|^expected[-.]/i.test(
    name,
  );
}

/** Returns the files named by the arguments, sorted and without duplicates. */
export function expandInputs(args: readonly string[], cwd: string): string[] {
  const out = new Set<string>();
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      const matches = expandGlob(arg, cwd);
      if (matches.length === 0) throw new ConfigError('cli.no-match', `no file matches ${arg}`);
      for (const m of matches) out.add(m);
      continue;
    }
    const p = resolve(cwd, arg);
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new ConfigError('cli.input-not-found', `${arg}: no such file or directory`);
    }
    if (st.isDirectory()) for (const f of walkFiles(p, isPayloadFileName)) out.add(f);
    else if (st.isFile()) out.add(p);
    else throw new ConfigError('cli.not-a-file', `${arg}: not a regular file (${kindOf(st)})`);
  }
  return [...out].sort();
}

function expandGlob(pattern: string, cwd: string): string[] {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  while (parts.length && !/[*?]/.test(parts[0]!)) fixed.push(parts.shift()!);
  const base = resolve(cwd, fixed.join('/') || '.');
  const re = globToRegExp(parts.join('/'));
  let files: string[];
  try {
    files = walkFiles(base);
  } catch {
    return [];
  }
  return files.filter((f) => re.test(relative(base, f).split(sep).join('/')));
}

function kindOf(st: Stats): string {
  return st.isFIFO()
    ? 'a FIFO'
    : st.isCharacterDevice() || st.isBlockDevice()
      ? 'a device'
      : st.isSocket()
        ? 'a socket'
        : 'not a file';
}

/**
 * Regular files under `dir` (recursively, skipping dot-folders and node_modules) whose name passes
 * `keep`. Each directory is walked once by its real path, so symlink loops end.
 */
function walkFiles(dir: string, keep: (name: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    let real: string;
    let names: string[];
    try {
      real = realpathSync(d);
      if (seen.has(real)) continue;
      seen.add(real);
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(d, name);
      let st: Stats;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) stack.push(p);
      else if (st.isFile() && keep(name)) out.push(p);
    }
  }
  return out;
}

/** `*` and `?` stay within one path segment; `**` crosses segments. */
export function globToRegExp(glob: string): RegExp {
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        if (glob[i + 2] === '/') {
          src += '(?:.*/)?';
          i += 2;
        } else {
          src += '.*';
          i++;
        }
      } else src += '[^/]*';
    } else if (c === '?') src += '[^/]';
    else src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}
