/**
 * The hand-written JSON scanner: it builds no values, and runs only when a parse fails (to say
 * where), when names repeat (to say where), or when issues need line/column (positions by JSON
 * pointer, following only the wanted pointers). Split from json-text.ts, which re-exports it.
 * @module
 */
import type { Position } from '../issues/issue.js';
import { escaped } from './json-shape.js';
import type { JsonSyntaxError } from './json-text.js';

/** Result of a scan: the first syntax error, and (when asked) positions by JSON pointer. */
export interface JsonScan {
  readonly error?: JsonSyntaxError;
  readonly positions?: Map<string, Position>;
  /** Pointers of objects that repeat a property name (JSON.parse silently keeps the last). */
  readonly duplicates?: { pointer: string; name: string; position: Position }[];
}

/**
 * Scans JSON text without building values. With `positions: true` it records, for every value, the
 * position of its property name (or of the value itself for array items and the root), keyed by
 * RFC 6901 pointer. Iterative, so deep nesting cannot overflow the stack.
 */
export function scanJson(
  text: string,
  options: {
    positions?: boolean;
    wanted?: Iterable<string>;
    /** With `wanted`: the positions of every enclosing value of a wanted pointer are wanted too. */
    ancestors?: boolean;
  } = {},
): JsonScan {
  return new Scanner(
    text,
    options.positions === true,
    options.wanted ? buildTrie(options.wanted, options.ancestors === true) : undefined,
  ).run();
}

/** A trie of the pointers whose positions are wanted, by unescaped token. */
interface TrieNode {
  wanted: boolean;
  readonly next: Map<string, TrieNode>;
}

/** The trie of `pointers` (with `ancestors`, every node on the way is wanted too); tokens are read in place. */
function buildTrie(pointers: Iterable<string>, ancestors: boolean): TrieNode {
  const root: TrieNode = { wanted: ancestors, next: new Map() };
  for (const p of pointers) {
    let node = root;
    // tokens between slashes, without splitting the pointer into an array
    for (let start = 1; start <= p.length && p !== '';) {
      let end = p.indexOf('/', start);
      if (end < 0) end = p.length;
      const raw = p.slice(start, end);
      const token = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
      let child = node.next.get(token);
      if (!child) node.next.set(token, (child = { wanted: ancestors, next: new Map() }));
      node = child;
      start = end + 1;
    }
    node.wanted = true;
  }
  return root;
}

function countWanted(node: TrieNode): number {
  let n = node.wanted ? 1 : 0;
  for (const child of node.next.values()) n += countWanted(child);
  return n;
}

const enum Ctx {
  Object,
  Array,
}

interface Frame {
  readonly kind: Ctx;
  readonly pointer: string;
  /** With a wanted-pointer trie: the trie node of this container (undefined: nothing wanted below). */
  readonly trie?: TrieNode | undefined;
  index: number;
  keys?: Set<string>;
}

class Scanner {
  #i = 0;
  #line = 1;
  #lineStart = 0;
  readonly #positions: Map<string, Position> | undefined;
  readonly #duplicates: { pointer: string; name: string; position: Position }[] = [];
  /** With a trie: wanted pointers not yet recorded. */
  #remaining: number;

  constructor(
    private readonly text: string,
    wantPositions: boolean,
    private readonly trie?: TrieNode,
  ) {
    this.#positions = wantPositions ? new Map() : undefined;
    this.#remaining = trie ? countWanted(trie) : 0;
  }

