/**
 * `odac diagram`: the schema as a picture. From the schema files (the
 * default) or, with `--url`, from a live database (read-only). Mermaid
 * `erDiagram` text by default, `--format html` for a self-contained page with
 * an SVG drawing; to stdout, or to the file given with `--output`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSchema, OdacError, selectTables, type Schema } from '@odac/core';
import type { CommandFlags, ParsedArgs } from '../args.js';
import type { LoadedConfig } from '../config.js';
import type { CliIO } from '../context.js';
import { renderHtml } from '../render/diagram/html.js';
import { renderMermaid } from '../render/diagram/mermaid.js';
import { toDiagram } from '../render/diagram/model.js';
import { EXIT_OK, tableSelection, type CommandContext } from './context.js';
import { introspectDatabase } from './source-database.js';

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

function write(io: CliIO, schema: Schema, flags: Pick<CommandFlags, 'format' | 'output' | 'tables' | 'exclude'>, title: string): number {
  const selected = selectTables(schema, tableSelection(flags));
  const diagram = toDiagram(selected);
  const text = flags.format === 'html' ? renderHtml(diagram, title) : renderMermaid(diagram);
  if (flags.output === undefined) {
    io.stdout.write(text);
    return EXIT_OK;
  }
  const file = path.resolve(io.cwd, flags.output);
  try {
    writeFileSync(file, text);
  } catch (cause) {
    throw new OdacError('CLI.BAD_ARGUMENTS', `Could not write the diagram to ${display(file, io.cwd)}: ${cause instanceof Error ? cause.message : String(cause)}. Check that the directory exists and is writable.`, { cause });
  }
  io.stderr.write(`Wrote ${display(file, io.cwd)}: ${diagram.tables.length} tables, ${diagram.edges.length} foreign keys.\n`);
  return EXIT_OK;
}

/** `odac diagram` without `--url`: from the schema files. */
export async function runDiagramFromFiles(parsed: Extract<ParsedArgs, { kind: 'command' }>, io: CliIO, config: LoadedConfig | undefined): Promise<number> {
  const dir = parsed.flags.schema !== undefined ? path.resolve(io.cwd, parsed.flags.schema) : config?.config.schema ?? path.resolve(io.cwd, 'schema');
  // A diagram draws what the files say, references to tables they do not define included.
  const { schema } = await loadSchema(dir, { allowExternalReferences: true });
  return write(io, schema, parsed.commandFlags, `Schema: ${display(dir, io.cwd) || '.'}`);
}

/** `odac diagram --url`: from a live database. */
export async function runDiagram(ctx: CommandContext, flags: CommandFlags): Promise<number> {
  const schema = await introspectDatabase(ctx, ctx.adapter, ctx.settings.url);
  return write(ctx.io, schema, flags, `Schema: ${ctx.adapter.name} database`);
}
