/**
 * A promise-shaped wrapper over one tedious connection: open, run a batch or
 * a parameterized query, get plain rows back, close. Requests on one
 * connection run one at a time, as TDS requires.
 */
import { Connection, Request, TYPES, type ConnectionConfiguration } from 'tedious';

/** A parameter value: strings go as nvarchar, integers as int / bigint, other numbers as float, booleans as bit. */
export type Param = string | number | boolean | null;

function paramType(value: Param): (typeof TYPES)[keyof typeof TYPES] {
  if (typeof value === 'boolean') return TYPES.Bit;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return TYPES.Float;
    return value >= -2147483648 && value <= 2147483647 ? TYPES.Int : TYPES.BigInt;
  }
  return TYPES.NVarChar;
}

/** What a failed request carries (tedious' `RequestError`). */
export interface ServerError {
  readonly message: string;
  /** SQL Server's error number (1222 lock timeout, 208 invalid object…). */
  readonly number?: number;
  readonly lineNumber?: number;
}

export function serverError(e: unknown): ServerError {
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const err = e as { message: unknown; number?: unknown; lineNumber?: unknown };
    return {
      message: String(err.message),
      ...(typeof err.number === 'number' ? { number: err.number } : {}),
      ...(typeof err.lineNumber === 'number' ? { lineNumber: err.lineNumber } : {}),
    };
  }
  return { message: String(e) };
}

type TediousRow = Record<string, { value: unknown; metadata?: { type?: { name?: string } } }>;

/** A row value with the name of its TDS type (`DateTime2N`, `UniqueIdentifier`…), for clients that format values. */
export interface TypedValue {
  readonly value: unknown;
  readonly type: string;
}

export class TdsClient {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly connection: Connection) {}

  /** Connects; rejects with tedious' error (callers wrap it so no password is shown). */
  static open(config: ConnectionConfiguration): Promise<TdsClient> {
    return new Promise((resolve, reject) => {
      const connection = new Connection(config);
      // A connection whose server goes away emits 'error'; without a listener that would crash the process.
      connection.on('error', () => undefined);
      connection.connect((err) => {
        if (err) {
          connection.close();
          reject(err);
        } else resolve(new TdsClient(connection));
      });
    });
  }

  /**
   * Runs one SQL text and returns the rows of its result sets as plain
   * objects. Without parameters it is sent as a batch (so DECLARE / EXEC
   * blocks work), with parameters through `sp_executesql`.
   */
  query<R extends object = Record<string, unknown>>(sql: string, params?: Readonly<Record<string, Param>>): Promise<R[]> {
    return this.run(sql, params, (columns) => {
      const row: Record<string, unknown> = {};
      for (const [name, col] of Object.entries(columns)) row[name] = col.value;
      return row as R;
    });
  }

  /** Like `query`, with each value's TDS type name (for clients that format dates, GUIDs…). */
  queryTyped(sql: string, params?: Readonly<Record<string, Param>>): Promise<Record<string, TypedValue>[]> {
    return this.run(sql, params, (columns) => {
      const row: Record<string, TypedValue> = {};
      for (const [name, col] of Object.entries(columns)) row[name] = { value: col.value, type: col.metadata?.type?.name ?? '' };
      return row;
    });
  }

  private run<R>(sql: string, params: Readonly<Record<string, Param>> | undefined, map: (columns: TediousRow) => R): Promise<R[]> {
    const run = (): Promise<R[]> =>
      new Promise<R[]>((resolve, reject) => {
        const rows: R[] = [];
        const request = new Request(sql, (err) => (err ? reject(err) : resolve(rows)));
        request.on('row', (columns: TediousRow) => rows.push(map(columns)));
        if (params) {
          for (const [name, value] of Object.entries(params)) request.addParameter(name, paramType(value), value);
          this.connection.execSql(request);
        } else {
          this.connection.execSqlBatch(request);
        }
      });
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.connection.closed) {
        resolve();
        return;
      }
      this.connection.once('end', () => resolve());
      this.connection.close();
    });
  }
}
