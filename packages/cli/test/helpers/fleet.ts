import { runFleet, type FleetEngineOptions, type FleetResult } from '../../src/fleet/engine.js';

/** `runFleet` with a plain run's options (nothing destructive, no unmanaged drops, one session per server); a test says what differs. */
export function runFleetWith(options: Pick<FleetEngineOptions, 'mode' | 'targets' | 'desired'> & Partial<FleetEngineOptions>): Promise<FleetResult> {
  return runFleet({
    connectOptions: {},
    external: [],
    allowDestructive: false,
    dropUnmanagedTables: false,
    ignoreTables: [],
    online: false,
    concurrency: 1,
    failFast: false,
    ...options,
  });
}
