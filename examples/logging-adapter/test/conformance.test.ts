import { describeBlog, describeConformance } from '@odac/adapter-testkit';
import { loggingAdapter } from '../src/index.js';
import { sqliteTarget } from './target.js';

const target = sqliteTarget(loggingAdapter({ log: () => undefined }));
describeConformance(target);
describeBlog(target);
