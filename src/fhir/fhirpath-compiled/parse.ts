/**
 * A small tokenizer and Pratt parser for the FHIRPath subset the invariant compiler handles
 * (see compile.md). Anything outside the subset (external constants, indexers, quoted
 * identifiers, date/time/quantity literals, unknown symbols) is a {@link FhirPathSyntaxError}, and
 * the expression is left to fhirpath.js. The parser is linear in the input and its recursion is
 * bounded by {@link maxDepth}.
 * @module
 */

/** A node of the parsed expression. `src` undefined means the implicit input (`$this`). */
export type Ast =
  | { readonly k: 'this' }
  | {
      readonly k: 'lit';
      readonly t: 'string' | 'integer' | 'decimal' | 'boolean';
      readonly v: string | number | boolean;
    }
  | { readonly k: 'member'; readonly name: string; readonly src: Ast | undefined }
  | {
      readonly k: 'call';
      readonly name: string;
      readonly src: Ast | undefined;
      readonly args: readonly Ast[];
    }
  | { readonly k: 'bin'; readonly op: string; readonly l: Ast; readonly r: Ast }
  | { readonly k: 'isOp'; readonly src: Ast; readonly type: string };

/** Raised for anything the subset parser does not accept. */
export class FhirPathSyntaxError extends Error {}

interface Token {
  readonly t: 'id' | 'str' | 'num' | 'op' | 'this' | 'eof';
  readonly v: string;
  /** A backtick-delimited identifier (never a keyword). */
  readonly quoted?: boolean;
}

const maxDepth = 64;
const maxLength = 4000;
const symbols = [
  '<=',
  '>=',
  '!=',
  '!~',
  '.',
  '(',
  ')',
  ',',
  '=',
  '<',
  '>',
  '+',
  '-',
  '|',
  '~',
  '*',
  '/',
  '&',
  '[',
  ']',
  '{',
  '}',
];

/** Splits an expression into tokens; throws on anything unknown. */
export function tokenize(text: string): Token[] {
  if (text.length > maxLength) throw new FhirPathSyntaxError('expression too long');
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))
      throw new FhirPathSyntaxError('comments are not supported');
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      out.push({ t: 'id', v: text.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      out.push(quotedIdentifier(end < 0 ? '' : text.slice(i + 1, end)));
      i = end + 1;
      continue;
    }
    if (c === '$') {
      if (!text.startsWith('$this', i) || /[A-Za-z0-9_]/.test(text[i + 5] ?? ''))
        throw new FhirPathSyntaxError('unsupported variable');
      out.push({ t: 'this', v: '$this' });
      i += 5;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const j = numberEnd(text, i);
      out.push({ t: 'num', v: text.slice(i, j) });
      i = j;
      continue;
    }
    if (c === "'") {
      const [value, end] = readString(text, i + 1);
      out.push({ t: 'str', v: value });
      i = end;
      continue;
    }
    const sym = symbols.find((s) => text.startsWith(s, i));
    if (!sym) throw new FhirPathSyntaxError(`unexpected '${c}'`);
    out.push({ t: 'op', v: sym });
    i += sym.length;
  }
  out.push({ t: 'eof', v: '' });
  return out;
}

