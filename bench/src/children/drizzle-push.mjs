// Child: drizzle-kit's programmatic push (drizzle-kit/api) of a generated schema module.
// With --apply, runs the statements (to create the database); without, it must be a no-op.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [dialect, url, moduleFile, mode] = process.argv.slice(2);
const t0 = performance.now();
const api = await import('drizzle-kit/api');
const imports = await import(pathToFileURL(moduleFile).href);
let result;
let close;
let apply = () => result.apply();
if (dialect === 'postgres') {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  close = () => client.end();
  result = await api.pushSchema(imports, drizzle(client));
} else if (dialect === 'mariadb') {
  const { default: mysql } = await import('mysql2/promise');
  const { drizzle } = await import('drizzle-orm/mysql2');
  const connection = await mysql.createConnection(url);
  close = () => connection.end();
  result = await api.pushMySQLSchema(imports, drizzle(connection), new URL(url).pathname.slice(1));
} else {
  const { default: Database } = await import('better-sqlite3');
  const { drizzle } = await import('drizzle-orm/better-sqlite3');
  const db = new Database(url.slice('sqlite:'.length));
  close = async () => db.close();
  result = await api.pushSQLiteSchema(imports, drizzle(db));
  // drizzle-kit's apply() runs DDL through .all(), which better-sqlite3 refuses for statements returning no rows.
  apply = async () => db.exec(result.statementsToExecute.join(';\n'));
}
const statements = result.statementsToExecute.length;
if (mode === '--apply') await apply();
else if (statements !== 0) throw new Error(`drizzle-kit planned ${statements} statements on a database it created itself:\n${result.statementsToExecute.slice(0, 5).join('\n')}`);
await close();
console.log(JSON.stringify({ statements, innerMs: performance.now() - t0 }));
