/**
 * The trie of JSON pointers whose positions a scan of JSON text wants (json-scan.ts): the scanner
 * follows only the names and indexes on a wanted path and records each position on its node, so
 * no pointer strings are built while scanning. Per call: one trie per scan, dropped with it.
 * @module
 */
import type { Position } from '../issues/issue.js';

/** A node of the trie: one pointer token below its parent. */
export interface TrieNode {
  /** The position of this pointer is wanted (with `ancestors`, every node on the way is). */
  wanted: boolean;
  /** Children by unescaped token (property name, or array index as written by `String`); none: undefined. */
  next: Map<string, TrieNode> | undefined;
  readonly parent: TrieNode | undefined;
  /** Where the scan found this pointer (the first time, when a name repeats). */
  position?: Position;
}

/** A trie and the node of each pointer it was built from, in order. */
export interface PointerTrie {
  readonly root: TrieNode;
  readonly nodes: TrieNode[];
}

function node(parent: TrieNode | undefined, wanted: boolean): TrieNode {
  return { wanted, next: undefined, parent };
}

/**
 * The trie of `pointers`. A token that does not read back the same after unescaping and escaping
 * (`~2`, a bare `~`) names no property of any text: its node hangs off the trie, so it is never
 * reached and the pointer falls back to its nearest proper parent, as a lookup of the pointer
 * string among the scanned ones would.
 */
export function buildTrie(pointers: Iterable<string>, ancestors: boolean): PointerTrie {
  const root = node(undefined, ancestors);
  const nodes: TrieNode[] = [];
  for (const p of pointers) {
    let at = root;
    // tokens between slashes, without splitting the pointer into an array
    for (let start = 1; start <= p.length && p !== '';) {
      let end = p.indexOf('/', start);
      if (end < 0) end = p.length;
      const raw = p.slice(start, end);
      if (!raw.includes('~')) at = child(at, raw, ancestors);
      else {
        const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        at = escapePointer(token) === raw ? child(at, token, ancestors) : node(at, false);
      }
      start = end + 1;
    }
    at.wanted = true;
    nodes.push(at);
  }
  return { root, nodes };
}

function child(parent: TrieNode, token: string, ancestors: boolean): TrieNode {
  const next = (parent.next ??= new Map());
  let found = next.get(token);
  if (!found) next.set(token, (found = node(parent, ancestors)));
  return found;
}

/** Wanted nodes of the trie (those reachable from the root). */
export function countWanted(root: TrieNode): number {
  let n = 0;
  const stack = [root];
  for (let at = stack.pop(); at; at = stack.pop()) {
    if (at.wanted) n++;
    if (at.next) for (const c of at.next.values()) stack.push(c);
  }
  return n;
}

/** The position of `at`, or of its nearest enclosing node that has one. */
export function nearestPosition(at: TrieNode): Position | undefined {
  for (let n: TrieNode | undefined = at; n; n = n.parent) if (n.position) return n.position;
  return undefined;
}

/** The recorded positions of a trie by RFC 6901 pointer. */
export function trieToPositions(root: TrieNode): Map<string, Position> {
  const out = new Map<string, Position>();
  // iterative: a wanted pointer may be as deep as the text
  const stack: [TrieNode, string][] = [[root, '']];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [at, pointer] = top;
    if (at.position) out.set(pointer, at.position);
    if (at.next)
      for (const [token, c] of at.next) stack.push([c, `${pointer}/${escapePointer(token)}`]);
  }
  return out;
}

/** Escapes one RFC 6901 reference token. */
export function escapePointer(token: string): string {
  return token.includes('~') || token.includes('/')
    ? token.replace(/~/g, '~0').replace(/\//g, '~1')
    : token;
}
