/**
 * Check expressions and partial-index predicates, printed the way
 * PostgreSQL's deparser (`pg_get_expr`) prints them, so an authored
 * `price > 0` compares equal to the reported `(price > (0)::numeric)`.
 *
 * Only simple predicates are understood: columns compared with constants
 * (`=`, `<>`, `<`, `<=`, `>`, `>=`, `LIKE`, `ILIKE`, `IN (…)`, `BETWEEN`),
 * `IS [NOT] NULL/TRUE/FALSE`, bare boolean columns, `NOT`, `AND`, `OR` and
 * parentheses, on integer, numeric, float, text, varchar, char, boolean,
 * date, uuid and enum columns. Anything else is kept as written (whitespace
 * folded): write it the way `\d table` shows it to avoid a diff.
 */
import { POSTGRES_LEXICON, tokenizeSql, unquote, type ColumnType } from '@odac/core';
import { literal, quoteIfNeeded } from './quote.js';
import { enumTypeName } from './types.js';

type Token =
  | { readonly t: 'ident'; readonly v: string }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'num'; readonly v: string }
  | { readonly t: 'op'; readonly v: string }
  | { readonly t: 'kw'; readonly v: string }
  | { readonly t: 'punct'; readonly v: '(' | ')' | ',' };

const KEYWORDS = new Set(['and', 'or', 'not', 'is', 'null', 'true', 'false', 'in', 'between', 'like', 'ilike']);

const OPERATORS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

/** The tokens the printer reads, or undefined for anything else (`E'…'`, `$$…$$`, casts, exponents, a quote left open). */
function tokenize(text: string): Token[] | undefined {
  const raw = tokenizeSql(text, POSTGRES_LEXICON, { comments: false });
  const out: Token[] = [];
  for (const [i, t] of raw.entries()) {
    const v = t.kind === 'string' || t.kind === 'ident' ? unquote(t, POSTGRES_LEXICON) : t.text.toLowerCase();
    if (t.unterminated || (t.kind === 'string' && !t.text.startsWith("'")) || (t.kind === 'ident' && v === '')) return undefined;
    if (t.kind === 'number') {
      // Plain decimals only, not run into a word or a dot (`1e5`, `1.2.3`); a minus right before is their sign.
      if (!/^(?:\d+\.?\d*|\.\d+)$/.test(t.text) || /[\w.]/.test(text.charAt(t.end))) return undefined;
      out.push({ t: 'num', v: raw[i - 1]?.text === '-' && raw[i - 1]?.end === t.start ? `-${v}` : v });
    } else if (t.kind === 'op') {
      if (t.text === '-' && raw[i + 1]?.kind === 'number' && raw[i + 1]?.start === t.end) continue;
      if (!OPERATORS.has(v)) return undefined;
      out.push({ t: 'op', v: v === '!=' ? '<>' : v });
    } else if (t.kind === 'string') out.push({ t: 'str', v });
    else if (t.kind === 'word' || t.kind === 'ident') out.push({ t: t.kind === 'word' && KEYWORDS.has(v) ? 'kw' : 'ident', v });
    else out.push({ t: 'punct', v: t.text as '(' | ')' | ',' });
  }
  return out;
}

type Operand = { readonly k: 'col'; readonly name: string } | { readonly k: 'lit'; readonly tok: Token };

type Node =
  | Operand
  | { readonly k: 'cmp'; readonly op: string; readonly left: Operand; readonly right: Operand }
  | { readonly k: 'is'; readonly expr: Node; readonly what: 'NULL' | 'TRUE' | 'FALSE'; readonly not: boolean }
  | { readonly k: 'not'; readonly expr: Node }
  | { readonly k: 'and' | 'or'; readonly items: readonly Node[] }
  | { readonly k: 'in'; readonly col: Operand; readonly list: readonly Operand[]; readonly not: boolean };

