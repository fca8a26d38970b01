/**
 * One error base with a namespaced `code`. Messages are one paragraph: what
 * went wrong, where (file, table, column, statement), and what to do. Only
 * the CLI formats errors and picks exit codes.
 */
import type { PreflightFailure, Statement } from './operations.js';

/**
 * Codes of errors the engine throws. A front end (the CLI) adds its own codes
 * by augmenting {@link FrontEndErrorCodes}; the engine never throws those.
 */
export type EngineErrorCode =
  | 'SCHEMA.LOAD_FAILED'
  | 'SCHEMA.SYNTAX_ERROR'
  | 'SCHEMA.LOAD_TIMEOUT'
  | 'SCHEMA.INVALID'
  | 'SCHEMA.UNKNOWN_TYPE'
  | 'SCHEMA.UNKNOWN_OPTION'
  | 'SCHEMA.DUPLICATE_COLUMN'
  | 'SCHEMA.DUPLICATE_TABLE'
  | 'SCHEMA.MISSING_REFERENCE'
  | 'SCHEMA.REFERENCE_NOT_UNIQUE'
  | 'SCHEMA.REFERENCE_TYPE_MISMATCH'
  | 'SCHEMA.SET_NULL_NOT_NULLABLE'
  | 'SCHEMA.UNSUPPORTED'
  | 'PLAN.DESTRUCTIVE_CHANGE'
  | 'PLAN.UNSUPPORTED'
  | 'CONNECT.FAILED'
  | 'CONNECT.BAD_URL'
  | 'CONNECT.TIMEOUT'
  | 'CONNECT.LOST'
  | 'APPLY.PREFLIGHT_FAILED'
  | 'APPLY.STATEMENT_FAILED'
  | 'APPLY.VERIFY_FAILED'
  | 'APPLY.LOCK_TIMEOUT'
  | 'APPLY.PLAN_CHANGED'
  /** The engine was called without a required option (named in `details.option`). */
  | 'API.MISSING_OPTION'
  /** An option has a value the engine or adapter cannot use (named in `details.option`). */
  | 'API.INVALID_OPTION'
  | 'MIGRATION.LOAD_FAILED'
  | 'MIGRATION.FAILED'
  | 'MIGRATION.MISSING_FILE'
  | 'MIGRATION.UNSUPPORTED';

/**
 * Error codes of a front end built on the engine, added by module
 * augmentation (`declare module '@odac/core' { interface FrontEndErrorCodes { 'CLI.CONFIG': true } }`),
 * so the engine's own union holds no front-end words.
 */
export interface FrontEndErrorCodes {}

export type ErrorCode = EngineErrorCode | keyof FrontEndErrorCodes;

export class OdacError extends Error {
  readonly code: ErrorCode;
  /** Structured facts for machines (`--json`); never secrets. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OdacError';
    this.code = code;
    this.details = Object.freeze({ ...(options.details ?? {}) });
  }
}

/** Where in the schema files something is wrong. */
export interface SchemaLocation {
  readonly file?: string;
  readonly table?: string;
  readonly column?: string;
  readonly line?: number;
}

export class SchemaError extends OdacError {
  readonly location: SchemaLocation;

  constructor(code: ErrorCode, message: string, location: SchemaLocation, options: { cause?: unknown } = {}) {
    super(code, message, { ...options, details: { ...location } });
    this.name = 'SchemaError';
    this.location = location;
  }
}

/** Several schema problems found in one pass; `message` lists them all. */
export class SchemaValidationError extends OdacError {
  readonly errors: readonly SchemaError[];

  constructor(errors: readonly SchemaError[]) {
    const first = errors[0];
    const message =
      errors.length === 1 && first
        ? first.message
        : `${errors.length} problems in the schema files:\n` + errors.map((e) => `- ${e.message}`).join('\n');
    super(first?.code ?? 'SCHEMA.INVALID', message, { details: { errors: errors.map((e) => ({ code: e.code, ...e.location, message: e.message })) } });
    this.name = 'SchemaValidationError';
    this.errors = errors;
  }
}

export class PreflightError extends OdacError {
  readonly failures: readonly PreflightFailure[];
  /**
   * Statements that ran anyway: empty, except where a database without
   * transactional DDL re-added every foreign key the checks allowed and
   * only the failing ones were left out (see `migrate`).
   */
  readonly applied: readonly Statement[];

