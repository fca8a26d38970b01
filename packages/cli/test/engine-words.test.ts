/**
 * Issue 14: the engine speaks of options and engine codes; only the CLI
 * spells flags. A missing schema is `API.MISSING_OPTION` naming `schemaDir`
 * in core and the same `CLI.BAD_ARGUMENTS` message as before on the command
 * line; a skipped destructive change names `allowDestructive` in the plan
 * and `--allow-destructive` in what the CLI prints.
 */
import { computePlan, migrate, OdacError } from '@odac/core';
import { errorCode, errorJson, formatError } from '../src/errors.js';
import { flagFor } from '../src/flags.js';
import { renderPlan } from '../src/render/human.js';
import { sqlNotes } from '../src/render/sql.js';
import { createColors } from '../src/render/color.js';
import { createFakeAdapter, createFakeDatabase } from './helpers/fake-adapter.js';
import { col, schema, table } from './helpers/model.js';

describe('engine errors and options in CLI words', () => {
  it('a missing schema: an engine code and option name in core, flags in the CLI message', async () => {
    const adapter = createFakeAdapter(createFakeDatabase());
    const err = await migrate({ adapter, url: 'fake://db' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OdacError);
    expect((err as OdacError).code).toBe('API.MISSING_OPTION');
    expect((err as OdacError).details).toEqual({ option: 'schemaDir' });
    expect((err as OdacError).message).not.toMatch(/--/);
    expect(errorCode(err)).toBe('CLI.BAD_ARGUMENTS');
    expect(formatError(err)).toBe('error[CLI.BAD_ARGUMENTS]: No schema given: pass a schema directory (--schema) or a source database (--to-url).\n');
    expect(JSON.parse(errorJson(err)).error.code).toBe('CLI.BAD_ARGUMENTS');
  });

  it('a skipped drop names the option in the plan and the flag in the CLI', () => {
    const adapter = createFakeAdapter(createFakeDatabase());
    const current = schema(table('users', [col('id'), col('legacy')]));
    const result = computePlan(adapter, current, schema(table('users', [col('id')])));
    expect(result.plan.skipped.map((s) => s.allowWith)).toEqual(['allowDestructive']);
    expect(flagFor('allowDestructive')).toBe('--allow-destructive');
    expect(renderPlan(result, { colors: createColors(false), sql: false, mode: 'plan' })).toContain('run again with --allow-destructive');
    expect(sqlNotes(result)).toContain('-- skipped (needs --allow-destructive)');
  });
});
