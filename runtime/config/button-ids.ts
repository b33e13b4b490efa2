/**
 * The buttons a kiosk panel can have. Number buttons pick list items; arrows move focus. The
 * config names them (the panel fitted, the pins, the talk button) and the button drivers report
 * them, so the list lives here on the ground floor and `drivers/buttons/types.ts` builds on it.
 */
export const BUTTON_IDS = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'ok',
  'back',
  'up',
  'down',
  'help',
] as const;
