import { describe, expect, it } from 'vitest';
import { recordingRenderContext } from './render-helper.js';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { genderName } from '../../../domain/identity/cccd.js';

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
        const { rec, rc } = recordingRenderContext(theme, lang, Date.UTC(2026, 10, 25, 2));
        screen.render(rc);
        const texts = rec.drawn.map((d) => d.text.trim());
        expect(texts).toContain(lang === 'en' ? 'Male' : 'Nam');
        if (lang === 'en') expect(texts).not.toContain('Nam');
        // The state keeps what the card says.
        expect((screen.describe?.() as { gender: string }).gender).toBe('Nam');
      });
});
