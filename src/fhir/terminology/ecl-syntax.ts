/**
 * A conservative syntax check of SNOMED CT Expression Constraint Language (ECL 2.x) for ValueSet
 * filters (`property: constraint`): the compound structure only — constraint operators and member-of
 * (brief `<<`, `^` or long `descendantOrSelfOf`, `memberOf` syntax),
 * concept ids with optional `|term|`, wildcards, parentheses and the AND/OR/MINUS/comma
 * conjunctions. Anything this reader does not model (refinements after `:`, dotted attributes,
 * filters `{{ }}`, cardinalities, alternate identifiers) ends the check as "not shown invalid", so a
 * valid expression is never rejected; two focus concepts side by side (`234234 << 234234`) are.
 * @module
 */

const constraintOperator =
  /^(?:<<!|<<|<!|<|>>!|>>|>!|>|!!<|!!>|descendantorselfof|descendantof|childof|childorselfof|ancestororselfof|ancestorof|parentof|parentorselfof)/i;
const memberOf = /^(?:\^|memberof(?![A-Za-z0-9]))/i;
const conceptId = /^\d{6,18}/;
const term = /^\|[^|]*\|/;
const conjunction = /^(?:and|or|minus)(?![A-Za-z0-9])|^,/i;
const unmodelled = /^[:.{[@#"'=!]/;

/** True when `ecl` is shown not to be ECL; false when it parses or uses what this reader does not model. */
export function isInvalidEcl(ecl: string): boolean {
  let rest = ecl.trim();
  let unknown = false;
  const skipSpace = () => (rest = rest.replace(/^\s+/, ''));
  /** Parses one sub-expression; false on a syntax error. */
  const sub = (depth: number): boolean => {
    skipSpace();
    const op = constraintOperator.exec(rest);
    if (op) {
      rest = rest.slice(op[0].length);
      skipSpace();
    }
    const member = memberOf.exec(rest);
    if (member) {
      rest = rest.slice(member[0].length);
      skipSpace();
    }
    if (rest.startsWith('(')) {
      rest = rest.slice(1);
      if (!expression(depth + 1)) return false;
      skipSpace();
      if (unknown) return true;
      if (!rest.startsWith(')')) return false;
      rest = rest.slice(1);
      return true;
    }
    if (rest.startsWith('*')) {
      rest = rest.slice(1);
      return true;
    }
    const id = conceptId.exec(rest);
    if (!id) {
      if (unmodelled.test(rest)) unknown = true;
      return unknown;
    }
    rest = rest.slice(id[0].length);
    skipSpace();
    const t = term.exec(rest);
    if (t) rest = rest.slice(t[0].length);
    return true;
  };
  const expression = (depth: number): boolean => {
    if (depth > 32) {
      unknown = true;
      return true;
    }
    if (!sub(depth)) return false;
    for (;;) {
      if (unknown) return true;
      skipSpace();
      if (rest === '' || rest.startsWith(')')) return true;
      if (unmodelled.test(rest)) {
        unknown = true;
        return true;
      }
      const c = conjunction.exec(rest);
      if (!c) return false;
      rest = rest.slice(c[0].length);
      if (!sub(depth)) return false;
    }
  };
  const ok = expression(0);
  if (unknown) return false;
  skipSpace();
  return !ok || rest !== '';
}
