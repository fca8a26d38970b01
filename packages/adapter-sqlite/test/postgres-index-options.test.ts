/** A schema pulled from PostgreSQL migrates here without endless diffs: normalize drops the flags only PostgreSQL keeps (issue 10). */
import { describePostgresOnlyFlags } from '@odac/adapter-testkit';
import adapter from '@odac/adapter-sqlite';

describePostgresOnlyFlags(adapter);
