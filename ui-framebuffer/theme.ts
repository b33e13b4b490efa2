/** Colours and sizes for one look. Both themes keep text contrast at or above 7:1 (WCAG AAA). */
export interface Theme {
  name: 'normal' | 'large';
  background: string;
  surface: string;
  text: string;
  mutedText: string;
  accent: string;
  accentText: string;
  focus: string;
  danger: string;
  /** Text on a `danger` fill. */
  dangerText: string;
  /** Text for success messages on `background`/`surface`. */
  success: string;
  /** Translucent layer drawn over the screen behind a dialog. */
  overlay: string;
  /**
   * Font sizes in px at the reference 800x480 screen; scaled with the screen height. `least` is
   * the smallest a widget may shrink text to make it fit (the large theme's is 32 px: body text an
   * elderly citizen reads at arm's length). `reading` is long text read a page at a time (a
   * procedure's details): the body size in the normal theme, the least in the large one, where
   * with tighter lines a page holds 8 lines instead of 7.
   */
  size: { body: number; title: number; huge: number; small: number; least: number; reading: number };
  spacing: number;
  radius: number;
  /**
   * Smallest side of an on-screen key in reference px (800x480): the large theme's 60 px is about
   * 9 mm on a 7-inch panel, what elderly fingers hit reliably.
   */
  minKey: number;
}

export const normalTheme: Theme = {
  name: 'normal',
  background: '#ffffff',
  surface: '#eef2f7',
  text: '#111111',
  mutedText: '#3d3d3d',
  accent: '#0b3d91',
  accentText: '#ffffff',
  focus: '#b35900',
  danger: '#8f0000',
  dangerText: '#ffffff',
  success: '#0b5a1f',
  overlay: 'rgba(0, 0, 0, 0.55)',
  size: { body: 26, title: 34, huge: 120, small: 22, least: 18, reading: 26 },
  spacing: 12,
  radius: 12,
  minKey: 44,
};

export const largeTheme: Theme = {
  ...normalTheme,
  name: 'large',
  background: '#000000',
  surface: '#1a1a1a',
  text: '#ffffff',
  mutedText: '#e6e6e6',
  accent: '#ffd500',
  accentText: '#000000',
  focus: '#00e5ff',
  danger: '#ff8a80',
  dangerText: '#000000',
  success: '#7cf29c',
  overlay: 'rgba(0, 0, 0, 0.7)',
  size: { body: 34, title: 40, huge: 150, small: 32, least: 32, reading: 32 },
  spacing: 14,
  minKey: 60,
};

export function themeByName(name: 'normal' | 'large'): Theme {
  return name === 'large' ? largeTheme : normalTheme;
}

/**
 * Every text colour / background colour combination the widgets draw, for the contrast test.
 * Widgets must not combine colours outside this list.
 */
export function textPairs(theme: Theme): { name: string; fg: string; bg: string }[] {
  return [
    { name: 'text on background', fg: theme.text, bg: theme.background },
    { name: 'text on surface', fg: theme.text, bg: theme.surface },
    { name: 'muted text on background', fg: theme.mutedText, bg: theme.background },
    { name: 'muted text on surface', fg: theme.mutedText, bg: theme.surface },
    {
      name: 'accent text on accent (title bar, badges, primary buttons)',
      fg: theme.accentText,
      bg: theme.accent,
    },
    { name: 'danger text on background', fg: theme.danger, bg: theme.background },
    { name: 'danger text on surface', fg: theme.danger, bg: theme.surface },
    { name: 'text on danger (danger buttons, error toasts)', fg: theme.dangerText, bg: theme.danger },
    { name: 'success text on background', fg: theme.success, bg: theme.background },
    { name: 'success text on surface', fg: theme.success, bg: theme.surface },
  ];
}

/** Non-text indicators (focus ring, outlines) that need 3:1 against what they sit on. */
export function indicatorPairs(theme: Theme): { name: string; fg: string; bg: string }[] {
  return [
    { name: 'focus ring on background', fg: theme.focus, bg: theme.background },
    { name: 'focus ring on surface', fg: theme.focus, bg: theme.surface },
    { name: 'button outline on background', fg: theme.mutedText, bg: theme.background },
    { name: 'accent (badges, scroll thumb) on surface', fg: theme.accent, bg: theme.surface },
    { name: 'accent on background', fg: theme.accent, bg: theme.background },
  ];
}
