/**
 * Named scenarios for bugs the randomized convergence test found. Each one
 * says what it guards; add new ones as the fuzzer prints them.
 */
import { col, fk, schema, table } from '../build.js';
import { scenario, type Scenario } from '../scenario.js';

const countries = (length: number) => table('countries', [col.string('code', length, { nullable: false })], { primaryKey: ['code'] });
const addresses = (length: number) =>
  table('addresses', [col.increments('id'), col.string('country_code', length, { nullable: false })], {
    foreignKeys: [fk('country_code', 'countries', 'code')],
  });

export const regressionScenarios: Scenario[] = [
  scenario({
    name: 'regression-key-column-changes-while-referencing-table-is-dropped',
    description:
      'Found by random convergence on MySQL: the referenced column changed type before the table holding the key was dropped, ' +
      'and MySQL refuses to change a column a foreign key uses. The key must go first.',
    from: schema(countries(3), addresses(3)),
    to: schema(countries(2)),
    seed: { countries: [{ code: 'FR' }], addresses: [{ id: 1, country_code: 'FR' }] },
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  }),
  scenario({
    name: 'regression-key-column-widens-while-referencing-table-is-dropped',
    description: 'The same as above with a widening change, which needs no allowDestructive for the column.',
    from: schema(countries(2), addresses(2)),
    to: schema(countries(8)),
    seed: { countries: [{ code: 'FR' }], addresses: [{ id: 1, country_code: 'FR' }] },
    allowDestructive: true,
    dropUnmanagedTables: true,
    expect: { kind: 'converges' },
  }),
];
