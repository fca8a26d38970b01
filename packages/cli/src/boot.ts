/**
 * The boot API: `await migrate()` before an app listens. Same config
 * discovery as the CLI (flags aside): `odac.config.*`, `DATABASE_URL`
 * (environment or `.env`), else every connection of `odac.json`. Silent
 * unless `log` is given; throws an `OdacError` on failure. Many instances
 * may boot at once: each database's migrator lock serializes them, and the
 * ones that wait find nothing left to do.
 *
 * Only types live in this module; the work (config, engine, adapters) is
 * loaded when `migrate()` is called, so importing `@odac/cli` stays cheap.
 */

export interface BootOptions {
  /** The project directory (where odac.json / odac.config.* / schema/ are). Default `process.cwd()`. */
  readonly cwd?: string;
  /** Only this connection of odac.json (like `--db`). Default: every connection, in order. */
  readonly db?: string;
  /** A config file other than `./odac.config.*` (like `--config`), relative to `cwd`. */
  readonly config?: string;
  /** A named environment of the config file (like `--env`). */
  readonly environment?: string;
  /** Variables for `DATABASE_URL` and `${NAME}` in odac.json. Default `process.env` (the `.env` file is read too). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Apply destructive changes (drop a column or table, narrowing types)
   * instead of skipping them. Default: the config's `allowDestructive`, else
   * false: they are skipped and listed in the result.
   */
  readonly allowDestructive?: boolean;
  /** Print the plans and progress: `true` for stdout, or a function receiving the text. Default: silent. */
  readonly log?: boolean | ((text: string) => void);
}

/** What one connection's migrate did. */
export interface BootConnectionResult {
  /** The odac.json connection name; absent for a URL from odac.config or DATABASE_URL. */
  readonly connection?: string;
  /** The adapter: `sqlite`, `postgres`, `mysql`, `mssql`, ... */
  readonly driver: string;
  /** Statements applied (0 when the database already matched). */
  readonly applied: number;
  /** Destructive changes left out (allow them with `allowDestructive`), one line each. */
  readonly skipped: readonly string[];
  /** False when the connection has no schema folder (nothing to sync). */
  readonly synced: boolean;
  readonly warnings: readonly string[];
}

export interface BootResult {
  /** In the order they ran (odac.json order). */
  readonly connections: readonly BootConnectionResult[];
}

/**
 * Migrates every configured database to its schema files, the way `odac
 * migrate` would without flags, asking nothing: destructive changes are
 * skipped unless allowed. Resolves when all are done; rejects with an
 * `OdacError` naming the connection otherwise.
 *
 * ```js
 * import { migrate } from '@odac/cli';
 * await migrate();            // before app.listen()
 * ```
 */
export async function migrate(options: BootOptions = {}): Promise<BootResult> {
  const { bootMigrate } = await import('./boot/run.js');
  return bootMigrate(options);
}
