/** A set of callbacks for one kind of event; the building block of driver onX() methods. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  /** Calls every listener; one throwing does not stop the others (errors go to `onError`). */
  emit(value: T, onError?: (err: unknown) => void): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (err) {
        onError?.(err);
      }
    }
  }

  clear(): void {
    this.set.clear();
  }

  get size(): number {
    return this.set.size;
  }
}
