import { phraseCut } from './phrase-cut.js';

/**
 * Labels for numbered choices that differ visibly. Each name is cut to its head (before "đối
 * với", "trong", "(", a comma...), then the words every head shares are dropped and said once as
 * the topic: "Cấp giấy phép xây dựng mới …", "Gia hạn giấy phép xây dựng …" → topic "giấy phép
 * xây dựng", labels "Cấp mới", "Gia hạn". A label keeps at most `max` characters and ends where
 * a phrase ends (no "…"); labels that would read the same get what tells their names apart.
 */
export interface ChoiceLabels {
  labels: string[];
  /** The words all choices share, in the first one's order ("" when none or not useful). */
  topic: string;
}

const QUALIFIER = /\s(?:đối với|trong|theo|tại|cho|của|từ|khi|do|thuộc|bằng|nếu|để)\s|[,;:(–]|\s-\s/u;

const key = (w: string): string => w.toLocaleLowerCase('vi').replace(/[,;:.()]/gu, '');

function head(name: string): string {
  const clean = name.replace(/^thủ tục\s+/iu, '').trim();
  const cut = QUALIFIER.exec(clean);
  const h = (cut ? clean.slice(0, cut.index) : clean).trim();
  // one word before the qualifier ("Cấp, cấp lại …", "Đăng ký mua, thuê mua …") names nothing
  return h.split(/\s+/u).length < 2 ? clean : h;
}

function capital(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** A label of at most `max` characters ending where a phrase ends (see phraseCut). */
const shorten = (label: string, max: number): string => phraseCut(label, max);

/** The name as words, without "Thủ tục" and a closing full stop. */
const nameWords = (name: string): string[] =>
  name
    .replace(/^thủ tục\s+/iu, '')
    .replace(/[.\s]+$/u, '')
    .split(/\s+/u);

/**
 * Labels that read the same get the words that tell their names apart: "Đăng ký xe tạm thời
 * thực hiện – toàn trình" / "… – một phần" (the first words where each name leaves the others);
 * names that are the same throughout are told apart by their place: "(1)", "(2)".
 */
function apart(labels: string[], names: readonly string[], max: number): string[] {
  const out = [...labels];
  const fold = (l: string): string => l.toLocaleLowerCase('vi');
  for (const label of new Set(labels.map(fold))) {
    const same = labels.flatMap((l, i) => (fold(l) === label ? [i] : []));
    if (same.length < 2) continue;
    const words = same.map((i) => nameWords(names[i] ?? ''));
    same.forEach((index, k) => {
      const mine = words[k] ?? [];
      // Where this name leaves the one most like it.
      let from = 0;
      words.forEach((other, j) => {
        if (j === k) return;
        let n = 0;
        while (n < mine.length && n < other.length && key(mine[n] ?? '') === key(other[n] ?? '')) n++;
        from = Math.max(from, n);
      });
      const rest = mine.slice(from).join(' ');
      out[index] = rest
        ? `${labels[index]} – ${shorten(rest, Math.max(24, max / 2))}`
        : (labels[index] ?? '');
    });
    // Still alike (the same name twice, or the same distinguishing words): their place.
    const again = same.filter((i) => same.some((j) => j !== i && fold(out[j] ?? '') === fold(out[i] ?? '')));
    again.forEach((i, n) => (out[i] = `${out[i] ?? ''} (${n + 1})`));
  }
  return out;
}

export function choiceLabels(names: readonly string[], max = 48): ChoiceLabels {
  const heads = names.map(head);
  const words = heads.map((h) => h.split(/\s+/u));
  const common = new Set(
    (words[0] ?? [])
      .map(key)
      .filter((k) => words.length > 1 && words.every((w) => w.some((x) => key(x) === k))),
  );
  // A syllable is dropped only beside another shared one in every head: "trú" alone would cut
  // "tạm trú" to "tạm" when "cư trú" is among the names.
  const beside = (w: readonly string[], k: string): boolean =>
    w.some((x, i) => key(x) === k && (common.has(key(w[i - 1] ?? '')) || common.has(key(w[i + 1] ?? ''))));
  const shared = new Set([...common].filter((k) => words.every((w) => beside(w, k))));
  const stripped = words.map((w) => w.filter((x) => !shared.has(key(x))).join(' '));
  const distinct = new Set(stripped.map((s) => s.toLocaleLowerCase('vi'))).size === stripped.length;
  const useful =
    shared.size > 0 && distinct && stripped.every((s) => s.split(' ').filter(Boolean).length >= 2);
  if (useful) {
    const topic = (words[0] ?? []).filter((x) => shared.has(key(x))).join(' ');
    const labels = stripped.map((s) => shorten(capital(s), max));
    return { labels: apart(labels, names, max), topic: topic.toLocaleLowerCase('vi') };
  }
  // Heads that already differ are shown as they are; identical heads show whole names.
  const headsDiffer = new Set(heads.map((h) => h.toLocaleLowerCase('vi'))).size === heads.length;
  const shown = headsDiffer ? heads : names.map((n) => n.replace(/^thủ tục\s+/iu, '').trim());
  return {
    labels: apart(
      shown.map((s) => shorten(capital(s), max)),
      names,
      max,
    ),
    topic: '',
  };
}

/** The labels alone (see choiceLabels). */
export function distinguishingLabels(names: readonly string[], max = 48): string[] {
  return choiceLabels(names, max).labels;
}
