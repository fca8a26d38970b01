/**
 * Reading what only the stored `CREATE TABLE` / `CREATE INDEX` text knows:
 * AUTOINCREMENT, CHECK constraints and their names, foreign key and primary
 * key constraint names, which foreign keys are `DEFERRABLE INITIALLY
 * DEFERRED`, and a partial index's predicate. The pragmas report everything
 * else.
 */
import { matchingClose } from '@odac/core';
import { identifierName, isKeyword, splitTopLevel, textBetween, tokenize, type Token } from './sql-tokens.js';

/** What the table SQL says about one column beyond the pragmas. */
export interface ParsedColumn {
  readonly name: string;
  readonly autoIncrement: boolean;
  /** Column-level CHECK expressions, verbatim. */
  readonly checks: readonly string[];
  /** `[GENERATED ALWAYS] AS (expr)`: the expression, verbatim (whether it is STORED the pragma's `hidden` says). */
  readonly generated?: string;
  /** `COLLATE name`, as written (no pragma reports a column's collation). */
  readonly collation?: string;
}

export interface ParsedForeignKeyName extends ParsedForeignKeyClause {
  readonly name: string;
}

/** A foreign key clause, by its columns, the table it references and its actions. */
export interface ParsedForeignKeyClause {
  readonly columns: readonly string[];
  readonly referencedTable: string;
  /** `ON DELETE` / `ON UPDATE` as written, upper-cased (`SET NULL`); `NO ACTION` when absent. Tell two keys on the same columns apart. */
  readonly onDelete: string;
  readonly onUpdate: string;
}

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  /** Table-level CHECK constraints. */
  readonly checks: readonly { readonly name?: string; readonly expression: string }[];
  /** Names of foreign keys declared with `CONSTRAINT name`. */
  readonly foreignKeyNames: readonly ParsedForeignKeyName[];
  /** Foreign keys, column- or table-level, that are `DEFERRABLE INITIALLY DEFERRED`. */
  readonly deferredForeignKeys: readonly ParsedForeignKeyClause[];
}

const TABLE_CONSTRAINTS = new Set(['PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

/** The tokens inside the first parenthesis of a CREATE statement, split at top-level commas. */
function definitionParts(sql: string): { tokens: Token[]; parts: Token[][] } {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === 'open');
  if (open < 0) return { tokens, parts: [] };
  const close = matchingClose(tokens, open);
  return { tokens, parts: splitTopLevel(tokens, open + 1, close < 0 ? tokens.length : close) };
}

/** The verbatim text inside the parentheses right after position `at`, if they follow. */
function parenthesised(sql: string, part: readonly Token[], at: number): { text: string; next: number } | undefined {
  const open = part[at];
  if (!open || open.kind !== 'open') return undefined;
  const close = matchingClose(part, at);
  if (close < 0) return undefined;
  return { text: textBetween(sql, open, part[close] as Token), next: close + 1 };
}

/** Identifier names in a parenthesised list starting at `at`. */
function nameList(part: readonly Token[], at: number): string[] {
  const close = matchingClose(part, at);
  const names: string[] = [];
  for (let i = at + 1; i < close; i++) {
    const t = part[i] as Token;
    if (t.kind === 'word' || t.kind === 'ident' || t.kind === 'string') {
      // COLLATE / ASC / DESC may follow a name; only the first token of each item is the name.
      const prev = part[i - 1] as Token;
      if (prev.kind === 'open' || prev.kind === 'comma') names.push(identifierName(t));
    }
  }
  return names;
}

/**
 * Whether the foreign key clause whose `REFERENCES` is at `references` says
 * `DEFERRABLE INITIALLY DEFERRED`: the only form SQLite defers. `DEFERRABLE`
 * alone, `INITIALLY IMMEDIATE` and `NOT DEFERRABLE …` are all immediate.
 * https://www.sqlite.org/foreignkeys.html#fk_deferred
 */
function isDeferredClause(part: readonly Token[], references: number): boolean {
  const at = clauseWords(part, references).find((i) => isKeyword(part[i], 'DEFERRABLE'));
  return at !== undefined && !isKeyword(part[at - 1], 'NOT') && isKeyword(part[at + 1], 'INITIALLY') && isKeyword(part[at + 2], 'DEFERRED');
}

/** Positions of the top-level tokens of the clause whose `REFERENCES` is at `references`, up to the next REFERENCES (another clause on the same column). */
function clauseWords(part: readonly Token[], references: number): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = references + 1; i < part.length; i++) {
    const t = part[i] as Token;
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close') depth--;
    else if (depth !== 0) continue;
    else if (isKeyword(t, 'REFERENCES')) break;
    else out.push(i);
  }
  return out;
}

/** The `ON DELETE` / `ON UPDATE` actions of the clause whose REFERENCES is at `references`. */
function clauseActions(part: readonly Token[], references: number): { onDelete: string; onUpdate: string } {
  const out = { onDelete: 'NO ACTION', onUpdate: 'NO ACTION' };
  for (const i of clauseWords(part, references)) {
    const side = part[i + 1];
    if (!isKeyword(part[i], 'ON') || !(isKeyword(side, 'DELETE') || isKeyword(side, 'UPDATE'))) continue;
    const first = part[i + 2];
    const two = isKeyword(first, 'SET') || isKeyword(first, 'NO');
    out[isKeyword(side, 'DELETE') ? 'onDelete' : 'onUpdate'] = [first, ...(two ? [part[i + 3]] : [])].map((w) => w?.text.toUpperCase() ?? '').join(' ');
  }
  return out;
}