class Unsupported extends Error {}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private isKw(v: string): boolean {
    const t = this.peek();
    return t?.t === 'kw' && t.v === v;
  }
  private take(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new Unsupported();
    return t;
  }
  private expect(t: Token['t'], v?: string): void {
    const tok = this.take();
    if (tok.t !== t || (v !== undefined && tok.v !== v)) throw new Unsupported();
  }

  parse(): Node {
    const node = this.or();
    if (this.pos !== this.tokens.length) throw new Unsupported();
    return node;
  }
  private or(): Node {
    const items = [this.and()];
    while (this.isKw('or')) {
      this.take();
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as Node) : { k: 'or', items };
  }
  private and(): Node {
    const items = [this.not()];
    while (this.isKw('and')) {
      this.take();
      items.push(this.not());
    }
    return items.length === 1 ? (items[0] as Node) : { k: 'and', items };
  }
  private not(): Node {
    if (this.isKw('not')) {
      this.take();
      return { k: 'not', expr: this.not() };
    }
    return this.predicate();
  }
  private predicate(): Node {
    const left = this.primary();
    const t = this.peek();
    if (t?.t === 'op') {
      this.take();
      return { k: 'cmp', op: t.v, left: operand(left), right: operand(this.primary()) };
    }
    if (this.isKw('is')) {
      this.take();
      const not = this.isKw('not');
      if (not) this.take();
      const w = this.take();
      if (w.t !== 'kw' || !['null', 'true', 'false'].includes(w.v)) throw new Unsupported();
      return { k: 'is', expr: left, what: w.v.toUpperCase() as 'NULL' | 'TRUE' | 'FALSE', not };
    }
    let negated = false;
    if (this.isKw('not')) {
      this.take();
      negated = true;
    }
    if (this.isKw('in')) {
      this.take();
      this.expect('punct', '(');
      const list: Operand[] = [operand(this.primary())];
      while (this.peek()?.v === ',') {
        this.take();
        list.push(operand(this.primary()));
      }
      this.expect('punct', ')');
      return { k: 'in', col: operand(left), list, not: negated };
    }
    if (this.isKw('like') || this.isKw('ilike')) {
      const op = (this.take().v === 'like' ? '~~' : '~~*') as string;
      return { k: 'cmp', op: negated ? '!' + op : op, left: operand(left), right: operand(this.primary()) };
    }
    if (this.isKw('between') && !negated) {
      this.take();
      const lo = operand(this.primary());
      this.expect('kw', 'and');
      const hi = operand(this.primary());
      const col = operand(left);
      return { k: 'and', items: [{ k: 'cmp', op: '>=', left: col, right: lo }, { k: 'cmp', op: '<=', left: col, right: hi }] };
    }
    if (negated) throw new Unsupported();
    return left;
  }
  private primary(): Node {
    const t = this.take();
    if (t.t === 'punct' && t.v === '(') {
      const inner = this.or();
      this.expect('punct', ')');
      return inner;
    }
    if (t.t === 'ident') return { k: 'col', name: t.v };
    if (t.t === 'str' || t.t === 'num' || (t.t === 'kw' && (t.v === 'true' || t.v === 'false'))) return { k: 'lit', tok: t };
    throw new Unsupported();
  }
}

function operand(node: Node): Operand {
  if (node.k === 'col' || node.k === 'lit') return node;
  throw new Unsupported();
}

const INT4_MIN = -2147483648n;
const INT4_MAX = 2147483647n;

/** An integer constant as ruleutils prints it: bare, or quoted with a cast when negative or past int4. */
function intConst(text: string): string {
  const n = BigInt(text);
  if (n < INT4_MIN || n > INT4_MAX) return `'${n}'::bigint`;
  return n < 0n ? `'${n}'::integer` : String(n);
}

function numericConst(text: string): string {
  const normalized = text.replace(/^(-?)\./, '$10.').replace(/\.$/, '');
  return normalized.startsWith('-') ? `'${normalized}'::numeric` : normalized;
}

/** How a column of `type` is printed in a comparison, and how constants compared with it are. */
interface Side {
  readonly col: (name: string) => string;
  readonly lit: (tok: Token) => string;
  /** `ANY (ARRAY[…])` elements and the array cast around them. */
  readonly array?: { readonly elem: (tok: Token) => string; readonly cast: string };
}

function isInteger(tok: Token): boolean {
  return tok.t === 'num' && /^-?\d+$/.test(tok.v);
}

function stringLit(tok: Token, cast: string): string {
  if (tok.t !== 'str') throw new Unsupported();
  return `${literal(tok.v)}::${cast}`;
}

