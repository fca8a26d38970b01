/**
 * Issue 10, acceptance 2: a pulled PostgreSQL database with expression
 * indexes, serial and identity columns is pulled, the files are edited (a
 * column added) and migrated: nothing is dropped. Removing a unique
 * expression index or an identity from the files is integrity-destructive:
 * shown as a hazard and skipped unless `--allow-destructive` is given.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithServer } from '@odac/adapter-testkit';
import { importerWith } from '../helpers/importer.js';
import { runCli } from '../helpers/streams.js';
import { postgresKind } from '../support/databases.js';
import { pgCatalogDump, type CatalogDump } from '../support/pg-catalog.js';

const SOURCE = `
  CREATE TABLE accounts (id serial PRIMARY KEY, email text NOT NULL, name text, created timestamptz NOT NULL DEFAULT now());
  CREATE UNIQUE INDEX accounts_lower_email ON accounts (lower(email));
  CREATE INDEX accounts_recent ON accounts (created DESC) INCLUDE (name);
  CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id integer REFERENCES accounts (id), payload jsonb);
  CREATE INDEX events_payload ON events USING gin (payload);
  CREATE INDEX events_kind ON events ((payload->>'kind')) WHERE payload ? 'kind';`;

describeWithServer('postgres', 'pull, edit, migrate on PostgreSQL drops nothing without --allow-destructive', (server) => {
  const kind = postgresKind(() => server.url());
  const importModule = importerWith({ [kind.module]: { default: kind.adapter } });

  test('a column added to pulled files adds the column and keeps every index, sequence default and identity', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odac-pull-edit-'));
    const db = await kind.create();
    const odac = (argv: string[]) => runCli(argv, { cwd: dir, importModule });
    try {
      await kind.exec(db.url, SOURCE);
      const before = await pgCatalogDump(db.url);
      const out = path.join(dir, 'schema');
      expect((await odac(['pull', '--url', db.url, '--out', out])).code).toBe(0);

      // Edit 1: a column added. Only that column changes.
      const accountsFile = path.join(out, 'accounts.js');
      const pulled = readFileSync(accountsFile, 'utf8');
      writeFileSync(accountsFile, pulled.replace("columns: {", "columns: {\n    nickname: { type: 'string', length: 40 },"));
      const migrate = await odac(['migrate', '--url', db.url, '--schema', out]);
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).not.toMatch(/drop/i);
      const after = await pgCatalogDump(db.url);
      expect(after.indexes).toEqual(before.indexes);
      expect(after.sequences).toEqual(before.sequences);
      expect(after.constraints).toEqual(before.constraints);
      const withoutNickname = (d: CatalogDump) => d.columns.filter((c) => c['column'] !== 'nickname');
      expect(withoutNickname(after)).toEqual(withoutNickname(before));
      expect(after.columns.find((c) => c['column'] === 'nickname')?.['type']).toBe('character varying(40)');
      expect(await odac(['plan', '--url', db.url, '--schema', out])).toEqual({ code: 0, stdout: 'Nothing to do: the database matches the schema.\n', stderr: '' });

      // Edit 2: the unique expression index and the identity taken out of the files: skipped, shown as hazards.
      const edited = readFileSync(accountsFile, 'utf8').replace(/\{[^{}]*accounts_lower_email[^{}]*\},?\s*/, '');
      expect(edited).not.toContain('accounts_lower_email');
      writeFileSync(accountsFile, edited);
      const eventsFile = path.join(out, 'events.js');
      const events = readFileSync(eventsFile, 'utf8');
      expect(events).toContain("identity: 'always'");
      writeFileSync(eventsFile, events.replace(/id: \{[^}]*\}/, "id: { type: 'bigInteger', primary: true }"));
      const skipped = await odac(['migrate', '--url', db.url, '--schema', out]);
      expect(skipped.code).toBe(0);
      expect(skipped.stdout).toContain('Skipped 2 destructive changes');
      expect(skipped.stdout).toMatch(/drop unique index accounts_lower_email/);
      expect(skipped.stdout).toMatch(/events\.id/);
      const kept = await pgCatalogDump(db.url);
      expect(kept.indexes).toEqual(before.indexes);
      expect(kept.columns.find((c) => c['table'] === 'events' && c['column'] === 'id')?.['identity']).toBe('a');

      // With --allow-destructive they go.
      const allowed = await odac(['migrate', '--url', db.url, '--schema', out, '--allow-destructive', '--yes']);
      expect(allowed.code).toBe(0);
      const gone = await pgCatalogDump(db.url);
      expect(gone.indexes.map((i) => i['name'])).not.toContain('accounts_lower_email');
      expect(gone.columns.find((c) => c['table'] === 'events' && c['column'] === 'id')?.['identity']).toBe('');
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
