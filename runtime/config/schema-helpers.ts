import { z } from 'zod';

/** `is required` when missing, else `<expected>, got <value>`. */
export function got(expected: string): (issue: { input?: unknown }) => string {
  return (issue) =>
    issue.input === undefined ? 'is required' : `${expected}, got ${JSON.stringify(issue.input)}`;
}

function list(values: readonly (string | number)[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/** A closed set of allowed values with an error that names them and the value given. */
export function oneOf<const T extends readonly [string | number, ...(string | number)[]]>(values: T) {
  return z.literal(values, {
    error: got(`must be ${list(values)}`),
  });
}

/** Integer within [min, max]. */
export function intIn(min: number, max: number) {
  return z
    .number({ error: got('must be a number') })
    .int({ error: (issue) => `must be a whole number, got ${JSON.stringify(issue.input)}` })
    .min(min, { error: (issue) => `must be at least ${min}, got ${JSON.stringify(issue.input)}` })
    .max(max, { error: (issue) => `must be at most ${max}, got ${JSON.stringify(issue.input)}` });
}

export function text(description?: string) {
  const s = z.string({ error: got('must be text') });
  return description ? s.describe(description) : s;
}

export function flag() {
  return z.boolean({ error: got('must be true or false') });
}
