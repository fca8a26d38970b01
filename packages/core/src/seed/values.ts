/**
 * Seed values against a column type: what to write (`writeValue`) and whether
 * a value read back from the database is the same (`sameValue`). Drivers
 * return text for most types (adapters read rows in text form), SQLite and
 * MySQL keep booleans as 0/1, decimals come back padded to their scale,
 * PostgreSQL reorders `jsonb` keys and prints time zones: all of that is the
 * same value.
 */
import { booleanText } from '../compare.js';
import type { ColumnType } from '../model.js';
import type { RowValue, SeedValue, SqlValue } from './types.js';

function isJsonContainer(value: SeedValue): value is readonly SeedValue[] | { readonly [key: string]: SeedValue } {
  return typeof value === 'object' && value !== null;
}

/** JSON text with object keys sorted, so equal documents give equal text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function asBoolean(value: SeedValue | RowValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value === 1 || value === 1n ? true : value === 0 || value === 0n ? false : undefined;
  return typeof value === 'string' ? booleanText(value) : undefined;
}

/**
 * The value written for a seed value into a column of `type`: JSON columns
 * get JSON text (a string in a seed is already JSON text, as ODAC.JS takes
 * it), booleans are booleans (a 1/0 seed for a PostgreSQL boolean would not
 * be accepted as a literal), everything else as given.
 */
export function writeValue(value: SeedValue, type: ColumnType | undefined): SqlValue {
  if (value === null) return null;
  if (type?.kind === 'json') return typeof value === 'string' ? value : JSON.stringify(value);
  if (isJsonContainer(value)) return JSON.stringify(value);
  if (type?.kind === 'boolean') return asBoolean(value) ?? value;
  return value;
}

/** `-001.2300` → `-1.23`, `5.` → `5`; `undefined` when not a plain decimal number. */
function canonicalDecimal(text: string): string | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return undefined;
  const whole = (m[2] ?? '').replace(/^0+/, '') || '0';
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const zero = whole === '0' && fraction === '';
  return `${m[1] === '-' && !zero ? '-' : ''}${whole}${fraction ? '.' + fraction : ''}`;
}

/**
 * A canonical decimal rounded to `scale` fraction digits, half away from
 * zero as PostgreSQL and MySQL store it (a seed of 9.999 in a scale-2 column
 * is 10.00, not a difference on every run).
 */
function roundDecimal(canonical: string, scale: number): string {
  const negative = canonical.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? canonical.slice(1) : canonical).split('.');
  if (fraction.length <= scale) return canonical;
  const digits = whole + fraction.slice(0, scale);
  const rounded = BigInt(digits) + (Number(fraction[scale]) >= 5 ? 1n : 0n);
  const text = rounded.toString().padStart(scale + 1, '0');
  const result = canonicalDecimal(scale > 0 ? `${text.slice(0, -scale)}.${text.slice(-scale)}` : text) ?? canonical;
  return negative && result !== '0' ? `-${result}` : result;
}

function numberText(value: SeedValue | RowValue): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? (Number.isInteger(value) ? BigInt(value).toString() : String(value)) : undefined;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return undefined;
}

interface Moment {
  readonly date: string;
  readonly time: string;
  /** Offset from UTC in minutes, when the text gives one. */
  readonly offset?: number;
}

/** `2024-01-02 03:04:05.600+01` and ISO forms; `undefined` when not a date-time. */
function parseMoment(text: string): Moment | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const fraction = (m[4] ?? '').replace(/0+$/, '');
  const time = `${m[2] ?? '00:00'}:${m[3] ?? '00'}${fraction ? '.' + fraction : ''}`;
  const zone = m[5];
  if (zone === undefined) return { date: m[1] as string, time };
  if (zone.toUpperCase() === 'Z') return { date: m[1] as string, time, offset: 0 };
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return { date: m[1] as string, time, offset: sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0')) };
}

function instant(m: Moment): number {
  const [hms = '', fraction = ''] = m.time.split('.');
  return Date.parse(`${m.date}T${hms}Z`) + Number(`0.${fraction || '0'}`) * 1000 - (m.offset ?? 0) * 60_000;
}

/**
 * Two date-times are the same when both give a zone and name the same
 * instant, or otherwise show the same wall-clock time: a value written
 * without a zone into PostgreSQL `timestamptz` is read back in the same
 * session zone with its offset appended.
 */
function sameMoment(a: string, b: string): boolean {
  const x = parseMoment(a);
  const y = parseMoment(b);
  if (!x || !y) return a === b;
  if (x.offset !== undefined && y.offset !== undefined) return instant(x) === instant(y);
  return x.date === y.date && x.time === y.time;
}

function text(value: SeedValue | RowValue): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * Whether `seed` (from a schema file) and `stored` (read from the database)
 * are the same value of a column of `type`.
 */
export function sameValue(seed: SeedValue, stored: RowValue, type: ColumnType | undefined): boolean {
  if (seed === null || stored === null) return seed === null && stored === null;
  switch (type?.kind) {
    case 'boolean': {
      const a = asBoolean(seed);
      return a !== undefined && a === asBoolean(stored);
    }
    case 'integer':
    case 'decimal': {
      const a = numberText(seed);
      const b = numberText(stored);
      if (a === undefined || b === undefined) return false;
      const ca = canonicalDecimal(a);
      const cb = canonicalDecimal(b);
      if (ca === undefined || cb === undefined) return Number(a) === Number(b);
      return type?.kind === 'decimal' ? roundDecimal(ca, type.scale) === roundDecimal(cb, type.scale) : ca === cb;
    }
    case 'float':
      return Math.fround(Number(text(seed))) === Math.fround(Number(text(stored)));
    case 'double':
      return Number(text(seed)) === Number(text(stored));
    case 'json': {
      const a = typeof seed === 'string' ? parseJson(seed) : { ok: true as const, value: seed };
      const b = typeof stored === 'string' ? parseJson(stored) : { ok: true as const, value: stored };
      return a.ok && b.ok ? stableJson(a.value) === stableJson(b.value) : text(seed) === text(stored);
    }
    case 'date':
      return text(seed).slice(0, 10) === text(stored).slice(0, 10);
    case 'datetime':
    case 'timestamp':
      return sameMoment(text(seed), text(stored));
    case 'time': {
      const canon = (t: string): string => (/^\d{2}:\d{2}$/.test(t) ? `${t}:00` : t).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
      return canon(text(seed).trim()) === canon(text(stored).trim());
    }
    case 'char':
      // PostgreSQL and SQL Server pad char(n) with spaces.
      return text(seed).trimEnd() === text(stored).trimEnd();
    case 'uuid':
      return text(seed).toLowerCase() === text(stored).toLowerCase();
    case 'binary': {
      // PostgreSQL prints bytea as hex (\x6869).
      const s = text(stored);
      const bytes = /^\\x([0-9a-f]*)$/i.test(s) ? Buffer.from(s.slice(2), 'hex').toString('utf8') : s;
      return text(seed) === bytes;
    }
    default:
      return text(seed) === text(stored);
  }
}
