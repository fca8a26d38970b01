/**
 * Column collations and charsets survive pull on MariaDB/MySQL (issue 10):
 * built with the server's own SQL (a charset alone, a charset with a
 * collation, a collation alone, one equal to the table's default, on text,
 * enum and set columns, under a unique index and a foreign key), pulled,
 * migrated from the pulled files into an empty database and compared with
 * the independent catalog dump (information_schema's CHARACTER_SET_NAME and
 * COLLATION_NAME, SHOW CREATE TABLE); the second plan is empty. The files
 * name a collation only where it is not the table's default.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { mysqlKind } from '../support/databases.js';
import { mysqlCatalogDump, type MysqlCatalogDump } from '../support/mysql-catalog.js';
import { expectCleanRoundTrip, pullRoundTrip } from '../support/round-trip.js';

describeWithServer('mysql', 'column collations on MariaDB/MySQL: pull round trip', (server) => {
  const kind = mysqlKind(() => server.url());

  test('column charsets and collations are pulled and rebuilt', async () => {
    const sql = `
      CREATE TABLE p (code varchar(10) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
      CREATE TABLE c (
        id int NOT NULL PRIMARY KEY,
        code varchar(10) COLLATE utf8mb4_bin,
        latin varchar(20) CHARACTER SET latin1,
        latin_bin char(3) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'abc',
        same varchar(5) COLLATE utf8mb4_unicode_ci,
        body text CHARACTER SET utf8mb3,
        mood enum('a','b') COLLATE utf8mb4_bin,
        tags set('x','y') CHARACTER SET ascii,
        UNIQUE KEY uq_latin (latin),
        CONSTRAINT fk_code FOREIGN KEY (code) REFERENCES p (code)
      ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
    const trip = await pullRoundTrip(kind, (url) => kind.exec(url, sql), [], mysqlCatalogDump);
    expectCleanRoundTrip(trip, kind.adapter);
    const dump = trip.dumps?.y as MysqlCatalogDump;
    const latin1 = dump.columns.find((c) => c['column'] === 'latin')?.['collation'];
    expect(dump.columns.filter((c) => c['table'] === 'c' && c['collation'] !== null).map((c) => [c['column'], c['charset'], c['collation']])).toEqual([
      ['code', 'utf8mb4', 'utf8mb4_bin'],
      ['latin', 'latin1', latin1],
      ['latin_bin', 'latin1', 'latin1_bin'],
      ['same', 'utf8mb4', 'utf8mb4_unicode_ci'],
      ['body', 'utf8mb3', expect.stringMatching(/^utf8(mb3)?_general_ci$/)],
      ['mood', 'utf8mb4', 'utf8mb4_bin'],
      ['tags', 'ascii', 'ascii_general_ci'],
    ]);
    const file = trip.files['c.js'] ?? '';
    expect(file).toContain(`collation: '${String(latin1)}'`);
    expect(file).toContain("collation: 'latin1_bin'");
    expect(file).toContain("same: { type: 'string', length: 5 },");
  });
});
