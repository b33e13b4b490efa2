/**
 * Labels for numbered choices that differ visibly: the words every choice's name shares at its
 * start and end are dropped, so "Cấp giấy phép xây dựng mới …" and "Gia hạn giấy phép xây
 * dựng …" show what tells them apart. A label keeps at most `max` characters.
 */
export function distinguishingLabels(names: readonly string[], max = 60): string[] {
  const clean = names.map((n) => n.replace(/^thủ tục\s+/iu, '').trim());
  const words = clean.map((n) => n.split(/\s+/u));
  const key = (w: string): string => w.toLocaleLowerCase('vi').replace(/[,;:.()]/gu, '');
  let prefix = 0;
  let suffix = 0;
  // Names short enough to show whole are clearest as they are.
  if (words.length > 1 && clean.some((n) => n.length > max)) {
    const shortest = Math.min(...words.map((w) => w.length));
    while (
      prefix < shortest - 1 &&
      words.every((w) => key(w[prefix] ?? '') === key(words[0]?.[prefix] ?? ''))
    )
      prefix++;
    while (
      suffix < shortest - prefix - 1 &&
      words.every(
        (w) =>
          key(w[w.length - 1 - suffix] ?? '') === key(words[0]?.[(words[0]?.length ?? 0) - 1 - suffix] ?? ''),
      )
    )
      suffix++;
  }
  return words.map((w, i) => {
    const kept = w.slice(prefix, w.length - suffix).join(' ');
    const text = kept === '' ? (clean[i] ?? '') : kept.replace(/^[,;:\s-]+/u, '');
    const label = text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
    if (label.length <= max) return label;
    const cut = label.slice(0, max - 1);
    return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:(\s]+$/u, '')}…`;
  });
}