function parseTableConstraint(sql: string, part: readonly Token[], name: string | undefined, at: number): Partial<ParsedTable> {
  const head = part[at];
  if (isKeyword(head, 'CHECK')) {
    const body = parenthesised(sql, part, at + 1);
    if (!body) return {};
    return { checks: [name === undefined ? { expression: body.text } : { name, expression: body.text }] };
  }
  if (isKeyword(head, 'FOREIGN')) {
    const columnsAt = part.findIndex((t, i) => i > at && t.kind === 'open');
    const refAt = part.findIndex((t) => isKeyword(t, 'REFERENCES'));
    const refTable = part[refAt + 1];
    if (columnsAt < 0 || refAt < 0 || !refTable) return {};
    const clause = { columns: nameList(part, columnsAt), referencedTable: identifierName(refTable), ...clauseActions(part, refAt) };
    return {
      ...(name !== undefined ? { foreignKeyNames: [{ name, ...clause }] } : {}),
      ...(isDeferredClause(part, refAt) ? { deferredForeignKeys: [clause] } : {}),
    };
  }
  return {};
}

function parseColumn(sql: string, part: readonly Token[]): { column: ParsedColumn; deferred: ParsedForeignKeyClause[] } {
  const name = identifierName(part[0] as Token);
  const checks: string[] = [];
  const deferred: ParsedForeignKeyClause[] = [];
  let autoIncrement = false;
  let generated: string | undefined;
  let collation: string | undefined;
  for (let i = 1; i < part.length; i++) {
    const t = part[i] as Token;
    if (isKeyword(t, 'AUTOINCREMENT')) autoIncrement = true;
    const collationName = part[i + 1];
    if (isKeyword(t, 'COLLATE') && collationName) collation = identifierName(collationName);
    // `AS (expr)`, with or without GENERATED ALWAYS before it. https://www.sqlite.org/gencol.html
    if (isKeyword(t, 'AS') && generated === undefined) {
      const body = parenthesised(sql, part, i + 1);
      if (body) {
        generated = body.text;
        i = body.next - 1;
        continue;
      }
    }
    const refTable = part[i + 1];
    if (isKeyword(t, 'REFERENCES') && refTable && isDeferredClause(part, i)) {
      deferred.push({ columns: [name], referencedTable: identifierName(refTable), ...clauseActions(part, i) });
    }
    if (isKeyword(t, 'CHECK')) {
      const body = parenthesised(sql, part, i + 1);
      if (body) {
        checks.push(body.text);
        i = body.next - 1;
      }
    } else if (t.kind === 'open') {
      // Skip DEFAULT (...), type arguments, REFERENCES t(col): nothing to find inside.
      const close = matchingClose(part, i);
      if (close > i) i = close;
    }
  }
  return { column: { name, autoIncrement, checks, ...(generated !== undefined ? { generated } : {}), ...(collation !== undefined ? { collation } : {}) }, deferred };
}

/** Parses a table's stored `CREATE TABLE` statement. Unknown shapes yield empty results, never throw. */
export function parseCreateTable(sql: string | null | undefined): ParsedTable {
  if (!sql) return { columns: [], checks: [], foreignKeyNames: [], deferredForeignKeys: [] };
  const { parts } = definitionParts(sql);
  const columns: ParsedColumn[] = [];
  const checks: { name?: string; expression: string }[] = [];
  const foreignKeyNames: ParsedForeignKeyName[] = [];
  const deferredForeignKeys: ParsedForeignKeyClause[] = [];
  for (const part of parts) {
    const first = part[0];
    if (!first) continue;
    let at = 0;
    let name: string | undefined;
    if (isKeyword(first, 'CONSTRAINT') && part[1]) {
      name = identifierName(part[1]);
      at = 2;
    }
    const head = part[at];
    if (head && head.kind === 'word' && TABLE_CONSTRAINTS.has(head.text.toUpperCase())) {
      const found = parseTableConstraint(sql, part, name, at);
      checks.push(...(found.checks ?? []));
      foreignKeyNames.push(...(found.foreignKeyNames ?? []));
      deferredForeignKeys.push(...(found.deferredForeignKeys ?? []));
    } else {
      const { column, deferred } = parseColumn(sql, part);
      columns.push(column);
      deferredForeignKeys.push(...deferred);
    }
  }
  return { columns, checks, foreignKeyNames, deferredForeignKeys };
}

export interface ParsedIndex {
  /** The text between the parentheses after `ON table`, verbatim. */
  readonly keys?: string;
  /** The partial index predicate, verbatim. */
  readonly where?: string;
}

/** Parses a stored `CREATE INDEX` statement for its key list and WHERE predicate. */
export function parseCreateIndex(sql: string | null | undefined): ParsedIndex {
  if (!sql) return {};
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => isKeyword(t, 'ON'));
  if (on < 0) return {};
  const open = tokens.findIndex((t, i) => i > on && t.kind === 'open');
  const close = open < 0 ? -1 : matchingClose(tokens, open);
  if (close < 0) return {};
  const keys = textBetween(sql, tokens[open] as Token, tokens[close] as Token);
  const whereToken = tokens[close + 1];
  if (!isKeyword(whereToken, 'WHERE')) return { keys };
  return { keys, where: sql.slice((whereToken as Token).end).trim().replace(/;\s*$/, '') };
}
