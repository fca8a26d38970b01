/**
 * An independent MySQL/MariaDB catalog dump, the judge of the lossless round
 * trips (issue 10): `information_schema` rows and the server's own `SHOW
 * CREATE TABLE`, never odac's introspection, so a detail odac's model drops
 * still shows up as a difference between source and copy. Only the
 * `AUTO_INCREMENT=n` counter is taken out of `SHOW CREATE TABLE` (it counts
 * rows inserted, not schema) and its index lines are put in name order
 * (creation order, not schema).
 */
import { createRequire } from 'node:module';
import path from 'node:path';

interface MysqlConnection {
  query(sql: string): Promise<[unknown, unknown]>;
  end(): Promise<unknown>;
}

const { createConnection } = createRequire(path.resolve(__dirname, '..', '..', '..', 'adapter-mysql', 'package.json'))('mysql2/promise') as {
  createConnection: (options: { uri: string }) => Promise<MysqlConnection>;
};

const TABLES = `
SELECT TABLE_NAME AS \`table\`, ENGINE AS engine, TABLE_COLLATION AS collation, CREATE_OPTIONS AS options, TABLE_COMMENT AS comment
FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY BINARY TABLE_NAME`;

const COLUMNS = `
SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`, ORDINAL_POSITION AS position, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
  COLUMN_DEFAULT AS \`default\`, EXTRA AS extra, CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation,
  GENERATION_EXPRESSION AS generation, COLUMN_COMMENT AS comment
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY BINARY TABLE_NAME, 3`;

const INDEXES = `
SELECT TABLE_NAME AS \`table\`, INDEX_NAME AS name, SEQ_IN_INDEX AS seq, COLUMN_NAME AS \`column\`, SUB_PART AS sub_part,
  COLLATION AS collation, NON_UNIQUE AS non_unique, INDEX_TYPE AS type
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY BINARY TABLE_NAME, BINARY INDEX_NAME, 3`;

const CONSTRAINTS = `
SELECT tc.TABLE_NAME AS \`table\`, tc.CONSTRAINT_NAME AS name, tc.CONSTRAINT_TYPE AS type,
  r.UPDATE_RULE AS update_rule, r.DELETE_RULE AS delete_rule, r.REFERENCED_TABLE_NAME AS referenced
FROM information_schema.TABLE_CONSTRAINTS tc
LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND r.TABLE_NAME = tc.TABLE_NAME
WHERE tc.TABLE_SCHEMA = DATABASE() ORDER BY BINARY tc.TABLE_NAME, BINARY tc.CONSTRAINT_NAME, 3`;

export interface MysqlCatalogDump {
  readonly tables: readonly Record<string, unknown>[];
  readonly columns: readonly Record<string, unknown>[];
  readonly indexes: readonly Record<string, unknown>[];
  readonly constraints: readonly Record<string, unknown>[];
  /** `SHOW CREATE TABLE` by table name, without the `AUTO_INCREMENT=n` counter. */
  readonly create: Readonly<Record<string, string>>;
}

const KEY_LINE = /^\s*(UNIQUE |FULLTEXT |SPATIAL )?KEY /;

/**
 * `SHOW CREATE TABLE` with its secondary index lines in name order (and the
 * commas between lines taken off): the server lists them in creation order,
 * which says nothing about the table.
 */
function withKeysSorted(create: string): string {
  const lines = create.split('\n').map((line) => line.replace(/,$/, ''));
  const keys = lines.filter((line) => KEY_LINE.test(line)).sort();
  return lines.map((line) => (KEY_LINE.test(line) ? (keys.shift() as string) : line)).join('\n');
}

/** The database at `url`, as MySQL/MariaDB itself describes it. */
export async function mysqlCatalogDump(url: string): Promise<MysqlCatalogDump> {
  const conn = await createConnection({ uri: url });
  try {
    const rows = async (sql: string): Promise<Record<string, unknown>[]> => (await conn.query(sql))[0] as Record<string, unknown>[];
    const tables = await rows(TABLES);
    const create: Record<string, string> = {};
    for (const t of tables) {
      const name = String(t['table']);
      const [row] = await rows(`SHOW CREATE TABLE \`${name.replace(/`/g, '``')}\``);
      create[name] = withKeysSorted(String(row?.['Create Table']).replace(/ AUTO_INCREMENT=\d+/, ''));
    }
    return { tables, columns: await rows(COLUMNS), indexes: await rows(INDEXES), constraints: await rows(CONSTRAINTS), create };
  } finally {
    await conn.end();
  }
}

/** The rows of one query at `url` (e.g. a table's data, to show it survived a migration). */
export async function mysqlRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const conn = await createConnection({ uri: url });
  try {
    return (await conn.query(sql))[0] as Record<string, unknown>[];
  } finally {
    await conn.end();
  }
}
