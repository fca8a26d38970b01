/**
 * Exact decimal numbers as text. A `decimal(35,30)` default has more digits
 * than a JavaScript number holds, so defaults are compared and carried as
 * canonical decimal text and become numbers only where that loses nothing.
 */

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The canonical decimal spelling of a number written as text or given as a
 * number: no exponent, no `+`, no leading or trailing zeros, `0` for zero
 * (`'+001.50'` → `'1.5'`, `'1e3'` → `'1000'`, `-0` → `'0'`). `undefined` when
 * it is not a finite number.
 */
export function canonicalDecimal(value: string | number): string | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  // String(n) may use an exponent (1e+21, 1e-7); the digits are the same.
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = NUMBER_TEXT.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 10000) return undefined;
  let digits = (m[2] ?? '') + (m[3] ?? '');
  // The position of the decimal point within `digits`.
  let point = (m[2] ?? '').length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+/, '') || '0';
  const fraction = digits.slice(point).replace(/0+$/, '');
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

/**
 * A numeric default as the model keeps it: a JavaScript number when the
 * number holds every digit of `text`, else the canonical decimal text
 * (`'1.50'` → `1.5`, `'0.123456789012345678901234567890'` stays text).
 * `undefined` when `text` is not a number.
 */
export function exactNumber(text: string): number | string | undefined {
  const canonical = canonicalDecimal(text);
  if (canonical === undefined) return undefined;
  const n = Number(canonical);
  return Number.isFinite(n) && canonicalDecimal(n) === canonical ? n : canonical;
}
