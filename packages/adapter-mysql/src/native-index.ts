/**
 * Indexes the model cannot express (prefix lengths, descending parts,
 * FULLTEXT, SPATIAL, functional key parts) travel as `Index.native` in one
 * canonical spelling: `[fulltext |spatial ](part, …)`, each part
 * `` `col` ``, `` `col`(10) ``, `` `col` desc `` or `(expression)`.
 * Uniqueness stays in `Index.unique`.
 */
import { canonicalExpression } from './expression.js';
import { quote } from './sql.js';

/** One key part of an index. */
export interface IndexPart {
  readonly column?: string;
  /** Prefix length (`SUB_PART`). */
  readonly length?: number;
  readonly descending?: boolean;
  /** A functional key part (MySQL 8.0.13+). */
  readonly expression?: string;
}

export type IndexKind = 'btree' | 'fulltext' | 'spatial';

function partSql(part: IndexPart): string {
  const body = part.expression !== undefined ? `(${canonicalExpression(part.expression)})` : quote(part.column ?? '') + (part.length ? `(${part.length})` : '');
  return body + (part.descending ? ' desc' : '');
}

/** The canonical native text for an index; undefined when a plain `Index` says it all. */
export function nativeIndex(kind: IndexKind, parts: readonly IndexPart[]): string | undefined {
  const plain = kind === 'btree' && parts.every((p) => p.expression === undefined && !p.length && !p.descending);
  if (plain) return undefined;
  return (kind === 'btree' ? '' : `${kind} `) + `(${parts.map(partSql).join(', ')})`;
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoteChar = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i] as string;
    if (quoteChar) {
      if (ch === quoteChar) quoteChar = '';
      continue;
    }
    if (ch === '`' || ch === "'" || ch === '"') quoteChar = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((p) => p.trim());
}

function parsePart(text: string): IndexPart | undefined {
  const desc = /\s+(asc|desc)$/i.exec(text);
  const descending = desc?.[1]?.toLowerCase() === 'desc';
  const body = desc ? text.slice(0, desc.index).trim() : text;
  const flag = descending ? { descending: true } : {};
  if (body.startsWith('(') && body.endsWith(')')) return { expression: body.slice(1, -1), ...flag };
  const m = /^(?:`((?:[^`]|``)+)`|([a-z0-9_$]+))\s*(?:\(\s*(\d+)\s*\))?$/i.exec(body);
  if (!m) return undefined;
  const column = m[1] !== undefined ? m[1].replace(/``/g, '`') : (m[2] as string);
  return m[3] ? { column, length: Number(m[3]), ...flag } : { column, ...flag };
}

/** Parses a native index text (canonical or hand-written); undefined when it is not of that shape. */
export function parseNativeIndex(native: string): { kind: IndexKind; parts: IndexPart[] } | undefined {
  const m = /^\s*(fulltext|spatial)?\s*(?:index|key)?\s*\((.*)\)\s*$/is.exec(native);
  if (!m) return undefined;
  const kind = (m[1]?.toLowerCase() ?? 'btree') as IndexKind;
  const parts = splitTopLevel(m[2] as string).map(parsePart);
  if (parts.some((p) => p === undefined)) return undefined;
  return { kind, parts: parts as IndexPart[] };
}

/** Canonical spelling of a native index text (unchanged when it cannot be parsed). */
export function canonicalNativeIndex(native: string): string {
  const parsed = parseNativeIndex(native);
  if (!parsed) return native.trim();
  return nativeIndex(parsed.kind, parsed.parts) ?? `(${parsed.parts.map(partSql).join(', ')})`;
}

/** The SQL of an index definition after `ADD`/inside `CREATE TABLE`, e.g. `UNIQUE INDEX \`n\` (\`a\`)`. */
export function indexDefinitionSql(name: string, columns: readonly string[], unique: boolean, native?: string): string {
  if (native !== undefined) {
    const parsed = parseNativeIndex(native);
    if (parsed) {
      const kind = parsed.kind === 'btree' ? (unique ? 'UNIQUE ' : '') : `${parsed.kind.toUpperCase()} `;
      return `${kind}INDEX ${quote(name)} (${parsed.parts.map(partSql).join(', ')})`;
    }
    return `${unique ? 'UNIQUE ' : ''}INDEX ${quote(name)} ${native.trim()}`;
  }
  return `${unique ? 'UNIQUE ' : ''}INDEX ${quote(name)} (${columns.map(quote).join(', ')})`;
}
