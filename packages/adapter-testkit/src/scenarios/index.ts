/**
 * The conformance suite: every scenario, grouped by concern.
 */
import type { Scenario } from '../scenario.js';
import { columnScenarios } from './columns.js';
import { defaultScenarios } from './defaults.js';
import { destructiveScenarios } from './destructive.js';
import { foreignKeyScenarios } from './foreign-keys.js';
import { generatedScenarios } from './generated.js';
import { indexScenarios } from './indexes.js';
import { keyScenarios } from './keys.js';
import { quotingScenarios } from './quoting.js';
import { typeScenarios } from './types.js';
import { unmanagedScenarios } from './unmanaged.js';
import { regressionScenarios } from './regressions.js';

export {
  columnScenarios,
  defaultScenarios,
  destructiveScenarios,
  foreignKeyScenarios,
  generatedScenarios,
  indexScenarios,
  keyScenarios,
  quotingScenarios,
  typeScenarios,
  unmanagedScenarios,
  regressionScenarios,
};

/** Every scenario, in a stable order. Names are unique. */
export const scenarios: readonly Scenario[] = Object.freeze([
  ...columnScenarios,
  ...defaultScenarios,
  ...typeScenarios,
  ...keyScenarios,
  ...indexScenarios,
  ...foreignKeyScenarios,
  ...generatedScenarios,
  ...quotingScenarios,
  ...unmanagedScenarios,
  ...destructiveScenarios,
  ...regressionScenarios,
]);
