/**
 * The shared blog suite (`describeBlog`) on SQLite files, with what only
 * SQLite shows: the keys as `pragma_foreign_key_list` reports them, keys
 * enforced again for ordinary connections after a migration, and a clean
 * `PRAGMA foreign_key_check` after the rebuild that changed one.
 */
import * as path from 'node:path';
import { describeBlog } from '@odac/adapter-testkit';
import { conformanceTarget, withRaw } from '../support.js';

const raw = <T>(url: string, fn: Parameters<typeof withRaw<T>>[1]): T => withRaw(url.replace(/^sqlite:/, ''), fn);
type Key = { table: string; from: string; to: string; on_delete: string; on_update: string };
const keys = (url: string, table: string): Key[] =>
  raw(url, (db) => db.prepare('SELECT "table", "from", "to", on_delete, on_update FROM pragma_foreign_key_list(?) ORDER BY id').all(table) as Key[]);

describeBlog(conformanceTarget, {
  exampleDir: path.resolve(__dirname, '../../../../examples/blog/schema'),
  afterCreate: async (url, result) => {
    // Tables first, then their indexes (SQLite creates them apart).
    expect(result.plan.operations.map((o) => `${o.kind}:${o.table}`)).toEqual([
      ...['comments', 'post_tags', 'posts', 'tags', 'users'].map((t) => `createTable:${t}`),
      ...['comments', 'tags', 'users'].map((t) => `addIndex:${t}`),
    ]);
    expect(keys(url, 'posts')).toEqual([{ table: 'users', from: 'user_id', to: 'id', on_delete: 'CASCADE', on_update: 'CASCADE' }]);
    expect(keys(url, 'post_tags').map((k) => `${k.table} ${k.on_delete}`)).toEqual(['tags CASCADE', 'posts CASCADE']);
    expect(() => raw(url, (db) => db.exec("INSERT INTO posts (title, user_id) VALUES ('x', 999)"))).toThrow(/FOREIGN KEY/);
  },
  afterChange: async (url) => {
    expect(keys(url, 'posts')).toEqual([{ table: 'users', from: 'user_id', to: 'id', on_delete: 'SET NULL', on_update: 'CASCADE' }]);
    expect(raw(url, (db) => db.prepare('PRAGMA foreign_key_check').all())).toEqual([]);
  },
});
