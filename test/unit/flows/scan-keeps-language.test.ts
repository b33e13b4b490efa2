import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import type { MockScanner } from '../../../hardware-mocks/scanner.js';

const TIME = Date.parse('2026-11-25T08:30:00+07:00');
const CARD =
  '001099012345|123456789|Nguyễn Văn An|15031990|Nam|123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh|20042021';

/**
 * The walkthrough in English: "Scan ID card", then a card read badly and again, and the kiosk
 * answered in Vietnamese from the first scan on ("Chưa đọc được thẻ…", "Xin chào ông…"): every
 * card scan went home with a fresh session, Vietnamese and the default text size. The citizen
 * who scans is the one who chose them; the card's data is still wiped with the session.
 */
describe('A card scan keeps the language and text size on show (#14)', () => {
  const headless = headlessKioskForSuite(TIME);

  const ui = () => headless().kiosk.ui;
  const scan = async (data: string): Promise<void> => {
    (headless().kiosk.drivers.scanner as unknown as MockScanner).emitData(data);
    await ui().settle();
  };

  for (const lang of ['en', 'vi'] as const)
    for (const theme of ['normal', 'large'] as const)
      it(`${lang}, ${theme}: a bad scan, then a good one, on the scan screen`, async () => {
        ui().home();
        ui().setLang(lang);
        ui().setTheme(theme);
        ui().open('scan-id');
        await ui().settle();
        await scan('001099012345|Nguyen');
        expect(ui().current?.name).toBe('scan-error');
        expect(ui().lang).toBe(lang);
        expect(ui().themeName).toBe(theme);
        await scan(CARD);
        expect(ui().current?.name).toBe('citizen');
        expect(ui().lang).toBe(lang);
        expect(ui().themeName).toBe(theme);
        const said = ui().current?.speech?.(ui().lang) ?? '';
        if (lang === 'en') expect(said).not.toMatch(/Xin chào|Máy đã đọc/u);
        // The session is new: the card is shown (its data lives in this session only).
        expect(headless().kiosk.deps.identity.current()?.fullName).toBe('Nguyễn Văn An');
        // Home (Kết thúc) still starts the next citizen in Vietnamese.
        ui().home();
        expect(ui().lang).toBe('vi');
        expect(headless().kiosk.deps.identity.current()).toBeUndefined();
      });
});
