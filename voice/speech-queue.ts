/**
 * How an utterance joins the queue:
 * - `interrupt`: a new screen or a citizen's press: stops what is playing and drops what is queued.
 * - `alert`: plays next, after the current utterance (a printer fault, a number being called).
 * - `info`: plays after everything queued (a focus label, extra detail).
 */
export type SpeechPriority = 'interrupt' | 'alert' | 'info';

export interface QueuedSpeech<T> {
  item: T;
  priority: SpeechPriority;
  /** Resolves when the item has played, was canceled or failed (never rejects). */
  done: Promise<void>;
}

interface Slot<T> {
  item: T;
  priority: SpeechPriority;
  resolve: () => void;
}

/**
 * One voice at a time. `play` is called for each item in turn with a signal that is aborted when
 * the item is interrupted; its errors are reported to `onError` and do not stop the queue.
 */
export class SpeechQueue<T> {
  private readonly waiting: Slot<T>[] = [];
  private current: { slot: Slot<T>; controller: AbortController } | undefined;
  private pumping = false;
  private scheduled = false;

  constructor(
    private readonly play: (item: T, signal: AbortSignal) => Promise<void>,
    private readonly onError: (err: unknown, item: T) => void,
  ) {}

  get playing(): T | undefined {
    return this.current?.slot.item;
  }

  get pending(): readonly T[] {
    return this.waiting.map((s) => s.item);
  }

  enqueue(item: T, priority: SpeechPriority): QueuedSpeech<T> {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const slot: Slot<T> = { item, priority, resolve };
    if (priority === 'interrupt') {
      this.clear();
      this.waiting.push(slot);
    } else if (priority === 'alert') {
      const firstInfo = this.waiting.findIndex((s) => s.priority === 'info');
      this.waiting.splice(firstInfo < 0 ? this.waiting.length : firstInfo, 0, slot);
    } else {
      this.waiting.push(slot);
    }
    this.schedule();
    return { item, priority, done };
  }

  /** Stops the current utterance and drops the queued ones (barge-in). */
  clear(): void {
    for (const slot of this.waiting.splice(0)) slot.resolve();
    this.current?.controller.abort(new Error('interrupted'));
  }

  /**
   * Starts playing on the next turn of the event loop, not inside enqueue(): the caller (a press
   * that moved the focus) gets its frame drawn before synthesis and cache reads begin.
   */
  private schedule(): void {
    if (this.scheduled || this.pumping) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let slot = this.waiting.shift(); slot; slot = this.waiting.shift()) {
        const controller = new AbortController();
        this.current = { slot, controller };
        try {
          await this.play(slot.item, controller.signal);
        } catch (err) {
          if (!controller.signal.aborted) this.onError(err, slot.item);
        } finally {
          this.current = undefined;
          slot.resolve();
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}
