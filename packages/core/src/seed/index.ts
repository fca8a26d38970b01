export * from './types.js';
export { nanoid } from './nanoid.js';
export { sameValue, writeValue } from './values.js';
export { planSeeds, seedOrder, seedQueries, seedQuery, type SeedRows, type SeedPlanOptions } from './plan.js';
export { seedStatements, rowQuerySql, ROW_QUERY_CHUNK, type SeedDialect } from './emit.js';
