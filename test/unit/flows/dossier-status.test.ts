import { describe, expect, it } from 'vitest';
import type { DossierLookup } from '../../../domain/dossier/dossier-service.js';
import { STATE_TEXT } from '../../../domain/dossier/dossier-status.js';
import { centreDateText, parseCentreDate } from '../../../flows/centre-date.js';
import { dossierStatusSpeech } from '../../../flows/speech/dossier.js';
import { sentences } from '../../../flows/speech/sentences.js';
import type { Lang } from '../../../ui-framebuffer/localize.js';
import { createDossierStatusScreen } from '../../../ui-framebuffer/screens/dossier.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { renderContext, stubNav } from '../ui/render-helper.js';
import { inVietnamese } from '../../../runtime/text/speech-marks.js';

const TZ = 'Asia/Ho_Chi_Minh';
const FETCHED = Date.UTC(2026, 10, 24, 2, 15);

function statusScreen(lookup: DossierLookup, takeNumber = (): void => undefined) {
  const status = lookup.kind === 'live' || lookup.kind === 'cached' ? lookup.status : undefined;
  return createDossierStatusScreen(stubNav(), {
    lookup,
    stateText: (lang) => (status ? STATE_TEXT[status.state][lang] : ''),
    due: (lang) => (status?.dueAt ? centreDateText(status.dueAt, TZ, lang) : undefined),
    timeZone: TZ,
    sayVietnamese: inVietnamese,
    takeNumber,
    speech: dossierStatusSpeech,
  });
}

function draw(screen: ReturnType<typeof statusScreen>, theme: 'large' | 'normal', lang: Lang) {
  const { rc } = renderContext(800, 480, theme, lang);
  const rec = recordingContext(rc.g);
  const targets = screen.render({ ...rc, g: rec.g });
  return { targets, drawn: rec.drawn };
}

/** Every line of every page, as laid out (▼ turns the pages). */
function allLines(screen: ReturnType<typeof statusScreen>, theme: 'large' | 'normal', lang: Lang): string {
  const lines: string[] = [];
  draw(screen, theme, lang);
  const { pages } = screen.describe?.() as { pages: number };
  for (let page = 0; page < pages; page++) {
    lines.push(...(screen.describe?.() as { lines: string[] }).lines);
    screen.onButton?.({ id: 'down', action: 'press', at: 0 });
    draw(screen, theme, lang);
  }
  return lines.join(' ');
}

const live = (state: 'supplement' | 'processing' | 'ready', dueAt?: string): DossierLookup => ({
  kind: 'live',
  fetchedAt: FETCHED,
  status: {
    dossierNumber: 'H26.22.12-251125-0003',
    state,
    procedureName: 'Đăng ký khai sinh',
    ...(dueAt ? { dueAt } : {}),
    counter: 2,
  },
});