function sideFor(type: ColumnType | undefined, table: string, column: string): Side {
  const plain = (name: string): string => quoteIfNeeded(name);
  switch (type?.kind) {
    case 'integer':
      return {
        col: plain,
        lit: (tok) => {
          if (!isInteger(tok)) throw new Unsupported();
          return intConst(tok.v);
        },
        ...(type.size === 'big' ? {} : { array: { elem: (tok: Token) => (isInteger(tok) ? intConst(tok.v) : unsupported()), cast: '' } }),
      };
    case 'decimal': {
      const lit = (tok: Token): string => {
        if (tok.t !== 'num') throw new Unsupported();
        return isInteger(tok) ? `(${intConst(tok.v)})::numeric` : numericConst(tok.v);
      };
      return { col: plain, lit, array: { elem: lit, cast: '' } };
    }
    case 'float':
    case 'double':
      return {
        col: plain,
        lit: (tok) => {
          if (tok.t !== 'num') throw new Unsupported();
          return `(${isInteger(tok) ? intConst(tok.v) : numericConst(tok.v)})::double precision`;
        },
      };
    case 'string':
      return {
        col: (name) => `(${plain(name)})::text`,
        lit: (tok) => stringLit(tok, 'text'),
        array: { elem: (tok) => stringLit(tok, 'character varying'), cast: '::text[]' },
      };
    case 'text':
      return { col: plain, lit: (tok) => stringLit(tok, 'text'), array: { elem: (tok) => stringLit(tok, 'text'), cast: '' } };
    case 'char':
      return { col: plain, lit: (tok) => stringLit(tok, 'bpchar') };
    case 'boolean':
      return {
        col: plain,
        lit: (tok) => {
          if (tok.t !== 'kw') throw new Unsupported();
          return tok.v;
        },
      };
    case 'date':
      return {
        col: plain,
        lit: (tok) => {
          if (tok.t !== 'str' || !/^\d{4}-\d{2}-\d{2}$/.test(tok.v)) throw new Unsupported();
          return stringLit(tok, 'date');
        },
      };
    case 'uuid':
      return { col: plain, lit: (tok) => stringLit(tok.t === 'str' ? { t: 'str', v: tok.v.toLowerCase() } : tok, 'uuid') };
    case 'enum': {
      const cast = quoteIfNeeded(type.typeName ?? enumTypeName(table, column));
      return { col: plain, lit: (tok) => stringLit(tok, cast) };
    }
    default:
      throw new Unsupported();
  }
}

function unsupported(): never {
  throw new Unsupported();
}

class Printer {
  constructor(
    private readonly table: string,
    private readonly columns: ReadonlyMap<string, ColumnType>,
  ) {}

  private side(name: string): Side {
    if (!this.columns.has(name)) throw new Unsupported();
    return sideFor(this.columns.get(name), this.table, name);
  }

  print(node: Node): string {
    switch (node.k) {
      case 'col':
        if (this.columns.get(node.name)?.kind !== 'boolean') throw new Unsupported();
        return quoteIfNeeded(node.name);
      case 'lit':
        throw new Unsupported();
      case 'cmp':
        return this.cmp(node.op, node.left, node.right);
      case 'is': {
        if (node.expr.k !== 'col' || !this.columns.has(node.expr.name)) throw new Unsupported();
        if (node.what !== 'NULL' && this.columns.get(node.expr.name)?.kind !== 'boolean') throw new Unsupported();
        return `(${quoteIfNeeded(node.expr.name)} IS ${node.not ? 'NOT ' : ''}${node.what})`;
      }
      case 'not':
        return `(NOT ${this.print(node.expr)})`;
      case 'and':
      case 'or': {
        // The deparser flattens nested ANDs (and ORs) into one list.
        const items = node.items.flatMap((i) => (i.k === node.k ? i.items : [i]));
        return '(' + items.map((i) => this.print(i)).join(node.k === 'and' ? ' AND ' : ' OR ') + ')';
      }
      case 'in':
        return this.in(node);
    }
  }

  private cmp(op: string, left: Operand, right: Operand): string {
    if (left.k === 'col' && right.k === 'lit') {
      const s = this.side(left.name);
      return `(${s.col(left.name)} ${op} ${s.lit(right.tok)})`;
    }
    if (left.k === 'lit' && right.k === 'col' && !op.includes('~')) {
      const s = this.side(right.name);
      return `(${s.lit(left.tok)} ${op} ${s.col(right.name)})`;
    }
    throw new Unsupported();
  }

  private in(node: Extract<Node, { k: 'in' }>): string {
    if (node.col.k !== 'col') throw new Unsupported();
    const first = node.list[0];
    if (node.list.length === 1 && first) return this.cmp(node.not ? '<>' : '=', node.col, first);
    const s = this.side(node.col.name);
    if (!s.array) throw new Unsupported();
    const array = s.array;
    const elems = node.list.map((o) => (o.k === 'lit' ? array.elem(o.tok) : unsupported()));
    const arr = `ARRAY[${elems.join(', ')}]`;
    return `(${s.col(node.col.name)} ${node.not ? '<> ALL' : '= ANY'} (${array.cast ? `(${arr})${array.cast}` : arr}))`;
  }
}

/** Whitespace folded, for expressions the printer does not understand. */
export function foldSql(sql: string): string {
  return sql.trim().replace(/\s+/g, ' ');
}

/**
 * `text` as `pg_get_expr` would print it for a table whose columns have the
 * given types, or the text with whitespace folded when the expression is
 * beyond the simple forms this module understands.
 */
export function normalizePredicate(text: string, table: string, columns: ReadonlyMap<string, ColumnType>): string {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return foldSql(text);
  try {
    return new Printer(table, columns).print(new Parser(tokens).parse());
  } catch (e) {
    if (e instanceof Unsupported || e instanceof SyntaxError || e instanceof RangeError) return foldSql(text);
    throw e;
  }
}
