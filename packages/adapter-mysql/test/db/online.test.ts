/**
 * `--online`: ALTER TABLE asks for ALGORITHM=INPLACE, LOCK=NONE; where the
 * server cannot (a column type change), the statement runs again without
 * them and a warning says so.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { onlineSuite } from '../suites/online.js';

describeWithServer('mysql', 'adapter-mysql: online changes', (server) => onlineSuite(() => server.url()));
