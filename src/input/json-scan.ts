/**
 * The hand-written JSON scanner: it builds no values, and runs only when a parse fails (to say
 * where), when names repeat (to say where), or when issues need line/column (positions by JSON
 * pointer, following only the wanted pointers). Split from json-text.ts, which re-exports it.
 * @module
 */
import type { Position } from '../issues/issue.js';
import {
  buildTrie,
  countWanted,
  escapePointer,
  trieToPositions,
  type TrieNode,
} from './json-pointer-trie.js';
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
 * RFC 6901 pointer; with `wanted` too, only those of the wanted pointers (see {@link scanWanted}).
 * Iterative, so deep nesting cannot overflow the stack.
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
  if (!options.wanted) return new Scanner(text, options.positions === true).run();
  const { root } = buildTrie(options.wanted, options.ancestors === true);
  const scan = scanWanted(text, root);
  return scan.error || options.positions !== true ? scan : { positions: trieToPositions(root) };
}

/**
 * Scans JSON text known to parse for the positions of the nodes of a pointer trie (built with
 * `buildTrie`), recording each on its node; repeated names are not looked for. The scan ends once
 * every wanted node has its position.
 */
export function scanWanted(text: string, root: TrieNode): JsonScan {
  return new Scanner(text, false, root).run();
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
  keys?: Set<string> | undefined;
}

class Scanner {
  #i = 0;
  #line = 1;
  #lineStart = 0;
  readonly #positions: Map<string, Position> | undefined;
  readonly #duplicates: { pointer: string; name: string; position: Position }[] = [];
  /** With a trie: wanted pointers not yet recorded. */
  #remaining: number;
  /** Trie mode: the {@link container} regex (made on first use), or false once it failed. */
  #container: RegExp | false | undefined;

  /** `wantPositions`: by pointer, in a full scan; with a `trie` they go on its nodes. */
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
    if (!this.trie) this.#record('', this.#pos());
    else if (this.trie.wanted) this.#mark(this.trie, this.#pos());
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
    if (this.#positions && !this.#positions.has(pointer)) this.#positions.set(pointer, p);
  }

