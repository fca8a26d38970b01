/**
 * Parses an expression into a tree and prints it back with parentheses only
 * where MySQL's operator precedence needs them, so MySQL 8's fully
 * parenthesized `((a >= 0) and (b < 10))` and MariaDB's `a >= 0 and b < 10`
 * print alike. AND / OR / XOR / + / * chains are flattened (MySQL prints
 * them n-ary). Syntax it does not know makes it give up (undefined).
 * https://dev.mysql.com/doc/refman/8.0/en/operator-precedence.html
 */
import { renderToken, type Token } from './sql-tokens.js';

type Node =
  | { readonly t: 'atom'; readonly token: Token }
  | { readonly t: 'call'; readonly name: string; readonly args: readonly Node[] }
  | { readonly t: 'unary'; readonly op: string; readonly arg: Node }
  | { readonly t: 'binary'; readonly op: string; readonly args: readonly Node[] }
  | { readonly t: 'is'; readonly arg: Node; readonly not: boolean; readonly what: string }
  | { readonly t: 'in'; readonly arg: Node; readonly not: boolean; readonly list: readonly Node[] }
  | { readonly t: 'between'; readonly arg: Node; readonly not: boolean; readonly lo: Node; readonly hi: Node }
  | { readonly t: 'like'; readonly arg: Node; readonly not: boolean; readonly op: string; readonly pattern: Node; readonly escape?: Node }
  | { readonly t: 'row'; readonly items: readonly Node[] }
  | { readonly t: 'case'; readonly operand?: Node; readonly whens: readonly (readonly [Node, Node])[]; readonly otherwise?: Node };

class GiveUp extends Error {}

const PREC = { or: 1, xor: 2, and: 3, not: 4, between: 5, compare: 6, bitor: 7, bitand: 8, shift: 9, add: 10, mul: 11, bitxor: 12, unary: 13, bang: 14, atom: 100 } as const;

const COMPARE = new Set(['=', '<=>', '>=', '>', '<=', '<', '<>']);

/** Precedence of each canonical binary operator. */
const BINARY_PREC: Readonly<Record<string, number>> = {
  or: PREC.or,
  xor: PREC.xor,
  and: PREC.and,
  ...Object.fromEntries([...COMPARE].map((op) => [op, PREC.compare])),
  '|': PREC.bitor,
  '&': PREC.bitand,
  '<<': PREC.shift,
  '>>': PREC.shift,
  '+': PREC.add,
  '-': PREC.add,
  '*': PREC.mul,
  '/': PREC.mul,
  div: PREC.mul,
  mod: PREC.mul,
  '^': PREC.bitxor,
};
const ASSOCIATIVE = new Set(['or', 'xor', 'and', '+', '*', '|', '&']);

