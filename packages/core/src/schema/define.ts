/**
 * `defineTable()`: an identity function whose type makes `.ts` schema files
 * autocomplete and fail to compile on mistakes, including misspelled option
 * names (`nulable`), which a plain `extends TableDefinition` would let through.
 */
import type { ColumnDefinition, ForeignKeyDefinition, IndexDefinition, TableDefinition } from './types.js';

/** `T`, with every key that `Shape` does not have typed `never`. */
type NoExtra<T, Shape> = T & { readonly [K in Exclude<keyof T, keyof Shape>]: never };

type ExactList<L, Shape> = L extends readonly (infer E)[] ? readonly NoExtra<E, Shape>[] : L;

/** A table definition with no keys beyond the format's, at any level. */
export type ExactTableDefinition<T extends TableDefinition> = NoExtra<T, TableDefinition> & {
  readonly columns: { readonly [C in keyof T['columns']]: NoExtra<T['columns'][C], ColumnDefinition> };
  readonly indexes?: ExactList<T['indexes'], IndexDefinition>;
  readonly foreignKeys?: ExactList<T['foreignKeys'], ForeignKeyDefinition>;
};

/** Identity helper giving `.ts` schema files autocomplete and type errors; literal types are kept. */
export function defineTable<const T extends TableDefinition>(definition: T & ExactTableDefinition<T>): T {
  return definition;
}
