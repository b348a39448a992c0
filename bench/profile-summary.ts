/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time
 * and the most inclusive (self + callees) time, as Markdown tables.
 * Usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [--top 25] [--filter src/]
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fmt, markdownTable } from './stats.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** Self and inclusive time per function (ms), keyed by `name (file:line)`. */
export function summariseProfile(
  profile: Profile,
): { name: string; selfMs: number; totalMs: number }[] {
  const total = profile.nodes.reduce((n, p) => n + (p.hitCount ?? 0), 0);
  const msPerHit = total === 0 ? 0 : (profile.endTime - profile.startTime) / 1000 / total;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const key = (n: ProfileNode): string => {
    const file = n.callFrame.url.replace(/^file:\/\/.*?\/(src|bench|node_modules)\//, '$1/');
    return `${n.callFrame.functionName || '(anonymous)'} (${file || 'native'}:${n.callFrame.lineNumber + 1})`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const subtree = (id: number, onStack: Set<string>): number => {
    const n = byId.get(id);
    if (!n) return 0;
    const k = key(n);
    self.set(k, (self.get(k) ?? 0) + (n.hitCount ?? 0));
    const fresh = !onStack.has(k);
    if (fresh) onStack.add(k);
    let hits = n.hitCount ?? 0;
    for (const c of n.children ?? []) hits += subtree(c, onStack);
    if (fresh) {
      onStack.delete(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + hits);
    }
    return hits;
  };
  const root = profile.nodes[0];
  if (root) subtree(root.id, new Set());
  return [...inclusive.keys()].map((name) => ({
    name,
    selfMs: (self.get(name) ?? 0) * msPerHit,
    totalMs: (inclusive.get(name) ?? 0) * msPerHit,
  }));
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, filter: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: profile-summary FILE.cpuprofile');
  const rows = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const top = Number(values.top);
  const filtered = values.filter
    ? rows.filter((r) => r.name.includes(values.filter as string))
    : rows;
  const all = rows.reduce((n, r) => n + r.selfMs, 0);
  const table = (sorted: typeof rows): string =>
    markdownTable(
      ['function', 'self ms', 'self %', 'total ms'],
      sorted
        .slice(0, top)
        .map((r) => [
          `\`${r.name.replace(/\|/g, '\\|')}\``,
          fmt(r.selfMs),
          fmt((r.selfMs / all) * 100, 1),
          fmt(r.totalMs),
        ]),
    );
  process.stdout.write(
    `### By self time\n\n${table([...filtered].sort((a, b) => b.selfMs - a.selfMs))}\n\n### By inclusive time\n\n${table([...filtered].sort((a, b) => b.totalMs - a.totalMs))}\n`,
  );
}

main();
