/**
 * Files in the folders given to `mdss validate` that are not read (not a payload format, or binary):
 * listed as results with one `input.file-skipped` (information), so every report names them and
 * JUnit/SARIF count them as notices, instead of skipping them without a word. The project's
 * metadata files (package.json, policies, …) and Markdown documentation (README.md) stay unlisted. Binary files are named, never echoed.
 * @module
 */
import {
  closeSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { IssueCollector } from '../issues/collector.js';
import type { FileResult } from '../reports/validation/index.js';

const readable = /\.(json|ndjson|jsonl|csv|xml)$/i;

/** The skipped files under the directory arguments among `args`, as results (sorted by path). */
export function skippedFiles(args: readonly string[], cwd: string): FileResult[] {
  const out = new Map<string, FileResult>();
  for (const arg of args) {
    if (/[*?]/.test(arg)) continue;
    const dir = resolve(cwd, arg);
    if (!isDirectory(dir)) continue;
    for (const file of walk(dir)) {
      const rel = relative(cwd, file).split(sep).join('/');
      if (!out.has(rel)) out.set(rel, skipped(rel, reasonFor(file)));
    }
  }
  return [...out.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Regular files not of a read format, skipping dot-entries and node_modules as the input walk does,
 * and, like it, each directory once (symlink loops), dangling links, devices and FIFOs (never opened).
 */
function walk(dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    let names: string[];
    try {
      const real = realpathSync(d);
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
      else if (st.isFile() && !readable.test(name) && !/\.md$/i.test(name)) out.push(p);
    }
  }
  return out;
}

function reasonFor(file: string): string {
  const ext = extname(file).toLowerCase();
  if (isBinary(file)) return `a binary file${ext ? ` (${ext})` : ''}`;
  return `${ext ? `${ext} files are` : 'a file without an extension is'} not read (MDSS reads .json, .ndjson, .jsonl, .csv and .xml)`;
}

/** A NUL byte, or bytes that are not UTF-8, in the first 4 KB. */
function isBinary(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
    if (head.includes(0)) return true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
      return false;
    } catch {
      return true;
    }
  } finally {
    closeSync(fd);
  }
}

function skipped(file: string, reason: string): FileResult {
  const collector = new IssueCollector();
  collector.add({ code: 'input.file-skipped', pointer: '', expression: '', params: { reason } });
  return {
    file,
    feed: 'skipped',
    result: {
      valid: true,
      issues: collector.issues(),
      truncated: false,
      profiles: [],
      recordCount: 0,
      records: [],
    },
  };
}
