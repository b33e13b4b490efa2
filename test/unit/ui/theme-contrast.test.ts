import { describe, expect, it } from 'vitest';
import { contrast } from '../../helpers/contrast.js';
import { indicatorPairs, largeTheme, normalTheme, textPairs } from '../../../ui-framebuffer/theme.js';

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

  it('large theme: body text and hints are at least 32 px at 800x480 (scale 1)', () => {
    const scale = Math.min(480 / 480, 800 / 800);
    expect(largeTheme.size.body * scale).toBeGreaterThanOrEqual(32);
    expect(largeTheme.size.small * scale).toBeGreaterThanOrEqual(32);
    expect(largeTheme.size.title).toBeGreaterThan(largeTheme.size.body);
  });
});
