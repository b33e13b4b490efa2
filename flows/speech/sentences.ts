/**
 * Joins spoken parts into sentences: each part ends with exactly one stop (its own "?", "!" or
 * "…" kept, a missing "." added), so lines shown without punctuation are not read as one run
 * and a part that already ends with "." does not get a second one. Empty parts are skipped.
 */
export function sentences(parts: readonly (string | undefined)[]): string {
  return parts
    .map((p) => (p ?? '').trim())
    .filter((p) => p.length > 0)
    .map((p) => tidyStops(/[.!?…:]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

/** Collapses doubled full stops (". ." or "..", never an ellipsis "...") into one. */
export function tidyStops(text: string): string {
  return text.replace(/(?<!\.)\.(?:\s*\.)+(?!\.)/g, (m) => (m === '...' ? m : '.'));
}
