/**
 * Engine option names → the CLI's words for them. The engine names options
 * (`allowDestructive`); only the CLI spells flags.
 */
import { OdacError } from '@odac/core';

const FLAGS: Readonly<Record<string, string>> = {
  allowDestructive: '--allow-destructive',
  schemaDir: '--schema',
  schema: '--to-url',
};

/** The flag that sets an engine option (the option's own name when the CLI has none). */
export function flagFor(option: string): string {
  return FLAGS[option] ?? option;
}

/** An engine error about an option, said with the CLI's flags and code; any other error as it is. */
export function inCliWords(err: unknown): unknown {
  if (!(err instanceof OdacError) || (err.code !== 'API.MISSING_OPTION' && err.code !== 'API.INVALID_OPTION')) return err;
  const message =
    err.code === 'API.MISSING_OPTION' && err.details['option'] === 'schemaDir'
      ? 'No schema given: pass a schema directory (--schema) or a source database (--to-url).'
      : err.message;
  return new OdacError('CLI.BAD_ARGUMENTS', message, { cause: err, details: err.details });
}
