import { describe, expect, it } from 'vitest';
import { indicatorPairs, largeTheme, normalTheme, textPairs } from '../../../ui-framebuffer/theme.js';

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('Themes: contrast and sizes', () => {
  it('computes WCAG contrast like the reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const theme of [normalTheme, largeTheme]) {
    it.each(textPairs(theme).map((p) => [p.name, p] as const))(
      `${theme.name}: %s is at least 7:1`,
      (_n, p) => {
        expect(contrast(p.fg, p.bg)).toBeGreaterThanOrEqual(7);
      },
    );
    it.each(indicatorPairs(theme).map((p) => [p.name, p] as const))(
      `${theme.name}: %s is at least 3:1`,
      (_n, p) => {
        expect(contrast(p.fg, p.bg)).toBeGreaterThanOrEqual(3);
      },
    );
  }

  it('large theme: body text is at least 32 px at 800x480 (scale 1), hints at least 28 px', () => {
    const scale = Math.min(480 / 480, 800 / 800);
    expect(largeTheme.size.body * scale).toBeGreaterThanOrEqual(32);
    expect(largeTheme.size.small * scale).toBeGreaterThanOrEqual(28);
    expect(largeTheme.size.title).toBeGreaterThan(largeTheme.size.body);
  });
});
