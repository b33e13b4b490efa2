import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { CCCD_PROBLEM_TEXT } from '../../../domain/identity/cccd.js';
import { scanErrorSpeech } from '../../../flows/speech/citizen.js';
import { PROMPTS } from '../../../voice/prompts/index.js';
import { slips } from '../../helpers/text-slips.js';
import { plainSpeech } from '../../../runtime/text/speech-marks.js';

describe('Speech and screens: no double full stops, no mismatched quotes', () => {
  const headless = headlessKioskForSuite(Date.parse('2026-11-25T08:30:00+07:00'));

  it('finds the slips the issue reported', () => {
    expect(slips('Vui lòng quét lại..')).toContain('double full stop');
    expect(slips('Tìm: "khai sinh”')).not.toEqual([]);
    expect(slips('Đang tra cứu...')).toEqual([]);
    expect(slips('Lệ phí: 15.000 đồng.')).toEqual([]);
  });

  for (const lang of ['vi', 'en'] as const)
    it(`${lang}: what every gallery screen says`, async () => {
      const found: string[] = [];
      let said = 0;
      for (const entry of headless().gallery()) {
        await entry.render({ theme: 'large', lang });
        // As the transcript and the subtitles show it (a Vietnamese name's voice marks dropped).
        const text = plainSpeech(headless().kiosk.ui.current?.speech?.(lang) ?? '');
        if (!text) continue;
        said++;
        for (const s of slips(text)) found.push(`${entry.name}: ${s}: ${text}`);
      }
      expect(said).toBeGreaterThan(10);
      expect(found).toEqual([]);
    });

  for (const lang of ['vi', 'en'] as const)
    it(`${lang}: a bad ID card scan, for every problem`, () => {
      const found: string[] = [];
      for (const [problem, text] of Object.entries(CCCD_PROBLEM_TEXT)) {
        const said = scanErrorSpeech(lang, text[lang]);
        for (const s of slips(said)) found.push(`${problem}: ${s}: ${said}`);
      }
      expect(found).toEqual([]);
    });

  it('every prompt as written (placeholders aside)', () => {
    const found: string[] = [];
    for (const [key, prompt] of Object.entries(PROMPTS))
      for (const lang of ['vi', 'en'] as const) {
        const text = (prompt as Record<string, string>)[lang] ?? '';
        for (const s of slips(text.replace(/\{\w+\}/gu, 'X'))) found.push(`${key} (${lang}): ${s}: ${text}`);
      }
    expect(found).toEqual([]);
  });
});
