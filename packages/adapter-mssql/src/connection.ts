/**
 * The live connection: introspection, preflight, transactional apply and the
 * migrator lock (`sp_getapplock`), over one tedious connection.
 */
import { connectionError, holdingLock, migratorLockTimeout, statementFailed, transactionFailed, OdacError, onlyTables, runPreflight } from '@odac/core';
import type { ApplyOptions, ApplyResult, Connection, ConnectOptions, IntrospectOptions, PreflightCheck, PreflightFailure, Schema, Statement } from '@odac/core';
import { serverError, TdsClient, type Param } from './driver.js';
import { fromRows, type CheckRow, type ColumnRow, type ForeignKeyRow, type IndexRow, type PropertyRow, type TableRow } from './introspect.js';
import { preflightSql } from './preflight.js';
import { CHECKS_QUERY, COLUMNS_QUERY, FOREIGN_KEYS_QUERY, INDEXES_QUERY, LOCK_QUERY, PROPERTIES_QUERY, SESSION_QUERY, TABLES_QUERY, UNLOCK_QUERY } from './queries.js';
import { nstring, quote } from './quote.js';
import { parseUrl, type ResolvedOptions } from './url.js';

/** SQL Server error numbers odac reacts to. */
const LOCK_TIMEOUT = 1222;
const INVALID_OBJECT = 208;
const INVALID_COLUMN = 207;
const CONVERSION_NOT_ALLOWED = 529;

/** `sp_getapplock` resource of the migrator lock for a database. */
export function migratorLockResource(database: string): string {
  return `odac_migrate:${database}`.slice(0, 255);
}

/** The statements that open the migration transaction. */
export function beginSql(lockTimeoutMs: number, schema: string): string {
  return [
    'SET XACT_ABORT ON;',
    `SET LOCK_TIMEOUT ${Math.max(0, Math.floor(lockTimeoutMs))};`,
    'BEGIN TRANSACTION;',
    `IF SCHEMA_ID(${nstring(schema)}) IS NULL EXEC (${nstring(`CREATE SCHEMA ${quote(schema)}`)});`,
  ].join('\n');
}

interface SessionRow {
  readonly database_name: string;
  readonly default_schema: string | null;
  readonly major_version: number | null;
}

function describeError(e: unknown): string {
  const err = serverError(e);
  return `${err.message.replace(/\.$/, '')}${err.number !== undefined ? ` (error ${err.number}${err.lineNumber !== undefined ? `, line ${err.lineNumber}` : ''})` : ''}`;
}

export class MssqlConnection implements Connection {
  private constructor(
    private readonly client: TdsClient,
    readonly options: ResolvedOptions,
    /** `DB_NAME()`: the database actually in use (the URL may name none). */
    readonly database: string,
  ) {}

  /**
   * Connects and checks that the managed schema is the login's default
   * schema: emitted SQL names tables without a schema (emission is pure and
   * does not know the URL), so SQL Server resolves them in the default one.
   */
  static async open(url: string, connectOptions: ConnectOptions = {}): Promise<MssqlConnection> {
    const options = parseUrl(url, connectOptions);
    let client: TdsClient;
    try {
      client = await TdsClient.open(options.config);
    } catch (cause) {
      throw connectionError('mssql', url, cause);
    }
    try {
      const [session] = await client.query<SessionRow>(SESSION_QUERY);
      const database = session?.database_name ?? options.database;
      const where = `${options.host}:${options.port}, database "${database}"`;
      if (session?.major_version !== null && session?.major_version !== undefined && session.major_version < 14) {
        throw new OdacError(
          'CONNECT.FAILED',
          `The SQL Server at ${where} is version ${session.major_version}; odac needs SQL Server 2017 (14) or later (2019+ is what it is built for).`,
        );
      }
      const defaultSchema = session?.default_schema ?? 'dbo';
      if (defaultSchema.toLowerCase() !== options.schema.toLowerCase()) {
        throw new OdacError(
          'CONNECT.FAILED',
          `odac manages schema "${options.schema}" at ${where}, but this login's default schema is "${defaultSchema}", and odac's SQL names tables without a schema. Connect as a user whose default schema is "${options.schema}" (ALTER USER … WITH DEFAULT_SCHEMA = ${quote(options.schema)}), or use ?schema=${defaultSchema}.`,
          { details: { schema: options.schema, defaultSchema } },
        );
      }
      return new MssqlConnection(client, options, database);
    } catch (e) {
      await client.close().catch(() => undefined);
      throw e instanceof OdacError ? e : connectionError('mssql', url, e);
    }
  }

