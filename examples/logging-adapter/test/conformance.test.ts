import { describeConformance } from '@odac/adapter-testkit';
import { loggingAdapter } from '../src/index.js';
import { sqliteTarget } from './target.js';

describeConformance(sqliteTarget(loggingAdapter({ log: () => undefined })));