describe('Dossier status: dates, sentences and choices a citizen can use', () => {
  it('reads the centre’s dates as a Vietnamese would write and say them', () => {
    expect(centreDateText('2026-11-24T16:00:00+07:00', TZ, 'vi')).toEqual({
      shown: '16:00 thứ Ba, 24/11/2026',
      spoken: '16 giờ thứ Ba, ngày 24 tháng 11 năm 2026',
    });
    // An instant in another offset is shown in the centre's own time zone.
    expect(centreDateText('2026-11-25T02:30:00Z', TZ, 'vi').shown).toBe('09:30 thứ Tư, 25/11/2026');
    expect(centreDateText('2026-11-25T09:30:00+07:00', TZ, 'vi').spoken).toBe(
      '9 giờ 30 phút thứ Tư, ngày 25 tháng 11 năm 2026',
    );
    expect(centreDateText('28/11/2026', TZ, 'vi')).toEqual({
      shown: 'Thứ Bảy, 28/11/2026',
      spoken: 'Thứ Bảy, ngày 28 tháng 11 năm 2026',
    });
    expect(centreDateText('2026-11-24T16:00:00+07:00', TZ, 'en')).toEqual({
      shown: '16:00 Tuesday, 24/11/2026',
      spoken: '16:00 on Tuesday, 24 November 2026',
    });
    // What cannot be read is passed on as the centre wrote it, never turned into a wrong date.
    expect(parseCentreDate('31/02/2026', TZ)).toBeUndefined();
    expect(centreDateText('sau 3 ngày làm việc', TZ, 'vi').shown).toBe('sau 3 ngày làm việc');
  });

  it('shows and speaks the due date in words, each line its own sentence', () => {
    const screen = statusScreen(live('processing', '2026-11-24T16:00:00+07:00'));
    const { drawn } = draw(screen, 'large', 'vi');
    const texts = drawn.map((d) => d.text);
    expect(texts).toContain('16:00 thứ Ba, 24/11/2026');
    expect(texts.join(' ')).not.toContain('2026-11-24T16');
    const said = screen.speech?.('vi') ?? '';
    expect(said).toContain('Hẹn trả kết quả lúc 16 giờ thứ Ba, ngày 24 tháng 11 năm 2026.');
    expect(said).toContain('Đang giải quyết. Đăng ký khai sinh. ');
    expect(said).toContain('Nhận tại quầy số 2. ');
    expect(said).not.toMatch(/[^.]\.\.(?!\.)/);
    expect(said).not.toContain('2026-11-24T16');
  });

  // #14 walkthrough: in English the Vietnamese procedure name and the centre's note showed with no
  // label, a citizen could not tell what the Vietnamese lines were.
  for (const theme of ['large', 'normal'] as const)
    it(`in English the centre's Vietnamese lines are labelled on screen and said in Vietnamese (${theme})`, () => {
      const base = live('supplement', '2026-11-24T16:00:00+07:00');
      const note = 'Cần bổ sung giấy xác nhận cư trú.';
      const lookup = { ...base, status: { ...(base.kind === 'live' ? base.status : ({} as never)), note } };
      const screen = statusScreen(lookup);
      const shown = allLines(screen, theme, 'en');
      expect(shown).toContain('Procedure: Đăng ký khai sinh');
      expect(shown).toContain(`Note from the centre: ${note}`);
      const said = screen.speech?.('en') ?? '';
      expect(said).toContain(`Procedure: ${inVietnamese('Đăng ký khai sinh', 'en')}`);
      expect(said).toContain(`Note from the centre: ${inVietnamese(note, 'en')}`);
      // Vietnamese keeps the centre's words as they are.
      const shownVi = allLines(statusScreen(lookup), theme, 'vi');
      expect(shownVi).toContain('Đăng ký khai sinh');
      expect(shownVi).not.toContain('Procedure');
    });

  it('“Cần bổ sung hồ sơ” offers taking a number (button 3), by button and in speech', async () => {
    let taken = 0;
    const screen = statusScreen(live('supplement', '2026-11-24T16:00:00+07:00'), () => void taken++);
    const { targets } = draw(screen, 'large', 'vi');
    const take = targets.find((t) => t.id === 'take-number');
    expect(take).toMatchObject({ button: '3', label: 'Lấy số thứ tự' });
    await take?.activate();
    expect(taken).toBe(1);
    expect(screen.speech?.('vi')).toContain('Bấm số 3 để lấy số thứ tự');
    expect(screen.speech?.('vi')).toContain('Bổ sung hồ sơ tại quầy số 2');
    // A dossier still being processed needs no visit to the counter.
    const processing = draw(statusScreen(live('processing')), 'large', 'vi').targets;
    expect(processing.map((t) => t.id)).not.toContain('take-number');
  });

  it('“Không tìm thấy hồ sơ này” offers no rating, only what helps', () => {
    const screen = statusScreen({ kind: 'not-found', dossierNumber: 'H26.99.99-010101-0009' });
    const { targets } = draw(screen, 'large', 'vi');
    expect(targets.map((t) => t.id)).not.toContain('rate');
    expect(targets.map((t) => t.button)).toEqual(expect.arrayContaining(['ok', '2', '3']));
    const said = screen.speech?.('vi') ?? '';
    expect(said).toContain('Không tìm thấy hồ sơ này.');
    expect(said).not.toContain('đánh giá');
  });

  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`every button label is drawn whole on one line (${theme}, ${lang})`, () => {
        for (const lookup of [
          live('supplement', '2026-11-24T16:00:00+07:00'),
          { kind: 'not-found', dossierNumber: 'H26.99.99-010101-0009' } as const,
          { kind: 'unavailable', dossierNumber: 'H26.99.99-010101-0009', reason: 'offline' } as const,
        ]) {
          const { targets, drawn } = draw(statusScreen(lookup), theme, lang);
          for (const t of targets.filter((x) => !x.id.startsWith('status:'))) {
            const line = drawn.find((d) => d.text === t.label);
            expect(line, `${t.id} "${t.label}" drawn on one line`).toBeDefined();
            expect(line!.width).toBeLessThanOrEqual(line!.maxWidth ?? Infinity);
          }
        }
      });

  it('joins spoken parts with exactly one stop each', () => {
    expect(sentences(['Hồ sơ số 1.', 'Đang giải quyết', 'Vui lòng quét lại.', 'Có không?', ''])).toBe(
      'Hồ sơ số 1. Đang giải quyết. Vui lòng quét lại. Có không?',
    );
    expect(sentences(['Vui lòng quét lại..', 'Đang tải...'])).toBe('Vui lòng quét lại. Đang tải...');
  });
});
