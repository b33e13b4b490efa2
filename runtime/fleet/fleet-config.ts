import type { KioskConfig } from '../config/schema.js';

/** The `fleet` config section. */
export type FleetConfig = KioskConfig['fleet'];
