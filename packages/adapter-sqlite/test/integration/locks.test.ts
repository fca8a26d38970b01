/**
 * Issue 12, defect 9: a SQLite file held by an application was blamed on
 * "another migration" with advice naming a setting the CLI has no flag for,
 * and an exclusive lock was reported as a path or permission problem. Both
 * now say what holds the file and name --lock-timeout, which bounds the wait.
 */
import Database from 'better-sqlite3';
import { migrate, OdacError, type Schema } from '@odac/core';
import { adapter } from '../../src/index.js';
import { id, int, table, tempDb, withRaw, type TempDb } from '../support.js';

const desired: Schema = { tables: [table('items', [id(), int('qty')])] };

describe('sqlite: locks held by other processes (issue 12 defect 9)', () => {
  let db: TempDb;
  let holder: Database.Database | undefined;
  beforeEach(() => {
    db = tempDb();
    withRaw(db.file, (raw) => raw.exec('CREATE TABLE other (id INTEGER PRIMARY KEY)'));
  });
  afterEach(() => {
    holder?.close();
    holder = undefined;
    db.remove();
  });

  it('an application holding a write transaction: waits up to --lock-timeout, then says so; nothing changed', async () => {
    holder = new Database(db.file);
    holder.exec('BEGIN IMMEDIATE; INSERT INTO other VALUES (1);');
    const started = Date.now();
    let caught: unknown;
    try {
      await migrate({ adapter, url: db.url, schema: desired, connectOptions: { migratorLockTimeoutMs: 300 } });
    } catch (e) {
      caught = e;
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(caught).toBeInstanceOf(OdacError);
    expect((caught as OdacError).code).toBe('APPLY.LOCK_TIMEOUT');
    expect((caught as OdacError).message).toContain('an application holding a write transaction');
    expect((caught as OdacError).message).toContain('--lock-timeout');
    expect((caught as OdacError).message).toContain('300 ms');
    expect((caught as OdacError).message).not.toContain('Another migration');
    holder.exec('COMMIT');
    expect(withRaw(db.file, (raw) => raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all())).toEqual([{ name: 'other' }]);
  });

  it('--lock-timeout lengthens the wait (it never shortens the 60 s that booting instances queue for)', async () => {
    holder = new Database(db.file);
    holder.exec('BEGIN IMMEDIATE; INSERT INTO other VALUES (1);');
    setTimeout(() => holder?.exec('COMMIT'), 400);
    const result = await migrate({ adapter, url: db.url, schema: desired, connectOptions: { migratorLockTimeoutMs: 100, lockTimeoutMs: 5_000 } });
    expect(result.plan.operations.length).toBeGreaterThan(0);
  });

  it('the same lock released in time: the migrate waits and succeeds', async () => {
    holder = new Database(db.file);
    holder.exec('BEGIN IMMEDIATE; INSERT INTO other VALUES (1);');
    setTimeout(() => holder?.exec('COMMIT'), 150);
    const result = await migrate({ adapter, url: db.url, schema: desired, connectOptions: { lockTimeoutMs: 5_000 } });
    expect(result.plan.operations.length).toBeGreaterThan(0);
  });

  it('an exclusive lock is reported as a lock, not as a path or permission problem', async () => {
    holder = new Database(db.file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('INSERT INTO other VALUES (1)'); // the first write takes the exclusive lock and keeps it
    let caught: unknown;
    try {
      await migrate({ adapter, url: db.url, schema: desired, connectOptions: { migratorLockTimeoutMs: 200 } });
    } catch (e) {
      caught = e;
    }
    expect((caught as OdacError).code).toBe('APPLY.LOCK_TIMEOUT');
    expect((caught as OdacError).message).toContain('locked by another process');
    expect((caught as OdacError).message).toContain('locking_mode=EXCLUSIVE');
    expect((caught as OdacError).message).not.toContain('permissions');
  });
});