  constructor(failures: readonly PreflightFailure[], message: string, applied: readonly Statement[] = []) {
    super('APPLY.PREFLIGHT_FAILED', message, { details: { failures, ...(applied.length > 0 ? { applied: applied.map((s) => s.sql) } : {}) } });
    this.name = 'PreflightError';
    this.failures = failures;
    this.applied = applied;
  }
}

export class ApplyError extends OdacError {
  /** Statements that ran (and, where DDL is transactional, were rolled back). */
  readonly executed: readonly Statement[];
  readonly statement: Statement | undefined;
  /** True when the database was left exactly as before. */
  readonly rolledBack: boolean;

  constructor(
    message: string,
    info: { executed: readonly Statement[]; statement?: Statement; rolledBack: boolean; cause?: unknown; code?: ErrorCode },
  ) {
    super(info.code ?? 'APPLY.STATEMENT_FAILED', message, {
      cause: info.cause,
      details: { statement: info.statement?.sql, executed: info.executed.map((s) => s.sql), rolledBack: info.rolledBack },
    });
    this.name = 'ApplyError';
    this.executed = info.executed;
    this.statement = info.statement;
    this.rolledBack = info.rolledBack;
  }
}

/**
 * The message of a thrown value. Duck-typed on purpose: a driver's error
 * may come from another realm (a native module is loaded once per process,
 * e.g. across jest test files), where `instanceof Error` fails.
 */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Removes the password from a connection URL, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    // A '#' in an unencoded password ends the address: host, path and fragment are then pieces of the password.
    if (parsed.hash !== '') return `${parsed.protocol}//***`;
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** `host:port, database "db"` for messages, or the redacted string when `url` is not a URL (a SQLite path). */
function serverOf(url: string): string {
  try {
    const u = new URL(url);
    if (u.hostname) return `${u.hostname}:${u.port || 'default port'}, database "${decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default)'}"`;
  } catch {
    // not a URL: the redacted string is the best we have
  }
  return redactUrl(url);
}

/** A `CONNECT.FAILED` error naming host, port and database, never the password. */
export function connectionError(adapter: string, url: string, cause: unknown): OdacError {
  const where = serverOf(url);
  const reason = errorMessage(cause);
  return new OdacError(
    'CONNECT.FAILED',
    `Could not connect to ${adapter} at ${where}: ${reason.replace(url, redactUrl(url))}. Check that the server is running and that the connection URL is right.`,
    { cause, details: { adapter, where } },
  );
}

/**
 * A `CONNECT.LOST` error: the server closed the connection while odac was
 * reading the catalog (it restarted, a proxy dropped the session, an
 * administrator terminated it). Nothing was changed by odac.
 */
export function connectionLost(adapter: string, url: string, cause: unknown): OdacError {
  const where = serverOf(url);
  const reason = errorMessage(cause);
  return new OdacError(
    'CONNECT.LOST',
    `The connection to ${adapter} at ${where} was lost while odac read the database (${reason}); nothing was changed. Check the server's log (a restart, a proxy or an administrator ending the session) and run again.`,
    { cause, details: { adapter, where } },
  );
}

/**
 * A `CONNECT.TIMEOUT` error: the server took longer than `ms` to accept the
 * connection (`what: 'connect'`) or to answer a catalog query (`'query'`).
 * Names host, port and database, never the password, and the setting to raise.
 */
export function timeoutError(adapter: string, url: string, what: 'connect' | 'query', ms: number, cause?: unknown): OdacError {
  const where = serverOf(url);
  const seconds = `${ms / 1000} s`;
  const message =
    what === 'connect'
      ? `${adapter} at ${where} did not accept the connection within ${seconds}. Check that the host and port belong to a running ${adapter} server that is not overloaded; raise the limit with --connect-timeout <ms> (or connectTimeout in odac.config) if it is just slow.`
      : `${adapter} at ${where} did not answer a catalog query within ${seconds}; odac gave up and closed the connection, nothing was changed. Check the server's load and locks; raise the limit with --query-timeout <ms> (or queryTimeout in odac.config) for very large schemas.`;
  return new OdacError('CONNECT.TIMEOUT', message, { cause, details: { adapter, where, timeoutMs: ms, phase: what } });
}
