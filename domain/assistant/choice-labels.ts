/**
 * Labels for numbered choices that differ visibly. Each name is cut to its head (before "đối
 * với", "trong", "(", a comma...), then the words every head shares are dropped and said once as
 * the topic: "Cấp giấy phép xây dựng mới …", "Gia hạn giấy phép xây dựng …" → topic "giấy phép
 * xây dựng", labels "Cấp mới", "Gia hạn". A label keeps at most `max` characters.
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
  return h === '' ? clean : h;
}

function capital(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

function shorten(label: string, max: number): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:(\s]+$/u, '')}…`;
}

export function choiceLabels(names: readonly string[], max = 48): ChoiceLabels {
  const heads = names.map(head);
  const words = heads.map((h) => h.split(/\s+/u));
  const shared = new Set(
    (words[0] ?? [])
      .map(key)
      .filter((k) => words.length > 1 && words.every((w) => w.some((x) => key(x) === k))),
  );
  const stripped = words.map((w) => w.filter((x) => !shared.has(key(x))).join(' '));
  const distinct = new Set(stripped.map((s) => s.toLocaleLowerCase('vi'))).size === stripped.length;
  const useful =
    shared.size > 0 && distinct && stripped.every((s) => s.split(' ').filter(Boolean).length >= 1);
  if (useful) {
    const topic = (words[0] ?? []).filter((x) => shared.has(key(x))).join(' ');
    return { labels: stripped.map((s) => shorten(capital(s), max)), topic: topic.toLocaleLowerCase('vi') };
  }
  // Heads that already differ are shown as they are; identical heads show whole names.
  const headsDiffer = new Set(heads.map((h) => h.toLocaleLowerCase('vi'))).size === heads.length;
  const shown = headsDiffer ? heads : names.map((n) => n.replace(/^thủ tục\s+/iu, '').trim());
  return { labels: shown.map((s) => shorten(capital(s), max)), topic: '' };
}

/** The labels alone (see choiceLabels). */
export function distinguishingLabels(names: readonly string[], max = 48): string[] {
  return choiceLabels(names, max).labels;
}