function numberEnd(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length && /[0-9]/.test(text[j]!)) j++;
  if (text[j] === '.' && /[0-9]/.test(text[j + 1] ?? '')) {
    j++;
    while (j < text.length && /[0-9]/.test(text[j]!)) j++;
  }
  if (/[A-Za-z_']/.test(text[j] ?? ''))
    throw new FhirPathSyntaxError('quantity or malformed number');
  return j;
}

function quotedIdentifier(name: string): Token {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new FhirPathSyntaxError('unsupported delimited identifier');
  return { t: 'id', v: name, quoted: true };
}

const escapes: Readonly<Record<string, string>> = {
  "'": "'",
  '"': '"',
  '`': '`',
  '\\': '\\',
  '/': '/',
  n: '\n',
  r: '\r',
  t: '\t',
  f: '\f',
};

function readString(text: string, start: number): [string, number] {
  let out = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") return [out, i + 1];
    if (c === '\\') {
      const e = escapes[text[i + 1] ?? ''];
      if (e === undefined) throw new FhirPathSyntaxError('unsupported escape');
      out += e;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw new FhirPathSyntaxError('unterminated string');
}

/** Binding power of infix operators (FHIRPath precedence, all left-associative). */
const infix: Readonly<Record<string, number>> = {
  implies: 1,
  or: 2,
  xor: 2,
  and: 3,
  in: 4,
  contains: 4,
  '=': 5,
  '!=': 5,
  '~': 5,
  '!~': 5,
  '<': 6,
  '>': 6,
  '<=': 6,
  '>=': 6,
  '|': 7,
  is: 8,
  as: 8,
  '+': 9,
  '-': 9,
  '&': 9,
  '*': 10,
  '/': 10,
  div: 10,
  mod: 10,
};
const keywordOps = new Set([
  'implies',
  'or',
  'xor',
  'and',
  'in',
  'contains',
  'is',
  'as',
  'div',
  'mod',
]);

/** Parses a FHIRPath expression of the subset; throws {@link FhirPathSyntaxError} otherwise. */
export function parse(text: string): Ast {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const expect = (v: string) => {
    const t = next();
    if (t.t !== 'op' || t.v !== v) throw new FhirPathSyntaxError(`expected '${v}'`);
  };
  const infixOf = (t: Token): string | undefined => {
    if (t.t === 'op' && infix[t.v] !== undefined) return t.v;
    if (t.t === 'id' && !t.quoted && keywordOps.has(t.v)) return t.v;
    return undefined;
  };

  const args = (depth: number): Ast[] => {
    expect('(');
    const out: Ast[] = [];
    if (peek().t === 'op' && peek().v === ')') {
      next();
      return out;
    }
    for (;;) {
      out.push(expr(0, depth + 1));
      const t = next();
      if (t.t === 'op' && t.v === ')') return out;
      if (t.t !== 'op' || t.v !== ',') throw new FhirPathSyntaxError("expected ',' or ')'");
    }
  };

  const invocation = (src: Ast | undefined, depth: number): Ast => {
    const t = next();
    if (t.t === 'this' && src === undefined) return { k: 'this' };
    if (t.t !== 'id') throw new FhirPathSyntaxError('expected an identifier');
    if (peek().t === 'op' && peek().v === '(')
      return { k: 'call', name: t.v, src, args: args(depth) };
    if (keywordOps.has(t.v) && !t.quoted) throw new FhirPathSyntaxError('expected an identifier');
    return { k: 'member', name: t.v, src };
  };

  const term = (depth: number): Ast => {
    const t = peek();
    if (t.t === 'str') {
      next();
      return { k: 'lit', t: 'string', v: t.v };
    }
    if (t.t === 'num') {
      next();
      return t.v.includes('.')
        ? { k: 'lit', t: 'decimal', v: Number(t.v) }
        : { k: 'lit', t: 'integer', v: Number(t.v) };
    }
    if (t.t === 'id' && !t.quoted && (t.v === 'true' || t.v === 'false')) {
      next();
      return { k: 'lit', t: 'boolean', v: t.v === 'true' };
    }
    if (t.t === 'op' && t.v === '(') {
      next();
      const inner = expr(0, depth + 1);
      expect(')');
      return inner;
    }
    if (t.t === 'op' && t.v === '-') {
      next();
      const n = next();
      if (n.t !== 'num') throw new FhirPathSyntaxError('unary minus only on numbers');
      return n.v.includes('.')
        ? { k: 'lit', t: 'decimal', v: -Number(n.v) }
        : { k: 'lit', t: 'integer', v: -Number(n.v) };
    }
    return invocation(undefined, depth);
  };

  const expr = (minPower: number, depth: number): Ast => {
    if (depth > maxDepth) throw new FhirPathSyntaxError('expression nested too deeply');
    let left = term(depth);
    for (;;) {
      const t = peek();
      if (t.t === 'op' && t.v === '.') {
        next();
        left = invocation(left, depth);
        continue;
      }
      if (t.t === 'op' && t.v === '[') throw new FhirPathSyntaxError('indexers are not supported');
      const op = infixOf(t);
      if (op === undefined) break;
      const power = infix[op]!;
      if (power <= minPower) break;
      next();
      if (op === 'is' || op === 'as') {
        const type = next();
        if (type.t !== 'id') throw new FhirPathSyntaxError('expected a type name');
        if (op === 'as') throw new FhirPathSyntaxError("'as' is not supported");
        left = { k: 'isOp', src: left, type: type.v };
        continue;
      }
      left = { k: 'bin', op, l: left, r: expr(power, depth + 1) };
    }
    return left;
  };

  const ast = expr(0, 0);
  if (peek().t !== 'eof') throw new FhirPathSyntaxError(`unexpected '${peek().v}'`);
  return ast;
}
