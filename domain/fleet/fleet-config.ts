import type { KioskConfig } from '../../runtime/config/schema.js';

/** The `fleet` config section. */
export type FleetConfig = KioskConfig['fleet'];
