/** Every command a kiosk accepts (apart from its schema, so the CLI lists them without loading zod). */
export const COMMAND_NAMES = [
  'ping',
  'status',
  'restart',
  'reload-config',
  'set-volume',
  'announce',
  'screenshot',
  'selftest',
  'catalog-rollback',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