  run(): JsonScan {
    try {
      this.#document();
      return {
        ...(this.#positions ? { positions: this.#positions } : {}),
        ...(this.#duplicates.length ? { duplicates: this.#duplicates } : {}),
      };
    } catch (e) {
      if (e instanceof ScanError) return { error: e.error };
      throw e;
    }
  }

  #pos(offset = this.#i): Position {
    return { line: this.#line, column: offset - this.#lineStart + 1 };
  }

  #fail(detail: string): never {
    const p = this.#pos();
    throw new ScanError({ detail, offset: this.#i, line: p.line, column: p.column });
  }

  #ws(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.#i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) this.#i++;
      else if (c === 0x0a) {
        this.#i++;
        this.#line++;
        this.#lineStart = this.#i;
      } else return;
    }
  }

  #document(): void {
    const stack: Frame[] = [];
    this.#ws();
    if (!this.trie || this.trie.wanted) this.#record('', this.#pos());
    this.#value(stack, '', this.trie);
    // with a wanted-pointer trie the scan ends once every wanted position is known (the text is
    // already known to parse): issues early in a large Bundle cost only the text up to them
    while (stack.length) {
      if (this.trie !== undefined && this.#remaining === 0) return;
      this.#step(stack);
    }
    this.#ws();
    if (this.#i < this.text.length)
      this.#fail(`Unexpected content after the end of the JSON value: '${this.text[this.#i]}'`);
  }

  #record(pointer: string, p: Position): void {
    if (this.#positions && !this.#positions.has(pointer)) {
      this.#positions.set(pointer, p);
      if (this.trie !== undefined) this.#remaining--;
    }
  }

  /** Reads one value; containers push a frame and are finished by #step. */
  #value(stack: Frame[], pointer: string, trie?: TrieNode): void {
    this.#ws();
    const c = this.text[this.#i];
    if (c === '{') {
      this.#i++;
      stack.push({ kind: Ctx.Object, pointer, trie, index: 0, keys: new Set() });
    } else if (c === '[') {
      this.#i++;
      stack.push({ kind: Ctx.Array, pointer, trie, index: 0 });
    } else if (c === '"') this.#string();
    else if (c === 't') this.#literal('true');
    else if (c === 'f') this.#literal('false');
    else if (c === 'n') this.#literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.#number();
    else if (c === undefined) this.#fail('Unexpected end of input: a value was expected');
    else this.#fail(this.#notJson() ?? `Unexpected character '${c}': a value was expected`);
  }

  /**
   * Names the JSON5/JavaScript habit at the current character, if any (comments, single quotes,
   * unquoted names): FHIR JSON is strict JSON, and "unexpected character" alone does not say why.
   */
  #notJson(): string | undefined {
    const c = this.text[this.#i];
    if (c === '/' && (this.text[this.#i + 1] === '/' || this.text[this.#i + 1] === '*'))
      return 'Comments are not allowed in JSON';
    if (c === "'") return 'Strings and property names must be in double quotes, not single quotes';
    if (c !== undefined && /[A-Za-z_$]/.test(c))
      return `Property names must be in double quotes (found the unquoted name '${/^[A-Za-z0-9_$]*/.exec(this.text.slice(this.#i, this.#i + 64))![0]}')`;
    return undefined;
  }

  #step(stack: Frame[]): void {
    const frame = stack[stack.length - 1]!;
    this.#ws();
    const c = this.text[this.#i];
    const close = frame.kind === Ctx.Object ? '}' : ']';
    if (c === close) {
      this.#i++;
      stack.pop();
      return;
    }
    if (frame.index > 0) {
      if (c !== ',') {
        if (c === undefined) this.#fail(`Unexpected end of input: expected ',' or '${close}'`);
        if (c === '/' && this.#notJson()) this.#fail(this.#notJson()!);
        const other =
          c === '}' || c === ']'
            ? `Unexpected close marker '${c}'. `
            : `Unexpected character '${c}'. `;
        this.#fail(`${other}Expected ',' or '${close}'`);
      }
      this.#i++;
      this.#ws();
      if (this.text[this.#i] === close)
        this.#fail(`A trailing comma before '${close}' is not allowed in JSON`);
    }
    const trieMode = this.trie !== undefined;
    if (frame.kind === Ctx.Object) {
      if (this.text[this.#i] !== '"')
        this.#fail(
          this.#notJson() ??
            `Expected a property name in double quotes, found '${this.text[this.#i] ?? 'end of input'}'`,
        );
      const keyPos = this.#pos();
      const name = this.#string();
      const child = trieMode ? frame.trie?.next.get(name) : undefined;
      // without a trie every pointer is built; with one, only those on a wanted path
      const pointer = !trieMode || child ? `${frame.pointer}/${escapePointer(name)}` : '';
      if (frame.keys!.has(name))
        this.#duplicates.push({ pointer: frame.pointer, name, position: keyPos });
      frame.keys!.add(name);
      if (!trieMode || child?.wanted) this.#record(pointer, keyPos);
      this.#ws();
      if (this.text[this.#i] !== ':') this.#fail(`Expected ':' after property name '${name}'`);
      this.#i++;
      frame.index++;
      this.#valueOrSkip(stack, pointer, trieMode, child);
    } else {
      const token = String(frame.index);
      const child = trieMode ? frame.trie?.next.get(token) : undefined;
      const pointer = !trieMode || child ? `${frame.pointer}/${token}` : '';
      this.#ws();
      if (!trieMode || child?.wanted) this.#record(pointer, this.#pos());
      frame.index++;
      this.#valueOrSkip(stack, pointer, trieMode, child);
    }
  }

  /** Reads the next value, or (trie mode) skips it when no position is wanted below it. */
  #valueOrSkip(stack: Frame[], pointer: string, trieMode: boolean, child?: TrieNode): void {
    if (trieMode && (!child || child.next.size === 0)) this.#skip();
    else this.#value(stack, pointer, child);
  }

  /**
   * Passes over one value below which no position is wanted (trie mode: the text is known to
   * parse; the value's own position is recorded before), counting lines only: no frames, names or
   * pointers. Strings hold no raw line breaks.
   */
  #skip(): void {
    this.#ws();
    const t = this.text;
    let i = this.#i;
    let depth = 0;
    let done = false;
    for (;;) {
      // string contents are jumped over by indexOf; only the structure between strings is read
      const q = t.indexOf('"', i);
      const end = q < 0 ? t.length : q;
      for (; i < end; i++) {
        const d = t.charCodeAt(i);
        // the end of a number or literal
        if (depth === 0 && (d <= 0x20 || d === 0x2c || d === 0x7d || d === 0x5d)) {
          done = true;
          break;
        }
        if (d === 0x7b || d === 0x5b) depth++;
        else if ((d === 0x7d || d === 0x5d) && --depth === 0) {
          i++;
          done = true;
          break;
        } else if (d === 0x0a) {
          this.#line++;
          this.#lineStart = i + 1;
        }
      }
      if (done || q < 0) break;
      i = afterString(t, q);
      if (depth === 0) break;
    }
    this.#i = i;
  }

  #literal(word: string): void {
    if (this.text.startsWith(word, this.#i)) this.#i += word.length;
    else this.#fail(`Unexpected token: '${word}' expected`);
  }

  #number(): void {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.#i;
    if (!m.exec(this.text)) this.#fail('Invalid number');
    this.#i = m.lastIndex;
  }

  #string(): string {
    const t = this.text;
    const start = ++this.#i;
    let simple = true;
    for (;;) {
      const c = t.charCodeAt(this.#i);
      if (Number.isNaN(c)) this.#fail('Unterminated string');
      if (c === 0x22) break;
      if (c < 0x20) this.#fail('Control character in string (it must be escaped)');
      if (c === 0x5c) {
        simple = false;
        const e = t[this.#i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.#i + 2, this.#i + 6)))
            this.#fail('Invalid \\u escape in string');
          this.#i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e))
          this.#fail(`Invalid escape '\\${e ?? ''}' in string`);
        this.#i += 2;
        continue;
      }
      this.#i++;
    }
    const raw = t.slice(start, this.#i);
    this.#i++;
    return simple ? raw : (JSON.parse(`"${raw}"`) as string);
  }
}

/** The offset just after the string whose opening quote is at `i` (the text's end when unterminated). */
function afterString(t: string, i: number): number {
  let j = t.indexOf('"', i + 1);
  while (j > 0 && escaped(t, j)) j = t.indexOf('"', j + 1);
  return j < 0 ? t.length : j + 1;
}

class ScanError extends Error {
  constructor(readonly error: JsonSyntaxError) {
    super(error.detail);
  }
}

/** Escapes one RFC 6901 reference token. */
export function escapePointer(token: string): string {
  return token.includes('~') || token.includes('/')
    ? token.replace(/~/g, '~0').replace(/\//g, '~1')
    : token;
}
