import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { createCanvas } from '@napi-rs/canvas';
import { genderName } from '../../../domain/identity/cccd.js';
import type { RenderContext } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';
import { recordingContext } from '../../helpers/text-recorder.js';

/**
 * #14 walkthrough (normal theme, English): the card's details read "Gender  Nam" on an English
 * screen. The gender is written in the screen's language; the state keeps what the card says.
 */
describe('Citizen screen: the gender in the screen language (#14)', () => {
  const headless = headlessKioskForSuite();

  it('"Male" / "Female" in English, "Nam" / "Nữ" in Vietnamese', () => {
    expect(genderName({ gender: 'Nam' }, 'en')).toBe('Male');
    expect(genderName({ gender: 'Nữ' }, 'en')).toBe('Female');
    expect(genderName({ gender: 'Nữ' }, 'vi')).toBe('Nữ');
  });

  for (const theme of ['normal', 'large'] as const)
    for (const lang of ['en', 'vi'] as const)
      it(`${theme}, ${lang}: the preview card (a man) reads its gender in the screen language`, async () => {
        await headless().render('citizen', { theme, lang });
        const screen = headless().kiosk.ui.current;
        if (!screen) throw new Error('no screen');
        const rec = recordingContext(createCanvas(800, 480).getContext('2d'));
        const rc: RenderContext = {
          g: rec.g,
          width: 800,
          height: 480,
          theme: themeByName(theme),
          lang,
          scale: 1,
          now: Date.UTC(2026, 10, 25, 2),
          timeZone: 'Asia/Ho_Chi_Minh',
        };
        screen.render(rc);
        const texts = rec.drawn.map((d) => d.text.trim());
        expect(texts).toContain(lang === 'en' ? 'Male' : 'Nam');
        if (lang === 'en') expect(texts).not.toContain('Nam');
        // The state keeps what the card says.
        expect((screen.describe?.() as { gender: string }).gender).toBe('Nam');
      });
});
