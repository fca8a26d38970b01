/**
 * The run-time half of a table rebuild: what the plan cannot know because it
 * lives only in the database.
 *
 * - Triggers on the table are dropped with it: their SQL is saved when the
 *   rebuild starts and run again right after the rename.
 * - Views (and triggers on other tables) that name the table are left alone:
 *   `legacy_alter_table` is ON from the start of the rebuild to the rename,
 *   so SQLite neither rewrites nor re-checks them while the old table is
 *   briefly gone (https://www.sqlite.org/pragma.html#pragma_legacy_alter_table).
 *   Views that compiled before are compiled again at verify time, so a view
 *   the new definition breaks fails the migration instead of silently.
 * - Row counts are taken before and after, and must match.
 */
import type { Database } from 'better-sqlite3';
import { errorMessage } from '@odac/core';
import { quote } from './quote.js';
import { TABLE_TRIGGERS_QUERY, VIEWS_QUERY } from './queries.js';

interface SavedObject {
  readonly name: string;
  readonly sql: string;
}

interface RebuildRecord {
  readonly table: string;
  readonly rowsBefore: number;
  rowsAfter?: number;
  readonly triggers: readonly SavedObject[];
}

export interface RebuildProblem {
  readonly table: string;
  readonly message: string;
}

function countRows(db: Database, table: string): number {
  const row = db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number };
  return row.n;
}

function viewCompiles(db: Database, view: string): string | undefined {
  try {
    db.prepare(`SELECT * FROM ${quote(view)} LIMIT 0`);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/** Follows the rebuilds of one `apply` call. */
export class RebuildTracker {
  private readonly records = new Map<string, RebuildRecord>();
  private readonly views = new Set<string>();
  private legacyBefore: number | undefined;

  constructor(private readonly db: Database) {}

  /** Before the rebuild's first statement runs. */
  begin(table: string): void {
    const triggers = this.db.prepare(TABLE_TRIGGERS_QUERY).all(table) as SavedObject[];
    const previous = this.records.get(table);
    this.records.set(table, { table, rowsBefore: previous?.rowsBefore ?? countRows(this.db, table), triggers });
    const needle = table.toLowerCase();
    for (const view of this.db.prepare(VIEWS_QUERY).all() as SavedObject[]) {
      if (view.sql.toLowerCase().includes(needle) && viewCompiles(this.db, view.name) === undefined) this.views.add(view.name);
    }
    this.legacyBefore ??= this.db.pragma('legacy_alter_table', { simple: true }) as number;
    this.db.pragma('legacy_alter_table = ON');
  }

  /**
   * Right after the rename that completes the rebuild: restores
   * `legacy_alter_table` and recreates the table's triggers. Throws the
   * SQLite error of a trigger that cannot be recreated, naming it.
   */
  end(table: string): void {
    this.restore();
    const record = this.records.get(table);
    if (!record) return;
    for (const trigger of record.triggers) {
      try {
        this.db.prepare(trigger.sql).run();
      } catch (error) {
        throw new Error(`trigger "${trigger.name}" on table "${table}" could not be recreated after the rebuild: ${errorMessage(error)}`, {
          cause: error,
        });
      }
    }
    record.rowsAfter = countRows(this.db, table);
  }

  /** Puts `legacy_alter_table` back as it was (also on failure). */
  restore(): void {
    if (this.legacyBefore === undefined) return;
    this.db.pragma(`legacy_alter_table = ${this.legacyBefore ? 'ON' : 'OFF'}`);
    this.legacyBefore = undefined;
  }

  /** Row counts that changed and views that no longer compile. */
  problems(): RebuildProblem[] {
    const out: RebuildProblem[] = [];
    for (const r of this.records.values()) {
      if (r.rowsAfter !== undefined && r.rowsAfter !== r.rowsBefore) {
        out.push({ table: r.table, message: `table "${r.table}" had ${r.rowsBefore} rows before the rebuild and ${r.rowsAfter} after` });
      }
    }
    for (const view of this.views) {
      const problem = viewCompiles(this.db, view);
      if (problem !== undefined) {
        out.push({ table: view, message: `view "${view}" no longer works after the rebuild (${problem}); drop or update the view first` });
      }
    }
    return out;
  }
}
