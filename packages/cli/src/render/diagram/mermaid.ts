/**
 * Mermaid `erDiagram` text (https://mermaid.js.org/syntax/entityRelationshipDiagram.html):
 * one entity per table with its columns, one relationship per foreign key,
 * from the referenced table (one) to the referencing one (many), labelled
 * with the key's columns and actions.
 */
import type { Diagram } from './model.js';

// Mermaid attribute types and names are words; anything else becomes `_` (the real name goes into the comment).
function word(text: string): string {
  const w = text.replace(/[^A-Za-z0-9_()[\]-]/g, '_');
  return /^[A-Za-z_]/.test(w) ? w : `_${w}`;
}

function entity(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : `"${name.replace(/"/g, "'")}"`;
}

function label(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

export function renderMermaid(diagram: Diagram): string {
  const lines = ['erDiagram'];
  for (const table of diagram.tables) {
    lines.push(`  ${entity(table.name)} {`);
    for (const c of table.columns) {
      const notes = [c.nullable ? 'null' : 'not null', ...(word(c.name) !== c.name ? [`column ${c.name}`] : []), ...(word(c.type) !== c.type ? [c.type] : [])];
      const keys = c.keys.length > 0 ? ` ${c.keys.join(', ')}` : '';
      lines.push(`    ${word(c.type)} ${word(c.name)}${keys} ${label(notes.join('; '))}`);
    }
    lines.push('  }');
  }
  for (const e of diagram.edges) {
    const text = `${e.from}.${e.fromColumns.join(', ')}${e.actions ? ` ${e.actions}` : ''}`;
    // One parent (`||`, or `|o` when the key column is nullable) to zero or more children.
    lines.push(`  ${entity(e.to)} ${e.optional ? '|o' : '||'}--o{ ${entity(e.from)} : ${label(text)}`);
  }
  return lines.join('\n') + '\n';
}
