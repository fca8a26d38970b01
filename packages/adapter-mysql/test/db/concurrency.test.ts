/**
 * One migrator at a time: concurrent `migrate` calls on one database wait
 * for GET_LOCK, then find nothing left to do; a migrator that cannot get
 * the lock in time fails with APPLY.LOCK_TIMEOUT.
 */
import { describeWithServer } from '@odac/adapter-testkit';
import { concurrencySuite } from '../suites/concurrency.js';

describeWithServer('mysql', 'adapter-mysql: concurrent migrations', (server) => concurrencySuite(() => server.url()));
