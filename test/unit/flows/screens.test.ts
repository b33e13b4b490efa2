import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import type { Procedure } from '../../../domain/catalog/procedure.js';
import { orderedDocuments } from '../../../domain/catalog/procedure-facts.js';
import { documentSpeech, procedureSummary } from '../../../flows/speech/search.js';
import { readNumber } from '../../../voice/vietnamese-numbers.js';

const FLOW_SCREENS = [
  'groups',
  'search',
  'results',
  'procedure',
  'apologize',
  'dossier',
  'dossier-status',
  'rating',
  'scan-id',
  'closed',
  'form-pick',
  'form-prefill',
  'form-field',
  'form-review',
  'form-done',
];

describe('Flows: every citizen screen renders in both themes and languages, with buttons and speech', () => {
  const headless = headlessKioskForSuite();

  it('registers the flow screens for kiosk render', () => {
    for (const name of [...FLOW_SCREENS, 'home']) expect(headless().screenNames).toContain(name);
  });

  for (const name of FLOW_SCREENS) {
    it(`${name}: drawn, reachable by physical buttons, and spoken`, async () => {
      for (const theme of ['large', 'normal'] as const) {
        for (const lang of ['vi', 'en'] as const) {
          const shown = await headless().render(name, { theme, lang });
          expect(shown.targets.length).toBeGreaterThan(0);
          const ui = headless().kiosk.ui;
          expect(ui.current?.name).toMatch(
            name === 'results' ? /^(results|apologize)$/ : new RegExp(`^${name}$`),
          );
          // Every numbered button is used once; targets stay inside the 800x480 screen.
          const buttons = ui.visibleTargets.flatMap((t) => (t.button ? [t.button] : []));
          expect(new Set(buttons).size).toBe(buttons.length);
          for (const t of ui.visibleTargets) {
            expect(t.rect.x).toBeGreaterThanOrEqual(0);
            expect(t.rect.y).toBeGreaterThanOrEqual(0);
            expect(t.rect.x + t.rect.width).toBeLessThanOrEqual(800.5);
            expect(t.rect.y + t.rect.height).toBeLessThanOrEqual(480.5);
          }
          const said = ui.current?.speech?.(lang) ?? '';
          expect(said.length).toBeGreaterThan(10);
          expect(said).toBe(said.normalize('NFC'));
        }
      }
    });
  }

  it('form field: keys at least 60 px and the title text large in the large theme at 800x480 (#15)', async () => {
    await headless().render('form-field', { theme: 'large', lang: 'vi' });
    const keys = headless().kiosk.ui.visibleTargets.filter((t) => t.id.startsWith('key:'));
    expect(keys.length).toBeGreaterThan(30);
    for (const k of keys) expect(k.rect.height).toBeGreaterThanOrEqual(60);
    expect(headless().kiosk.ui.themeName).toBe('large');
    await headless().render('form-review', { theme: 'large', lang: 'vi' });
    const rows = headless().kiosk.ui.visibleTargets.filter((t) => t.id.startsWith('row:'));
    // Rows are touch targets a key high (60 px, #14): three on the first page.
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.rect.height).toBeGreaterThanOrEqual(60);
  });

  it('home fits the eight entries and the language switch legibly at 800x480 (large theme)', async () => {
    await headless().render('home', { theme: 'large', lang: 'vi' });
    const targets = headless().kiosk.ui.visibleTargets;
    expect(targets.map((t) => t.button ?? t.id)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      'theme',
      'language',
    ]);
    for (const t of targets) expect(t.rect.height).toBeGreaterThanOrEqual(56);
    expect(targets.find((t) => t.button === '7')?.label).toBe('Lấy số ưu tiên');
    expect(targets.find((t) => t.button === '8')?.label).toBe('Hỏi trợ lý');
    expect(targets.map((t) => t.label).slice(0, 4)).toEqual([
      'Lấy số thứ tự',
      'Tra cứu thủ tục',
      'Tra cứu hồ sơ',
      'Đánh giá',
    ]);
  });
});

const procedure: Procedure = {
  code: 'T.1',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  levels: ['xa'],
  agency: 'UBND xã',
  where: 'Bộ phận một cửa UBND xã',
  steps: [],
  methods: [
    { method: 'Trực tuyến', processingTime: '1', fee: 'Miễn phí' },
    { method: 'Trực tiếp', processingTime: '3 Ngày làm việc', fee: '8.000 Đồng' },
  ],
  documents: [
    { name: 'Trường hợp ủy quyền thì có văn bản ủy quyền.', originals: 1 },
    { name: 'Người yêu cầu nộp các giấy tờ sau:' },
    { name: 'Tờ khai đăng ký khai sinh theo mẫu', originals: 1 },
    { name: 'Giấy chứng sinh', originals: 1, copies: 1 },
  ],
  conditions: '',
  result: '',
  legalBasis: [],
  url: '',
};

describe('Flows: what the detail screen says', () => {
  it('counts in Vietnamese as spoken', () => {
    expect([1, 4, 5, 10, 11, 14, 15, 21, 24, 25, 30].map((n) => readNumber(n))).toEqual([
      'một',
      'bốn',
      'năm',
      'mười',
      'mười một',
      'mười bốn',
      'mười lăm',
      'hai mươi mốt',
      'hai mươi tư',
      'hai mươi lăm',
      'ba mươi',
    ]);
  });

  it('summarises with the in-person fee and time', () => {
    expect(procedureSummary(procedure, 'vi')).toBe(
      'Thủ tục đăng ký khai sinh. Lệ phí: 8.000 đồng. Thời gian giải quyết: 3 ngày làm việc. Nơi nộp: Bộ phận một cửa UBND xã. Cần hai loại giấy tờ, thêm một loại tùy trường hợp. Bấm số 2 để nghe từng giấy tờ, số 3 để lấy số thứ tự, nút xuống để xem trang sau.',
    );
  });

  it('reads the documents one at a time, everyday ones first, headings dropped', () => {
    expect(orderedDocuments(procedure).always.map((d) => d.name)).toEqual([
      'Tờ khai đăng ký khai sinh theo mẫu',
      'Giấy chứng sinh',
    ]);
    expect([0, 1, 2, 3].map((i) => documentSpeech(procedure, 'vi', i))).toEqual([
      'Giấy tờ số một trong hai: Tờ khai đăng ký khai sinh theo mẫu (1 bản chính). Bấm số 2 để nghe tiếp, số 1 để nhắc lại.',
      'Giấy tờ số hai trong hai: Giấy chứng sinh (1 bản chính, 1 bản sao). Bấm số 2 để nghe tiếp, số 1 để nhắc lại.',
      'Tùy trường hợp, số một trong một: Trường hợp ủy quyền thì có văn bản ủy quyền (1 bản chính). Bấm số 2 để nghe tiếp, số 1 để nhắc lại.',
      'Đã đọc hết các giấy tờ. Bấm số 2 để nghe lại từ đầu, số 3 để lấy số thứ tự.',
    ]);
  });
});
