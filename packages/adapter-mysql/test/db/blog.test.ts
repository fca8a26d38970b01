/**
 * The shared blog suite (`describeBlog`), with the example schema files, on
 * a real MySQL/MariaDB server, plus SHOW CREATE TABLE's view of posts' key.
 */
import { describeBlog, describeWithServer } from '@odac/adapter-testkit';
import { blogChecks } from '../suites/blog.js';
import { mysqlTarget } from '../support/db.js';

describeWithServer('mysql', 'adapter-mysql', (server) => describeBlog(mysqlTarget(() => server.url()), blogChecks));
