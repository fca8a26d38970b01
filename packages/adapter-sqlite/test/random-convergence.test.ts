/**
 * Randomized convergence (issue #5): generated schema pairs (A, B) applied
 * and migrated on SQLite files; a failure is shrunk and printed as a scenario.
 * Fixed seeds (the kit's defaults) so CI is reproducible; ODAC_FUZZ_RUNS and
 * ODAC_FUZZ_SEED override.
 */
import { describeRandomConvergence } from '@odac/adapter-testkit';
import { conformanceTarget } from './support.js';

describeRandomConvergence(conformanceTarget, { numRuns: 100 });