  /** Trie mode: the position of a wanted node (the first one, when a name repeats). */
  #mark(node: TrieNode, p: Position): void {
    if (node.position === undefined) {
      node.position = p;
      this.#remaining--;
    }
  }

  /** Reads one value; containers push a frame and are finished by #step. */
  #value(stack: Frame[], pointer: string, trie?: TrieNode): void {
    this.#ws();
    const c = this.text[this.#i];
    if (c === '{') {
      this.#i++;
      // repeated names are looked for in a full scan only
      const keys = this.trie === undefined ? new Set<string>() : undefined;
      stack.push({ kind: Ctx.Object, pointer, trie, index: 0, keys });
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
    if (frame.kind === Ctx.Object) this.#member(stack, frame);
    else this.#item(stack, frame);
  }

  /** Reads one property of an object: its name, then its value. */
  #member(stack: Frame[], frame: Frame): void {
    if (this.text[this.#i] !== '"')
      this.#fail(
        this.#notJson() ??
          `Expected a property name in double quotes, found '${this.text[this.#i] ?? 'end of input'}'`,
      );
    const keyPos = this.#pos();
    const name = this.#string();
    let child: TrieNode | undefined;
    // without a trie every pointer is built; with one, positions go on its nodes
    let pointer = '';
    if (this.trie !== undefined) {
      child = frame.trie?.next?.get(name);
      if (child?.wanted) this.#mark(child, keyPos);
    } else {
      pointer = `${frame.pointer}/${escapePointer(name)}`;
      if (frame.keys!.has(name))
        this.#duplicates.push({ pointer: frame.pointer, name, position: keyPos });
      frame.keys!.add(name);
      this.#record(pointer, keyPos);
    }
    this.#ws();
    if (this.text[this.#i] !== ':') this.#fail(`Expected ':' after property name '${name}'`);
    this.#i++;
    frame.index++;
    this.#valueOrSkip(stack, pointer, child);
  }

  /** Reads one item of an array. */
  #item(stack: Frame[], frame: Frame): void {
    const token = String(frame.index);
    this.#ws();
    let child: TrieNode | undefined;
    let pointer = '';
    if (this.trie !== undefined) {
      child = frame.trie?.next?.get(token);
      if (child?.wanted) this.#mark(child, this.#pos());
    } else {
      pointer = `${frame.pointer}/${token}`;
      this.#record(pointer, this.#pos());
    }
    frame.index++;
    this.#valueOrSkip(stack, pointer, child);
  }

  /** Reads the next value, or (trie mode) skips it when no position is wanted below it. */
  #valueOrSkip(stack: Frame[], pointer: string, child: TrieNode | undefined): void {
    if (this.trie !== undefined && child?.next === undefined) this.#skip();
    else this.#value(stack, pointer, child);
  }

  /**
   * Passes over one value below which no position is wanted (trie mode: the text is known to
   * parse; the value's own position is recorded before), counting lines only: no frames, names or
   * pointers. An object or array on one line is passed by one regex match ({@link #jump});
   * otherwise the structure between strings is read a character at a time (in compact JSON it is a
   * character or two) and each string is jumped over by one `indexOf`. Strings hold no raw line breaks.
   */
  #skip(): void {
    this.#ws();
    if (this.#jump()) return;
    const t = this.text;
    const n = t.length;
    let i = this.#i;
    let depth = 0;
    for (;;) {
      const d = t.charCodeAt(i);
      if (d === 0x22) {
        let j = t.indexOf('"', i + 1);
        while (j > 0 && t.charCodeAt(j - 1) === 0x5c && escaped(t, j)) j = t.indexOf('"', j + 1);
        i = j < 0 ? n : j + 1;
        if (depth === 0 || j < 0) break;
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        // a close at depth 0 ends a number or literal (it belongs to the parent)
        if (depth === 0) break;
        if (--depth === 0) {
          i++;
          break;
        }
      } else if (d === 0x0a) {
        if (depth === 0) break;
        this.#line++;
        this.#lineStart = i + 1;
      } else if (depth === 0 && (d <= 0x20 || d === 0x2c)) break;
      else if (i >= n) break;
      i++;
    }
    this.#i = i;
  }

  /**
   * Passes over an object or array that holds no line break and nests at most {@link JUMP_DEPTH}
   * deep by one match of the {@link container} regex (native code: on one-line FHIR JSON it costs
   * about half the character loop of {@link #skip}, whose `indexOf` per string dominates). False
   * (nothing passed) for any other value, or once a match failed in this scan (or overflowed the
   * regex's stack): pretty-printed text then costs one failed match, not one per value.
   */
  #jump(): boolean {
    const first = this.text.charCodeAt(this.#i);
    let re = this.#container;
    if ((first !== 0x7b && first !== 0x5b) || re === false) return false;
    if (re === undefined) re = this.#container = new RegExp(containerSource, 'y');
    re.lastIndex = this.#i;
    let matched: boolean;
    try {
      matched = re.test(this.text);
    } catch {
      // a value of some megabytes overflows the regex's backtrack stack (RangeError)
      matched = false;
    }
    if (!matched) {
      this.#container = false;
      return false;
    }
    this.#i = re.lastIndex;
    return true;
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

/** Nesting depth of the containers that {@link container} matches. */
const JUMP_DEPTH = 12;

/**
 * The source of a regex that matches one JSON object or array, nested at most `depth` deep, that
 * holds no line break outside its strings (in valid JSON none inside them either): its strings are
 * passed whole, any other character but a quote, bracket or line break one at a time (a single
 * character per repetition, so no two ways to match the same text), and a bracket opens a nested
 * container. The text is known to parse, so each close bracket closes the last open one, whichever
 * kind: the match ends at the container's own close. One match in native code passes what the
 * character loop of `#skip` would, the text's line count unchanged (no line breaks in it).
 */
function container(depth: number): string {
  const string = String.raw`"[^"\\]*(?:\\.[^"\\]*)*"`;
  const other = String.raw`[^"{}\[\]\n]`;
  let inner = `(?:${string}|${other})*`;
  for (let d = 1; d < depth; d++) inner = String.raw`(?:${string}|${other}|[{\[]${inner}[}\]])*`;
  return String.raw`[{\[]${inner}[}\]]`;
}

/**
 * The {@link container} source, made once per process (it was rebuilt by each scan): a scan makes
 * its own sticky regex from it (its `lastIndex` is per scan), which V8 finds compiled in its cache
 * by this same string. Exported for its test.
 */
export const containerSource = container(JUMP_DEPTH);

class ScanError extends Error {
  constructor(readonly error: JsonSyntaxError) {
    super(error.detail);
  }
}

export { escapePointer } from './json-pointer-trie.js';
