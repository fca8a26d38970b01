import { ApplyError, boundedRead, holdingLock, migratorLockTimeout, readRowQueries, statementFailed, transactionFailed, type Statement } from '../src/index.js';

const s1: Statement = { sql: 'CREATE TABLE "a" ()', table: 'a', transactional: true };
const s2: Statement = { sql: 'ALTER TABLE "b" ADD "x" int', table: 'b', transactional: true };

describe('statementFailed', () => {
  it('names the statement, its table, where and why; rolled back by default', () => {
    const cause = new Error('boom');
    const e = statementFailed({ statement: s2, index: 1, total: 3, executed: [s1], cause, reason: 'boom', where: 'database "app"', rolledBack: true });
    expect(e).toBeInstanceOf(ApplyError);
    expect(e.code).toBe('APPLY.STATEMENT_FAILED');
    expect(e.message).toBe('Statement 2 of 3 on table "b" failed in database "app": boom. The transaction was rolled back: the database is exactly as before. Statement: ALTER TABLE "b" ADD "x" int');
    expect(e).toMatchObject({ executed: [s1], statement: s2, rolledBack: true, cause });
  });

  it('says the outcome it is given, and a lock timeout as APPLY.LOCK_TIMEOUT with advice', () => {
    const e = statementFailed({ statement: { sql: 'X', transactional: false }, index: 0, total: 1, executed: [], cause: 1, reason: 'late', rolledBack: false, outcome: 'It ran after the commit.', lockTimeoutMs: 250 });
    expect(e.code).toBe('APPLY.LOCK_TIMEOUT');
    expect(e.message).toBe('Statement 1 of 1 failed: late. It waited longer than the lock timeout (250 ms) for a lock another session holds: retry when the table is less busy, or wait longer with --lock-timeout <ms> (lockTimeout in odac.config). It ran after the commit. Statement: X');
    expect(e.rolledBack).toBe(false);
  });
});

describe('transaction and lock errors', () => {
  it('transactionFailed: rolled back, lock timeouts coded as such', () => {
    expect(transactionFailed('db', 'no', 1, false)).toMatchObject({ code: 'APPLY.STATEMENT_FAILED', rolledBack: true, executed: [], message: 'Could not run the migration transaction in db: no. Nothing was changed.' });
    expect(transactionFailed('db', 'no', 1, true, [s1]).code).toBe('APPLY.LOCK_TIMEOUT');
  });

  it('migratorLockTimeout names where and how long', () => {
    const e = migratorLockTimeout('database "app"', 3000, { database: 'app' });
    expect(e.code).toBe('APPLY.LOCK_TIMEOUT');
    expect(e.message).toContain('held the migrator lock on database "app" for more than 3000 ms');
    expect(e.details).toEqual({ database: 'app', waitedMs: 3000 });
  });

  it('holdingLock releases after success and failure; a failing release is ignored', async () => {
    const released: string[] = [];
    await expect(holdingLock(async () => 'ok', async () => released.push('a'))).resolves.toBe('ok');
    await expect(holdingLock(async () => Promise.reject(new Error('fn')), async () => released.push('b'))).rejects.toThrow('fn');
    await expect(holdingLock(async () => 1, async () => Promise.reject(new Error('release')))).resolves.toBe(1);
    expect(released).toEqual(['a', 'b']);
  });
});

describe('readRowQueries', () => {
  it('runs each query\'s texts in order and joins their rows per query', async () => {
    const ran: string[] = [];
    const values = Array.from({ length: 501 }, (_, i) => i);
    const out = await readRowQueries(
      [{ table: 't', columns: ['id'], where: { column: 'id', values } }, { table: 'u', columns: ['a', 'b'] }],
      { quote: (n) => `"${n}"`, literal: (v) => String(v) },
      async (sql) => {
        ran.push(sql.slice(0, 24));
        return [[ran.length]];
      },
    );
    expect(ran).toEqual(['SELECT "id" FROM "t" WHE', 'SELECT "id" FROM "t" WHE', 'SELECT "a", "b" FROM "u"']);
    expect(out).toEqual([[[1], [2]], [[3]]]);
  });
});

describe('boundedRead', () => {
  const how = (log: string[]) => ({
    adapter: 'Db',
    address: 'db://h:1/app',
    timeoutMs: 2000,
    timedOut: (e: unknown) => (e as Error).message === 'timeout',
    lost: (e: unknown) => (e as Error).message === 'gone',
    stalled: () => void log.push('stalled'),
  });

  it('passes the value and other errors through untouched', async () => {
    const log: string[] = [];
    await expect(boundedRead(async () => 7, how(log))).resolves.toBe(7);
    const other = new Error('syntax');
    await expect(boundedRead(async () => Promise.reject(other), how(log))).rejects.toBe(other);
    expect(log).toEqual([]);
  });

  it('an expired timeout is CONNECT.TIMEOUT, a lost session CONNECT.LOST; both mark the session stalled', async () => {
    const log: string[] = [];
    await expect(boundedRead(async () => Promise.reject(new Error('timeout')), how(log))).rejects.toMatchObject({ code: 'CONNECT.TIMEOUT' });
    await expect(boundedRead(async () => Promise.reject(new Error('gone')), how(log))).rejects.toMatchObject({ code: 'CONNECT.LOST' });
    expect(log).toEqual(['stalled', 'stalled']);
  });
});
