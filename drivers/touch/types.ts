export interface TouchEvent {
  /** Coordinates in device pixels, before UI rotation. */
  x: number;
  y: number;
  phase: 'down' | 'move' | 'up';
  at: number;
}

/** A touch panel (evdev or mock). */
export interface TouchInput {
  readonly kind: string;
  open(): Promise<void>;
  onTouch(listener: (event: TouchEvent) => void): () => void;
  close(): Promise<void>;
}
