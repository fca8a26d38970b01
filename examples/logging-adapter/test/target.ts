/**
 * What the conformance kit needs from this package's tests: a fresh SQLite
 * file per scenario and a tiny better-sqlite3 client to seed and read rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DriverAdapter } from '@odac/core';
import type { ConformanceTarget, Row, TestClient } from '@odac/adapter-testkit';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function openClient(url: string): TestClient {
  const db = new Database(url.replace(/^sqlite:/, ''));
  return {
    async insert(table, rows) {
      db.transaction(() => {
        for (const row of rows) {
          const cols = Object.keys(row);
          // better-sqlite3 binds no booleans.
          const values = cols.map((c) => (typeof row[c] === 'boolean' ? Number(row[c]) : row[c]));
          db.prepare(`INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
        }
      })();
    },
    async select(table, orderBy) {
      const order = orderBy && orderBy.length > 0 ? ` ORDER BY ${orderBy.map(quote).join(', ')}` : ' ORDER BY rowid';
      return db.prepare(`SELECT * FROM ${quote(table)}${order}`).all() as Row[];
    },
    async exec(sql) {
      db.exec(sql);
    },
    async close() {
      db.close();
    },
  };
}

/** A conformance target for `adapter` on temporary SQLite files. */
export function sqliteTarget(adapter: DriverAdapter): ConformanceTarget {
  return {
    adapter,
    async createDatabase() {
      const dir = mkdtempSync(join(tmpdir(), 'odac-logging-'));
      return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
    openClient: async (url) => openClient(url),
  };
}
