import { ApplyError, type Statement } from '@odac/core';
import { ONLINE_SUFFIX, runStatements } from '@odac/adapter-mysql';

const st = (sql: string, table = 't'): Statement => ({ sql, transactional: false, table });
const plan = [st('ALTER TABLE `a` DROP FOREIGN KEY `f`', 'a'), st('ALTER TABLE `b` ADD COLUMN `c` int NULL', 'b'), st('ALTER TABLE `a` ADD CONSTRAINT `f` …', 'a')];

function recorder(failOn?: string, error: unknown = new Error('boom')) {
  const ran: string[] = [];
  return {
    ran,
    executor: {
      async execute(sql: string) {
        if (sql === failOn) throw error;
        ran.push(sql);
      },
    },
  };
}

async function failure(p: Promise<unknown>): Promise<ApplyError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApplyError) return e;
    throw e;
  }
  throw new Error('expected an ApplyError');
}

describe('runStatements', () => {
  it('runs every statement in order', async () => {
    const { ran, executor } = recorder();
    const result = await runStatements(executor, plan);
    expect(ran).toEqual(plan.map((s) => s.sql));
    expect(result.executed).toEqual(plan);
  });

  it('stops at a failing statement and says what ran and that a re-run converges', async () => {
    const { ran, executor } = recorder(plan[1]?.sql, new Error("Table 'b' is read only"));
    const e = await failure(runStatements(executor, plan));
    expect(ran).toEqual([plan[0]?.sql]);
    expect(e.code).toBe('APPLY.STATEMENT_FAILED');
    expect(e.rolledBack).toBe(false);
    expect(e.executed).toEqual([plan[0]]);
    expect(e.statement).toBe(plan[1]);
    expect(e.message).toContain('Statement 2 of 3 failed on table "b"');
    expect(e.message).toContain("Table 'b' is read only");
    expect(e.message).toContain('partially migrated');
    expect(e.message).toContain('1. ALTER TABLE `a` DROP FOREIGN KEY `f`');
    expect(e.message).toContain('odac migrate');
  });

  it.each([0, 1, 2])('treats an exception from onStatement at index %i like a failed statement', async (k) => {
    const { ran, executor } = recorder();
    const seen: [number, number][] = [];
    const e = await failure(
      runStatements(executor, plan, {
        onStatement: (_s, i, total) => {
          seen.push([i, total]);
          if (i === k) throw new Error('injected');
        },
      }),
    );
    expect(ran).toEqual(plan.slice(0, k).map((s) => s.sql));
    expect(e.executed).toHaveLength(k);
    expect(seen).toEqual(Array.from({ length: k + 1 }, (_, i) => [i, 3]));
  });

  it('retries an online ALTER the server cannot do in place, with a warning', async () => {
    // The emitter attaches the plain form as the fallback; apply never edits the SQL text.
    const online: Statement = { ...st('ALTER TABLE `t` MODIFY COLUMN `c` bigint NULL' + ONLINE_SUFFIX), fallback: 'ALTER TABLE `t` MODIFY COLUMN `c` bigint NULL' };
    const refusal = Object.assign(new Error('ALGORITHM=INPLACE is not supported. Reason: Cannot change column type INPLACE. Try ALGORITHM=COPY.'), {
      code: 'ER_ALTER_OPERATION_NOT_SUPPORTED_REASON',
      errno: 1846,
    });
    const { ran, executor } = recorder(online.sql, refusal);
    const result = await runStatements(executor, [online]);
    expect(ran).toEqual(['ALTER TABLE `t` MODIFY COLUMN `c` bigint NULL']);
    expect(result.executed[0]?.sql).toBe('ALTER TABLE `t` MODIFY COLUMN `c` bigint NULL');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('Cannot change column type INPLACE');
  });

  it('does not retry other errors of an online ALTER', async () => {
    const online = st('ALTER TABLE `t` ADD INDEX `i` (`x`)' + ONLINE_SUFFIX);
    const { executor } = recorder(online.sql, Object.assign(new Error("Key column 'x' doesn't exist"), { code: 'ER_KEY_COLUMN_DOES_NOT_EXITS', errno: 1072 }));
    const e = await failure(runStatements(executor, [online]));
    expect(e.executed).toEqual([]);
    expect(e.message).toContain('database is unchanged');
  });
});
