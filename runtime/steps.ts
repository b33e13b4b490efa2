import { createHash } from 'node:crypto';

/**
 * A step-wise computation: a generator that yields between pieces of work, so one body of code
 * runs either at once (runNow: tests, the CLI) or in slices that leave the event loop free to
 * draw frames and take input in between (runInSlices: the running kiosk).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end without pausing. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Default slice: well under one frame at 60 Hz (16.7 ms), so a frame due meanwhile is late by little. */
export const SLICE_MS = 6;

/** Gives the event loop a turn (timers, I/O, input) before going on. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs steps, giving the event loop a turn whenever a slice has taken `sliceMs` or more. How
 * long one slice lasts past that is up to the steps: each piece of work between yields stays small.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs: number = SLICE_MS): Promise<T> {
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start >= sliceMs) {
      await nextTurn();
      start = performance.now();
    }
  }
}

/** Bytes hashed between two pauses. */
const HASH_SLICE = 1 << 19;

/** sha256 (hex) of `bytes`, step by step (a 15 MB catalog takes ~30 ms to hash: not in one block). */
export function* sha256Steps(bytes: Uint8Array): Steps<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += HASH_SLICE) {
    hash.update(bytes.subarray(at, Math.min(bytes.length, at + HASH_SLICE)));
    yield;
  }
  return hash.digest('hex');
}