  /** Runs one SQL text. All traffic goes through here (tests count introspection queries with it). */
  query<R extends object = Record<string, unknown>>(sql: string, params?: Readonly<Record<string, Param>>): Promise<R[]> {
    return this.client.query<R>(sql, params);
  }

  async introspect(options: IntrospectOptions = {}): Promise<Schema> {
    const params = { schema: this.options.schema };
    const tables = await this.query<TableRow>(TABLES_QUERY, params);
    const columns = await this.query<ColumnRow>(COLUMNS_QUERY, params);
    const indexes = await this.query<IndexRow>(INDEXES_QUERY, params);
    const foreignKeys = await this.query<ForeignKeyRow>(FOREIGN_KEYS_QUERY, params);
    const checks = await this.query<CheckRow>(CHECKS_QUERY, params);
    const properties = await this.query<PropertyRow>(PROPERTIES_QUERY, params);
    const schema = fromRows({ schema: this.options.schema, tables, columns, indexes, foreignKeys, checks, properties });
    return onlyTables(schema, options.tables);
  }

  async preflight(checks: readonly PreflightCheck[]): Promise<readonly PreflightFailure[]> {
    return runPreflight(checks, {
      sql: preflightSql,
      count: async (sql) => Number((await this.query<{ n: string | number }>(sql))[0]?.n ?? 0),
      // A table or column that does not exist yet holds no rows; a conversion SQL Server
      // refuses outright fails the ALTER itself, inside the transaction.
      missingObject: (e) => [INVALID_OBJECT, INVALID_COLUMN, CONVERSION_NOT_ALLOWED].includes(serverError(e).number ?? -1),
    });
  }

  private where(): string {
    return `database "${this.database}" (schema "${this.options.schema}") at ${this.options.host}:${this.options.port}`;
  }

  /**
   * Runs every statement in one transaction (`SET XACT_ABORT ON`, so any
   * error dooms it) with `SET LOCK_TIMEOUT`; on failure rolls back and
   * throws an `ApplyError` naming the statement and the server's message.
   */
  async apply(statements: readonly Statement[], options: ApplyOptions = {}): Promise<ApplyResult> {
    const executed: Statement[] = [];
    if (statements.length === 0) return { executed };
    let current: Statement | undefined;
    try {
      await this.query(beginSql(this.options.lockTimeoutMs, this.options.schema));
      for (const [i, s] of statements.entries()) {
        current = s;
        options.onStatement?.(s, i, statements.length);
        await this.query(s.sql);
        executed.push(s);
      }
      current = undefined;
      await this.query('COMMIT TRANSACTION');
    } catch (e) {
      await this.query('IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION').catch(() => undefined);
      if (current === undefined) {
        throw transactionFailed(this.where(), describeError(e), e, serverError(e).number === LOCK_TIMEOUT);
      }
      const lockTimeout = serverError(e).number === LOCK_TIMEOUT ? { lockTimeoutMs: this.options.lockTimeoutMs } : {};
      throw statementFailed({ statement: current, index: executed.length, total: statements.length, executed, cause: e, rolledBack: true, reason: describeError(e), where: this.where(), ...lockTimeout });
    } finally {
      await this.query('SET LOCK_TIMEOUT -1').catch(() => undefined);
    }
    return { executed };
  }

  /**
   * Runs `fn` holding a session-owned application lock on this database
   * (`sp_getapplock`), so concurrent migrators queue and then find nothing
   * left to do. Waits at most `migratorLockTimeoutMs` (0 waits forever).
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const resource = migratorLockResource(this.database);
    const wait = Math.max(0, Math.floor(this.options.migratorLockTimeoutMs));
    const [row] = await this.query<{ result: number }>(LOCK_QUERY, { resource, timeout: wait === 0 ? -1 : wait });
    const result = row?.result ?? -999;
    if (result < 0) {
      if (result === -1) throw migratorLockTimeout(this.where(), wait, { database: this.database, schema: this.options.schema });
      throw new OdacError('APPLY.STATEMENT_FAILED', `Could not take the migrator lock on ${this.where()}: sp_getapplock returned ${result}. Run migrate again.`, {
        details: { database: this.database, result },
      });
    }
    return holdingLock(fn, () => this.query(UNLOCK_QUERY, { resource }));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
