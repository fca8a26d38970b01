/**
 * ODAC.JS `nanoid` values: random ids of letters and digits (62 symbols, URL-safe),
 * 21 long unless the column says otherwise. Uniform by rejection sampling.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new random id of `length` characters from `[A-Za-z0-9]`. */
export function nanoid(length = 21): string {
  let id = '';
  while (id.length < length) {
    for (const byte of randomBytes(length + 8)) {
      // 63 & byte is uniform over 0..63; 62 and 63 are rejected so each symbol is equally likely.
      const n = byte & 63;
      if (n < ALPHABET.length) id += ALPHABET[n];
      if (id.length === length) break;
    }
  }
  return id;
}
