/**
 * Authored text: how a CHECK expression, a filtered-index predicate or an
 * expression default round-trips exactly, although SQL Server rewrites it.
 *
 * When odac creates one, it records an extended property `odac_authored`
 * on the constraint or index holding `<hash>|<authored text>`, where
 * `<hash>` is `CONVERT(nvarchar(64), HASHBYTES('SHA2_256', definition), 2)`
 * of the definition SQL Server stored at that moment. Introspection reports
 * the authored text while the stored definition still hashes the same, and
 * SQL Server's own text otherwise (someone changed it behind odac's back).
 */
import { createHash } from 'node:crypto';

/** The extended property odac records authored text in. */
export const AUTHORED_PROPERTY = 'odac_authored';

/** Longest authored text recorded (an extended property value holds 7,500 bytes). */
export const MAX_AUTHORED_LENGTH = 3500;

/**
 * `CONVERT(nvarchar(64), HASHBYTES('SHA2_256', text), 2)` computed in
 * JavaScript: SHA-256 of the UTF-16LE bytes (how nvarchar stores text),
 * upper-case hex without `0x`.
 */
export function definitionHash(definition: string): string {
  return createHash('sha256').update(Buffer.from(definition, 'utf16le')).digest('hex').toUpperCase();
}

/**
 * The authored text of a recorded property value when `definition` is still
 * the one it was recorded for; undefined otherwise.
 */
export function authoredFor(definition: string | null, recorded: string | undefined): string | undefined {
  if (definition === null || recorded === undefined) return undefined;
  const bar = recorded.indexOf('|');
  if (bar < 0) return undefined;
  return recorded.slice(0, bar) === definitionHash(definition) ? recorded.slice(bar + 1) : undefined;
}
