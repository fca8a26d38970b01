/**
 * The shared conformance scenarios (`@odac/adapter-testkit`) against SQLite
 * temp files (see `conformanceTarget` in support.ts).
 */
import { describeConformance } from '@odac/adapter-testkit';
import { conformanceTarget } from './support.js';

describeConformance(conformanceTarget);
