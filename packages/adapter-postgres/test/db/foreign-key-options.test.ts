/**
 * Foreign keys' DEFERRABLE and MATCH FULL against a real server (issue #3):
 * created as declared, read back so a second plan is empty, and a change of
 * either is exactly one drop and one add, applied in the one transaction.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { ApplyError, migrate, plan, type ForeignKey, type Schema } from '@odac/core';
import adapter from '../../src/index.js';
import { col, fk, increments, int, table, useDatabase } from '../helpers.js';

/** Authors; books by an author (single column); order lines keyed by (order_id, line_no); shipments of a line (composite). */
function store(writtenBy: Partial<ForeignKey>, shipsLine: Partial<ForeignKey>): Schema {
  return {
    tables: [
      table('authors', [increments(), col('name', { kind: 'string', length: 50 }, { nullable: false })]),
      table('books', [increments(), col('author_id', int())], { foreignKeys: [{ ...fk(['author_id'], 'authors', ['id']), ...writtenBy }] }),
      table('order_lines', [col('order_id', int(), { nullable: false }), col('line_no', int(), { nullable: false })], {
        primaryKey: { columns: ['order_id', 'line_no'] },
      }),
      table('shipments', [increments(), col('order_id', int()), col('line_no', int())], {
        foreignKeys: [{ ...fk(['order_id', 'line_no'], 'order_lines', ['order_id', 'line_no'], 'CASCADE'), ...shipsLine }],
      }),
    ],
  };
}

interface CatalogKey {
  readonly conname: string;
  readonly condeferrable: boolean;
  readonly condeferred: boolean;
  readonly confmatchtype: string;
}

