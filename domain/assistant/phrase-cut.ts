/** Words a long text may end before (the start of a qualifying phrase), commas, brackets and "/". */
const BREAK =
  /[,;:(/]|\s(?:đối với|trong|trên|theo|tại|cho|của|từ|khi|do|thuộc|bằng|nếu|để|và|hoặc|đang|đã|sau đây)\s/gu;

/**
 * `text` in at most `max` characters, ending where a phrase ends, never with "…": what the
 * assistant shows is also said, and a word cut in half ("Quỹ hợp…") is seen and heard. The end is
 * the last phrase break past a third of `max` (a comma, a bracket, "/", or before a qualifying word
 * such as "trên", "của", "đang"), else the last space; a bracket is not left open and a trailing
 * full stop is dropped.
 */
export function phraseCut(text: string, max: number): string {
  const whole = text.replace(/[.\s]+$/u, '');
  if (whole.length <= max) return whole;
  let end = -1;
  for (const m of whole.matchAll(BREAK)) if (m.index > max / 3 && m.index <= max) end = m.index;
  if (end < 0) end = Math.max(whole.lastIndexOf(' ', max), Math.floor(max / 2));
  let cut = whole.slice(0, end);
  // A bracket opened and not closed goes with what it opened: "… hành (thực hiện" → "… hành".
  const open = cut.lastIndexOf('(');
  if (open > 0 && cut.indexOf(')', open) < 0) cut = cut.slice(0, open);
  return cut.replace(/[,;:(/\s–-]+$/u, '');
}
