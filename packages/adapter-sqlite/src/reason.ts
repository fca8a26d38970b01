/**
 * The message of a thrown value. Duck-typed on purpose: better-sqlite3's
 * `SqliteError` may come from another realm (a native module is loaded once
 * per process, e.g. across jest test files), where `instanceof Error` fails.
 */
export function reason(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
