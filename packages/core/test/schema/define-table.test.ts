import { buildSchema, defineTable, type TableDefinition } from '@odac/core';

describe('defineTable', () => {
  it('returns its argument unchanged, with literal types kept', () => {
    const def = { columns: { id: { type: 'increments' } } } as const;
    const out = defineTable(def);
    expect(out).toBe(def);
    const kind: 'increments' = out.columns.id.type;
    expect(kind).toBe('increments');
    expect(buildSchema([{ file: '/schema/t.ts', definition: out }]).schema.tables[0]?.name).toBe('t');
  });

  it('rejects wrong shapes at compile time (checked by tsc --noEmit over test/)', () => {
    const bad: TableDefinition[] = [
      // @ts-expect-error 'strin' is not a column type
      defineTable({ columns: { title: { type: 'strin' } } }),
      // @ts-expect-error nullable must be a boolean
      defineTable({ columns: { title: { type: 'string', nullable: 'no' } } }),
      // @ts-expect-error length must be a number
      defineTable({ columns: { title: { type: 'string', length: '255' } } }),
      // @ts-expect-error 'cascde' is not a foreign key action
      defineTable({ columns: { user_id: { type: 'integer', references: 'users.id', onDelete: 'cascde' } } }),
      // @ts-expect-error columns is required
      defineTable({ table: 'x' }),
      // @ts-expect-error indexes take column lists
      defineTable({ columns: { a: { type: 'integer' } }, indexes: [{ columns: 'a' }] }),
      // @ts-expect-error misspelled column option
      defineTable({ columns: { title: { type: 'string', nulable: false } } }),
      // @ts-expect-error misspelled table key
      defineTable({ columns: { title: { type: 'string' } }, indexs: [] }),
      // @ts-expect-error misspelled index key
      defineTable({ columns: { title: { type: 'string' } }, indexes: [{ columns: ['title'], uniqe: true }] }),
      // @ts-expect-error misspelled foreign key option
      defineTable({ columns: { a: { type: 'integer' } }, foreignKeys: [{ columns: ['a'], references: { table: 't', columns: ['id'] }, ondelete: 'CASCADE' }] }),
    ];
    // At run time these are only objects; validation is buildSchema's job.
    expect(bad).toHaveLength(10);
  });
});
