import { BUTTON_IDS } from '../../runtime/config/button-ids.js';

/** A physical button on a kiosk panel (the list is in runtime/config/button-ids.ts). */
export type ButtonId = (typeof BUTTON_IDS)[number];

export function isButtonId(value: unknown): value is ButtonId {
  return typeof value === 'string' && (BUTTON_IDS as readonly string[]).includes(value);
}

export interface ButtonEvent {
  id: ButtonId;
  /** press: a short press (on release); long-press: held past longPressMs; repeat: while held. */
  action: 'press' | 'long-press' | 'repeat';
  /** Clock time in ms. */
  at: number;
}

/**
 * A button panel (GPIO, Firmata board, or mock). Debouncing and long-press detection happen in
 * the driver; listeners only see clean events.
 */
export interface ButtonInput {
  readonly kind: string;
  open(): Promise<void>;
  /** Registers a listener; returns a function that removes it. */
  onButton(listener: (event: ButtonEvent) => void): () => void;
  /** Lights (or clears) the LED next to a button, when the panel has one. */
  setLed(id: ButtonId, on: boolean): Promise<void>;
  /**
   * Blinks every button LED while `on` ("this kiosk needs a technician"); false restores them.
   * Optional: panels without LEDs need not implement it.
   */
  setAttention?(on: boolean): void;
  close(): Promise<void>;
}