/** Canonical spelling and precedence of an infix operator token, if it is one. */
function infix(t: Token | undefined): { op: string; prec: number } | undefined {
  if (!t) return undefined;
  const x = t.text;
  if (t.kind === 'word') {
    if (x === 'or') return { op: 'or', prec: PREC.or };
    if (x === 'xor') return { op: 'xor', prec: PREC.xor };
    if (x === 'and') return { op: 'and', prec: PREC.and };
    if (x === 'div' || x === 'mod') return { op: x, prec: PREC.mul };
    return undefined;
  }
  if (t.kind !== 'op') return undefined;
  if (x === '||') return { op: 'or', prec: PREC.or };
  if (x === '&&') return { op: 'and', prec: PREC.and };
  if (COMPARE.has(x)) return { op: x, prec: PREC.compare };
  if (x === '|') return { op: x, prec: PREC.bitor };
  if (x === '&') return { op: x, prec: PREC.bitand };
  if (x === '<<' || x === '>>') return { op: x, prec: PREC.shift };
  if (x === '+' || x === '-') return { op: x, prec: PREC.add };
  if (x === '*' || x === '/' || x === '%') return { op: x === '%' ? 'mod' : x, prec: PREC.mul };
  if (x === '^') return { op: x, prec: PREC.bitxor };
  return undefined;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new GiveUp();
    return t;
  }

  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'word' && t.text === word;
  }

  private expect(kind: Token['kind'], text?: string): void {
    const t = this.next();
    if (t.kind !== kind || (text !== undefined && t.text !== text)) throw new GiveUp();
  }

  parseAll(): Node {
    const node = this.expr(0);
    if (this.i !== this.tokens.length) throw new GiveUp();
    return node;
  }

  private list(): Node[] {
    this.expect('open');
    const items: Node[] = [];
    if (this.peek()?.kind === 'close') {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.expr(0));
      const t = this.next();
      if (t.kind === 'close') return items;
      if (t.kind !== 'comma') throw new GiveUp();
    }
  }

  private prefix(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'number':
      case 'string':
      case 'ident':
        return { t: 'atom', token: t };
      case 'open': {
        this.i--;
        const items = this.list();
        if (items.length === 0) throw new GiveUp();
        return items.length === 1 ? (items[0] as Node) : { t: 'row', items };
      }
      case 'op':
        if (t.text === '-' || t.text === '+' || t.text === '~') return { t: 'unary', op: t.text, arg: this.expr(PREC.unary) };
        if (t.text === '!') return { t: 'unary', op: '!', arg: this.expr(PREC.bang) };
        throw new GiveUp();
      case 'word':
        if (t.text === 'not') return { t: 'unary', op: 'not', arg: this.expr(PREC.not + 1) };
        if (t.text === 'case') return this.caseExpr();
        if (['exists', 'interval', 'select', 'binary', 'distinct'].includes(t.text)) throw new GiveUp();
        if (this.peek()?.kind === 'open') return { t: 'call', name: t.text, args: this.list() };
        return { t: 'atom', token: t };
      default:
        throw new GiveUp();
    }
  }

  private caseExpr(): Node {
    const operand = this.isWord('when') ? undefined : this.expr(0);
    const whens: [Node, Node][] = [];
    while (this.isWord('when')) {
      this.next();
      const when = this.expr(0);
      this.expect('word', 'then');
      whens.push([when, this.expr(0)]);
    }
    let otherwise: Node | undefined;
    if (this.isWord('else')) {
      this.next();
      otherwise = this.expr(0);
    }
    this.expect('word', 'end');
    if (whens.length === 0) throw new GiveUp();
    return { t: 'case', ...(operand ? { operand } : {}), whens, ...(otherwise ? { otherwise } : {}) };
  }

  /** A postfix predicate (`is`, `[not] in / between / like`) binding at comparison level, if next. */
  private predicate(left: Node, minPrec: number): Node | undefined {
    const negated = this.isWord('not') && ['in', 'between', 'like', 'regexp', 'rlike'].some((w) => this.isWord(w, 1));
    const word = this.peek(negated ? 1 : 0);
    if (word?.kind !== 'word') return undefined;
    const prec = word.text === 'between' ? PREC.between : PREC.compare;
    if (!['is', 'in', 'between', 'like', 'regexp', 'rlike'].includes(word.text) || prec < minPrec) return undefined;
    if (negated) this.next();
    this.next();
    switch (word.text) {
      case 'is': {
        const not = this.isWord('not');
        if (not) this.next();
        const what = this.next();
        if (what.kind !== 'word' || !['null', 'true', 'false', 'unknown'].includes(what.text)) throw new GiveUp();
        return { t: 'is', arg: left, not, what: what.text };
      }
      case 'in':
        return { t: 'in', arg: left, not: negated, list: this.list() };
      case 'between': {
        const lo = this.expr(PREC.compare);
        this.expect('word', 'and');
        return { t: 'between', arg: left, not: negated, lo, hi: this.expr(PREC.compare) };
      }
      default: {
        const pattern = this.expr(PREC.compare + 1);
        if (!this.isWord('escape')) return { t: 'like', arg: left, not: negated, op: word.text === 'rlike' ? 'regexp' : word.text, pattern };
        this.next();
        return { t: 'like', arg: left, not: negated, op: word.text === 'rlike' ? 'regexp' : word.text, pattern, escape: this.expr(PREC.compare + 1) };
      }
    }
  }

  expr(minPrec: number): Node {
    let left = this.prefix();
    for (;;) {
      const pred = this.predicate(left, minPrec);
      if (pred) {
        left = pred;
        continue;
      }
      const op = infix(this.peek());
      if (!op || op.prec < minPrec) return left;
      this.next();
      // Comparisons do not chain without parentheses' meaning changing: parse them left-associative too.
      const right = this.expr(op.prec + 1);
      left =
        ASSOCIATIVE.has(op.op) && left.t === 'binary' && left.op === op.op
          ? { t: 'binary', op: op.op, args: [...left.args, right] }
          : { t: 'binary', op: op.op, args: [left, right] };
    }
  }
}

