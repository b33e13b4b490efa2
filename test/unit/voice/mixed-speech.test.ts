import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { speechParts } from '../../../voice/speech-parts.js';

/** Letters only Vietnamese writes (ă â đ ê ô ơ ư and the tone marks on vowels). */
const VIETNAMESE = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/iu;

/**
 * #14 follow-up: the dossier status in English said the Vietnamese procedure name with the
 * English voice ("Đăng ký thường trú" read letter by English letter). What English speech says
 * in the English voice has no Vietnamese in it; Vietnamese names go to the Vietnamese voice.
 */
describe('English speech: Vietnamese names in the Vietnamese voice (#14)', () => {
  const headless = headlessKioskForSuite(Date.parse('2026-11-25T08:30:00+07:00'));

  it('every gallery screen: the English voice says no Vietnamese', async () => {
    const found: string[] = [];
    for (const entry of headless().gallery()) {
      await entry.render({ theme: 'large', lang: 'en' });
      const text = headless().kiosk.ui.current?.speech?.('en');
      if (!text) continue;
      for (const part of speechParts(text, 'en'))
        if (part.lang === 'en' && VIETNAMESE.test(part.text)) found.push(`${entry.name}: ${part.text}`);
    }
    expect(found).toEqual([]);
  });
});
