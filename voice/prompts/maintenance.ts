import type { PromptGroup } from './types.js';

/** The technician's maintenance mode. */
export const maintenancePrompts = {
  'maintenance.pin': {
    vi: 'Nhập mã PIN bảo trì.',
    en: 'Enter the maintenance PIN.',
  },
  'maintenance.mode': {
    vi: 'Chế độ bảo trì.',
    en: 'Maintenance mode.',
  },
} as const satisfies PromptGroup;
