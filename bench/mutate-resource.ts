/**
 * Mutations of valid resources for the property tests and the fuzz script: pick a location in the
 * JSON tree and delete it, replace it (with another JSON value or a huge string), duplicate it into
 * an array, or give it a wrong JSON type.
 * @module
 */

/** A mutation operation. */
export type MutationOp =
  'delete' | 'replace' | 'duplicate' | 'wrong-type' | 'huge-string' | 'unwrap-array';

/** All operations, for generators. */
export const mutationOps: readonly MutationOp[] = [
  'delete',
  'replace',
  'duplicate',
  'wrong-type',
  'huge-string',
  'unwrap-array',
];

type Json = unknown;
type Container = Record<string, Json> | Json[];

/** Every (container, key) location in a JSON tree, root excluded, in document order. */
export function locations(root: Json): [Container, string | number][] {
  const out: [Container, string | number][] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push([node, i]);
        stack.push(v);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) {
        out.push([node as Record<string, Json>, k]);
        stack.push(v);
      }
    }
  }
  return out;
}

function wrongType(value: Json): Json {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return 'true';
  if (Array.isArray(value)) return { item: value[0] ?? null };
  if (value === null) return {};
  return [value, 'x'];
}

/**
 * Applies `op` at the `index`-th location (modulo the count) of a deep copy of `resource`.
 * `replacement` is used by `replace`.
 */
export function mutate(
  resource: Json,
  op: MutationOp,
  index: number,
  replacement: Json = null,
  hugeLength = 100_000,
): Json {
  const copy = structuredClone(resource);
  const locs = locations(copy);
  if (locs.length === 0) return copy;
  const [container, key] = locs[Math.abs(index) % locs.length] as [Container, string | number];
  const get = (): Json => (container as Record<string | number, Json>)[key];
  const set = (v: Json): void => {
    (container as Record<string | number, Json>)[key] = v;
  };
  switch (op) {
    case 'delete':
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key as string];
      break;
    case 'replace':
      set(replacement);
      break;
    case 'duplicate':
      set([get(), get()]);
      break;
    case 'wrong-type':
      set(wrongType(get()));
      break;
    case 'huge-string':
      set('x'.repeat(hugeLength));
      break;
    case 'unwrap-array': {
      const v = get();
      set(Array.isArray(v) ? (v[0] ?? null) : v);
      break;
    }
  }
  return copy;
}