/** Flattens associative chains however they were nested: `a and (b and c)` is `a and b and c`. */
function flatten(node: Node): Node {
  switch (node.t) {
    case 'binary': {
      const args = node.args.map(flatten).flatMap((a) => (ASSOCIATIVE.has(node.op) && a.t === 'binary' && a.op === node.op ? a.args : [a]));
      return { ...node, args };
    }
    case 'unary':
      return { ...node, arg: flatten(node.arg) };
    case 'call':
      return { ...node, args: node.args.map(flatten) };
    case 'is':
      return { ...node, arg: flatten(node.arg) };
    case 'in':
      return { ...node, arg: flatten(node.arg), list: node.list.map(flatten) };
    case 'between':
      return { ...node, arg: flatten(node.arg), lo: flatten(node.lo), hi: flatten(node.hi) };
    case 'like':
      return { ...node, arg: flatten(node.arg), pattern: flatten(node.pattern), ...(node.escape ? { escape: flatten(node.escape) } : {}) };
    case 'row':
      return { ...node, items: node.items.map(flatten) };
    case 'case':
      return {
        ...node,
        ...(node.operand ? { operand: flatten(node.operand) } : {}),
        whens: node.whens.map(([w, r]) => [flatten(w), flatten(r)] as const),
        ...(node.otherwise ? { otherwise: flatten(node.otherwise) } : {}),
      };
    default:
      return node;
  }
}

function precOf(node: Node): number {
  switch (node.t) {
    case 'binary':
      return BINARY_PREC[node.op] ?? PREC.atom;
    case 'unary':
      return node.op === 'not' ? PREC.not : node.op === '!' ? PREC.bang : PREC.unary;
    case 'is':
    case 'in':
    case 'like':
      return PREC.compare;
    case 'between':
      return PREC.between;
    default:
      return PREC.atom;
  }
}

/** Prints `child` inside a parent of precedence `parent`; `strict` asks for parentheses at equal precedence too. */
function operand(child: Node, parent: number, strict: boolean): string {
  const text = print(child);
  const p = precOf(child);
  return p < parent || (strict && p === parent) ? `(${text})` : text;
}

function print(node: Node): string {
  switch (node.t) {
    case 'atom':
      return renderToken(node.token);
    case 'call':
      return `${node.name}(${node.args.map(print).join(', ')})`;
    case 'row':
      return `(${node.items.map(print).join(', ')})`;
    case 'unary': {
      const p = precOf(node);
      if (node.op === 'not') return `not ${operand(node.arg, p, false)}`;
      const inner = operand(node.arg, p, false);
      // `- -1` must not become the comment opener `--`.
      return inner.startsWith('-') || inner.startsWith('+') ? `${node.op}(${inner})` : `${node.op}${inner}`;
    }
    case 'binary': {
      const p = precOf(node);
      return node.args.map((a, i) => operand(a, p, i > 0 || p === PREC.compare)).join(` ${node.op} `);
    }
    case 'is':
      return `${operand(node.arg, PREC.compare, true)} is ${node.not ? 'not ' : ''}${node.what}`;
    case 'in':
      return `${operand(node.arg, PREC.compare, true)} ${node.not ? 'not ' : ''}in (${node.list.map(print).join(', ')})`;
    case 'between':
      return `${operand(node.arg, PREC.between, true)} ${node.not ? 'not ' : ''}between ${operand(node.lo, PREC.compare, true)} and ${operand(node.hi, PREC.compare, true)}`;
    case 'like':
      return (
        `${operand(node.arg, PREC.compare, true)} ${node.not ? 'not ' : ''}${node.op} ${operand(node.pattern, PREC.compare, true)}` +
        (node.escape ? ` escape ${operand(node.escape, PREC.compare, true)}` : '')
      );
    case 'case': {
      const parts = ['case'];
      if (node.operand) parts.push(print(node.operand));
      for (const [w, r] of node.whens) parts.push(`when ${print(w)} then ${print(r)}`);
      if (node.otherwise) parts.push(`else ${print(node.otherwise)}`);
      parts.push('end');
      return parts.join(' ');
    }
  }
}

/** The canonical text of an expression, or undefined when the parser does not know its syntax. */
export function canonicalFromTree(tokens: readonly Token[]): string | undefined {
  if (tokens.length === 0) return undefined;
  try {
    return print(flatten(new Parser(tokens).parseAll()));
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}
