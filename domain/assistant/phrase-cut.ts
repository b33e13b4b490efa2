/** Words a long text may end before (the start of a qualifying phrase), commas, brackets and "/". */
const BREAK =
  /[,;:(/]|\s(?:đối với|trong|trên|theo|tại|cho|của|từ|khi|do|thuộc|bằng|nếu|để|và|hoặc|đang|đã|sau đây)\s/gu;

/** What separates the parts of a text: punctuation, brackets, a sentence's end and "và"/"hoặc". */
const SEPARATOR = /[,;:()/]|\.\s|\s(?:và|hoặc)\s/gu;

/** A sentence's end inside the text. */
const SENTENCE_END = /\.\s/gu;

/** Most words of a part that reads as one member of a list ("nam, nữ"; "giao đất, cho thuê đất"). */
const MEMBER_WORDS = 3;

/** A list whose end is at most this much past `max` is kept whole rather than cut before it. */
const LIST_SLACK = 1.15;

const wordCount = (text: string): number => text.split(/\s+/u).filter(Boolean).length;

interface Separator {
  at: number;
  end: number;
  /** Joins two members of one list (a cut there drops the members after it). */
  list: boolean;
}

/**
 * The separators of `text`, each marked when it joins list members: "/" always (alternatives:
 * "Hộ chiếu/Thẻ căn cước/…"); a comma, "và" or "hoặc" before a short part (three words at most:
 * "hai bên nam, nữ"), or after one that a list separator began ("giao đất, cho thuê đất,
 * chuyển mục đích …").
 */
function separators(text: string): Separator[] {
  const found = [...text.matchAll(SEPARATOR)].map((m) => ({
    at: m.index,
    end: m.index + m[0].length,
    token: m[0].trim(),
  }));
  const out: Separator[] = [];
  found.forEach((s, k) => {
    const joins = s.token === ',' || s.token === '/' || s.token === 'và' || s.token === 'hoặc';
    const before = text.slice(found[k - 1]?.end ?? 0, s.at);
    const after = text.slice(s.end, found[k + 1]?.at ?? text.length);
    const short = (part: string): boolean => {
      const n = wordCount(part);
      return n >= 1 && n <= MEMBER_WORDS;
    };
    const list = joins && (s.token === '/' || short(after) || ((out[k - 1]?.list ?? false) && short(before)));
    out.push({ at: s.at, end: s.end, list });
  });
  return out;
}

/** The text up to `end` as a cut shows it: no bracket left open, no trailing separator. */
function cutAt(whole: string, end: number): string {
  let cut = whole.slice(0, end);
  // A bracket opened and not closed goes with what it opened: "… hành (thực hiện" → "… hành".
  const open = cut.lastIndexOf('(');
  if (open > 0 && cut.indexOf(')', open) < 0) cut = cut.slice(0, open);
  return cut.replace(/[,;:(/\s–-]+$/u, '');
}

/**
 * `text` in about `max` characters, ending where a phrase ends, never with "…": what the
 * assistant shows is also said, and a word cut in half ("Quỹ hợp…") is seen and heard. The end is
 * a sentence's end past a third of `max`, else the last phrase break past a third of `max` (a
 * comma, a bracket, "/", or before a qualifying word such as "trên", "của", "đang"), else the
 * last space; a bracket is not left open and a trailing full stop is dropped. A list is never cut
 * between its members ("hai bên nam, nữ" is not "hai bên nam"): a list that ends a little past
 * `max` (15 %; half past it when nothing before it can end the text) is kept whole, else the cut
 * comes before it.
 */
export function phraseCut(text: string, max: number): string {
  const whole = text.replace(/[.\s]+$/u, '');
  if (whole.length <= max) return whole;
  const seps = separators(whole);
  /** Whether the cut leaves out list members: what follows it starts with a list separator. */
  const midList = (cut: string): boolean =>
    seps.some((s) => s.list && s.at >= cut.length && whole.slice(cut.length, s.at).trim() === '');
  // The ends of lists: the separator after a list's last member, or the text's end.
  const listEnds = seps.flatMap((s, k) =>
    s.list && !seps[k + 1]?.list ? [seps[k + 1]?.at ?? whole.length] : [],
  );
  const breaks = [...whole.matchAll(BREAK)].map((m) => m.index);
  const within = (ends: number[], from: number, to: number): number[] =>
    ends.filter((i) => i > from && i <= to).sort((a, b) => b - a);
  // Where to end, best first: a sentence's end; a break within `max` or a list's end a little
  // past it; a break a little past it; a list's end up to half past it (a long list begun early:
  // "… sau ốm đau, thai sản, TNLĐ, BNN").
  const sentences = [...whole.matchAll(SENTENCE_END)].map((m) => m.index);
  const tiers = [
    within(sentences, max / 3, max * LIST_SLACK),
    within([...breaks.filter((i) => i <= max), ...listEnds], max / 3, max * LIST_SLACK),
    within(breaks, max, max * LIST_SLACK),
    within(listEnds, max * LIST_SLACK, max * 1.5),
  ];
  for (const end of tiers.flat()) {
    const cut = cutAt(whole, end);
    if (cut.length > max / 3 && !midList(cut)) return cut;
  }
  return cutAt(whole, Math.max(whole.lastIndexOf(' ', max), Math.floor(max / 2)));
}
