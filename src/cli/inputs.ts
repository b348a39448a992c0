/**
 * Expands `mdss validate` arguments (files, directories, globs) into a sorted list of files.
 * Directories are searched recursively for *.json, *.ndjson, *.jsonl, *.csv and *.xml (FHIR XML). Globs support
 * `*`, `?` and `**`.
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
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
  return !/^(package(-lock)?|partners|mdss\.config|tsconfig)\.json$|(^|\.)gaps\.json$|(^|\.)policy\.json$|^expected[-.]/i.test(name);
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
    else out.add(p);
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

/** Files under `dir` (recursively, skipping dot-folders and node_modules) whose name passes `keep`. */
function walkFiles(dir: string, keep: (name: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (keep(name)) out.push(p);
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