describeWithServer('postgres', 'postgres: foreign key DEFERRABLE and MATCH FULL', (server) => {
  const pg = useDatabase(server, 'each');

  const keys = (): Promise<CatalogKey[]> =>
    pg.client.query<CatalogKey>(
      `SELECT conname::text AS conname, condeferrable, condeferred, confmatchtype::text AS confmatchtype FROM pg_constraint WHERE contype = 'f' ORDER BY conname`,
    );

  it('creates deferrable, deferred and MATCH FULL keys, reads them back, and plans nothing next', async () => {
    const desired = store({ deferrable: 'deferred' }, { deferrable: 'immediate', match: 'full' });
    const result = await migrate({ adapter, url: pg.db.url, schema: desired });
    expect(result.remaining).toEqual([]);
    expect(result.applied.map((s) => s.sql).filter((s) => s.includes('FOREIGN KEY'))).toEqual([
      'ALTER TABLE "books" ADD CONSTRAINT "fk_books_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") DEFERRABLE INITIALLY DEFERRED',
      'ALTER TABLE "shipments" ADD CONSTRAINT "fk_shipments_order_id_line_no" FOREIGN KEY ("order_id", "line_no") REFERENCES "order_lines" ("order_id", "line_no") MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE',
    ]);
    expect(await keys()).toEqual([
      { conname: 'fk_books_author_id', condeferrable: true, condeferred: true, confmatchtype: 's' },
      { conname: 'fk_shipments_order_id_line_no', condeferrable: true, condeferred: false, confmatchtype: 'f' },
    ]);

    const again = await plan({ adapter, url: pg.db.url, schema: desired });
    expect(again.plan.operations).toEqual([]);
    const books = again.current.tables.find((t) => t.name === 'books');
    const shipments = again.current.tables.find((t) => t.name === 'shipments');
    expect(books?.foreignKeys[0]).toMatchObject({ deferrable: 'deferred' });
    expect(books?.foreignKeys[0]?.match).toBeUndefined();
    expect(shipments?.foreignKeys[0]).toMatchObject({ deferrable: 'immediate', match: 'full' });
  });

  it('behaves as declared: a deferred key is checked at commit, MATCH FULL refuses a half-NULL reference', async () => {
    await migrate({ adapter, url: pg.db.url, schema: store({ deferrable: 'deferred' }, { match: 'full' }) });
    // The child first, the parent later, in one transaction: fine only because the key is deferred.
    await pg.client.exec(`BEGIN; INSERT INTO books (id, author_id) VALUES (1, 7); INSERT INTO authors (id, name) VALUES (7, 'Le Guin'); COMMIT`);
    expect(await pg.client.query('SELECT author_id FROM books')).toEqual([{ author_id: 7 }]);
    // MATCH SIMPLE would accept this row unchecked.
    const refused = await pg.client.exec(`INSERT INTO shipments (order_id, line_no) VALUES (1, NULL)`).then(
      () => undefined,
      (e: { message: string; detail?: string }) => e,
    );
    expect(refused?.message).toContain('fk_shipments_order_id_line_no');
    expect(refused?.detail).toContain('MATCH FULL');
  });

  it('adds a deferred MATCH FULL key NOT VALID and validates it after commit in online mode', async () => {
    const withoutKeys = store({}, {});
    await migrate({ adapter, url: pg.db.url, schema: { tables: withoutKeys.tables.map((t) => ({ ...t, foreignKeys: [] })) } });
    const desired = store({}, { deferrable: 'deferred', match: 'full' });
    const result = await migrate({ adapter, url: pg.db.url, schema: desired, emit: { online: true } });
    expect(result.applied.map((s) => s.sql)).toContain(
      'ALTER TABLE "shipments" ADD CONSTRAINT "fk_shipments_order_id_line_no" FOREIGN KEY ("order_id", "line_no") REFERENCES "order_lines" ("order_id", "line_no") MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED NOT VALID',
    );
    expect(result.remaining).toEqual([]);
    const [validated] = await pg.client.query<{ convalidated: boolean }>(`SELECT convalidated FROM pg_constraint WHERE conname = 'fk_shipments_order_id_line_no'`);
    expect(validated).toEqual({ convalidated: true });
  });

  it('rolls everything back when MATCH FULL meets a half-NULL reference', async () => {
    await migrate({ adapter, url: pg.db.url, schema: store({}, {}) });
    await pg.client.exec(`INSERT INTO order_lines VALUES (1, 1); INSERT INTO shipments (order_id, line_no) VALUES (1, NULL)`);
    const error = await migrate({ adapter, url: pg.db.url, schema: store({ deferrable: 'deferred' }, { match: 'full' }) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).rolledBack).toBe(true);
    expect(await keys()).toEqual([
      { conname: 'fk_books_author_id', condeferrable: false, condeferred: false, confmatchtype: 's' },
      { conname: 'fk_shipments_order_id_line_no', condeferrable: false, condeferred: false, confmatchtype: 's' },
    ]);
  });

  it.each<[string, Partial<ForeignKey>, Partial<ForeignKey>]>([
    ['make a key deferrable', {}, { deferrable: 'immediate' }],
    ['deferred → immediate', { deferrable: 'deferred' }, { deferrable: 'immediate' }],
    ['deferrable → not deferrable', { deferrable: 'deferred' }, {}],
    ['add MATCH FULL', {}, { match: 'full' }],
    ['drop MATCH FULL', { match: 'full' }, {}],
  ])('%s: exactly one drop and one add, in the transaction, then nothing', async (_label, from, to) => {
    await migrate({ adapter, url: pg.db.url, schema: store({}, from) });
    await pg.client.exec(`INSERT INTO order_lines VALUES (1, 1), (1, 2); INSERT INTO shipments (order_id, line_no) VALUES (1, 1), (1, 2), (NULL, NULL)`);

    const result = await migrate({ adapter, url: pg.db.url, schema: store({}, to) });
    expect(result.plan.operations.map((o) => `${o.kind} ${o.table}`)).toEqual(['dropForeignKey shipments', 'addForeignKey shipments']);
    expect(result.applied).toHaveLength(2);
    expect(result.applied.every((s) => s.transactional)).toBe(true);
    expect(result.applied[0]?.sql).toBe('ALTER TABLE "shipments" DROP CONSTRAINT "fk_shipments_order_id_line_no"');
    expect(result.remaining).toEqual([]);

    const [key] = await keys().then((k) => k.filter((x) => x.conname === 'fk_shipments_order_id_line_no'));
    expect(key).toEqual({
      conname: 'fk_shipments_order_id_line_no',
      condeferrable: to.deferrable !== undefined,
      condeferred: to.deferrable === 'deferred',
      confmatchtype: to.match === 'full' ? 'f' : 's',
    });
    expect((await plan({ adapter, url: pg.db.url, schema: store({}, to) })).plan.operations).toEqual([]);
    expect(await pg.client.query('SELECT count(*)::int AS n FROM shipments')).toEqual([{ n: 3 }]);
  });
});
