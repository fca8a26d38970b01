/**
 * Plain values as JavaScript source: single quotes, two-space indentation,
 * keys unquoted where they are identifiers, an object or array on one line
 * when it fits, broken one entry per line (with trailing commas) when not.
 * Pure and deterministic: key order is the order of the input object.
 */

/** A value that can be written as a JavaScript literal. */
export type SourceValue = string | number | boolean | null | readonly SourceValue[] | SourceObject;

/** An object literal; keys are written in insertion order. */
export interface SourceObject {
  readonly [key: string]: SourceValue;
}

/** Lines longer than this are broken. */
export const MAX_LINE = 100;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A string literal: single-quoted, or double-quoted when that avoids
 * escaping (the text has single quotes and no double quotes), as Prettier
 * does. Control and line-separator characters are escaped.
 */
export function quoteString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const special = quote === "'" ? /[\\'\n\r\t]|[\u0000-\u001f\u007f\u2028\u2029]/g : /[\\"\n\r\t]|[\u0000-\u001f\u007f\u2028\u2029]/g;
  const body = text.replace(special, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${quote}${body}${quote}`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function formatKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quoteString(key);
}

function isArray(value: SourceValue): value is readonly SourceValue[] {
  return Array.isArray(value);
}

function scalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  return String(value);
}

/** The value on one line. */
function inline(value: SourceValue): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  if (isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${formatKey(k)}: ${inline(v)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/** Where a value sits: the keys (and array positions) leading to it from the top. */
export type SourcePath = readonly (string | number)[];

export interface FormatOptions {
  /** Current indentation: the value's closing bracket is indented by this much. */
  readonly indent?: string;
  /** Width already used on the value's first line (indentation plus key). */
  readonly prefix?: number;
  /** Values at these paths are broken one entry per line even when they fit. */
  readonly breakAt?: (path: SourcePath) => boolean;
}

function format(value: SourceValue, indent: string, prefix: number, path: SourcePath, breakAt: (path: SourcePath) => boolean): string {
  const flat = inline(value);
  if (value === null || typeof value !== 'object') return flat;
  // The trailing comma after an entry counts towards the line.
  if (!breakAt(path) && prefix + flat.length + 1 <= MAX_LINE) return flat;
  const inner = `${indent}  `;
  if (isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v, i) => `${inner}${format(v, inner, inner.length, [...path, i], breakAt)},`);
    return `[\n${items.join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => {
    const key = `${formatKey(k)}: `;
    return `${inner}${key}${format(v, inner, inner.length + key.length, [...path, k], breakAt)},`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * `value` as source: on one line when the whole line fits in
 * {@link MAX_LINE} (and `breakAt` does not ask for a break), otherwise one
 * entry per line with trailing commas, recursively.
 */
export function formatValue(value: SourceValue, options: FormatOptions = {}): string {
  return format(value, options.indent ?? '', options.prefix ?? 0, [], options.breakAt ?? (() => false));
}
