/** WCAG 2 colour contrast, for the theme and gallery tests. */

/** [r, g, b, a] (0-255, alpha 0-1) of a #rgb, #rrggbb or rgb()/rgba() colour. */
export function parseColour(colour: string): [number, number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    const h = hex[1] ?? '';
    const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).concat(1) as [
      number,
      number,
      number,
      number,
    ];
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(
    colour.trim(),
  );
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3]), fn[4] === undefined ? 1 : Number(fn[4])];
  throw new Error(`not a colour this test reads: ${colour}`);
}

/** `fg` drawn over the opaque `bg`, as #rrggbb. */
export function over(fg: string, bg: string): string {
  const [r, g, b, a] = parseColour(fg);
  const [R, G, B] = parseColour(bg);
  const mix = (x: number, y: number): string =>
    Math.round(x * a + y * (1 - a))
      .toString(16)
      .padStart(2, '0');
  return `#${mix(r, R)}${mix(g, G)}${mix(b, B)}`;
}

export function luminance(colour: string): number {
  const [r, g, b] = parseColour(colour)
    .slice(0, 3)
    .map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
