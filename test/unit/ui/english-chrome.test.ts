import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessKiosk } from '../../../app/headless-render.js';
import { readFormDir } from '../../../domain/forms/form-library.js';
import { ASSISTANT_SAMPLES } from '../../../flows/assistant.js';
import type { Ticket } from '../../../domain/queue/ticket.js';
import { ticketReceiptLines } from '../../../ui-framebuffer/receipts/ticket-receipt.js';
import type { RenderContext } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';
import { PROMPTS } from '../../../voice/prompts/index.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import {
  chromeLeaks,
  englishWords,
  VIETNAMESE_LETTER,
  vietnameseChrome,
} from '../../helpers/vietnamese-chrome.js';

const WIDTH = 800;
const HEIGHT = 480;
const TIME = Date.parse('2026-11-25T08:30:00+07:00');

/** Where the kiosk writes its own words: screens, flows, prompts, and the facts it phrases. */
const CHROME_SOURCES = [
  'ui-framebuffer',
  'flows',
  'voice/prompts',
  'domain/catalog/procedure-facts.ts',
  'domain/catalog/legal-basis.ts',
  'domain/queue',
  'domain/identity/cccd.ts',
  'domain/dossier',
  'runtime/config/sections/services.ts',
];

/**
 * What stays Vietnamese on an English screen: the language switch's own name, and the sample
 * data of the previews (a citizen's name and address, what a citizen typed, a centre's dossier).
 */
const SAMPLE_DATA = [
  'Tiếng Việt',
  'Trần Văn Nam',
  'Xóm 3, Xã Hải Hậu, Tỉnh Ninh Bình',
  'xin visa đi Mỹ',
  'Cần bổ sung bản sao giấy tờ chứng minh chỗ ở hợp pháp.',
  'Giấy đề nghị đăng ký hộ kinh doanh',
];

/** Every string of a value (an object's, an array's), depth first. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** English plurals left to the reader: "document(s)", "copy(ies)". */
const HEDGED_PLURAL = /\p{L}\((?:s|es|ies)\)/u;

/**
 * The issue: English mode showed and said Vietnamese UI words (the ticket's group, the receipt,
 * "Fee: Miễn phí", "working day(s)", the dialog "In phiếu số thứ tự?"). Every English frame of
 * the gallery, what it says, and the English receipt may hold Vietnamese only where it is content
 * (catalog names and documents, form labels, sample data), never the kiosk's own words: those are
 * every Vietnamese piece of a string in the kiosk's code (test/helpers/vietnamese-chrome.ts).
 */
describe('English mode: no Vietnamese UI words on screen, in speech or on the receipt', () => {
  let headless: HeadlessKiosk;
  let chrome: Set<string>;
  let english: Set<string>;
  beforeAll(async () => {
    headless = await HeadlessKiosk.open({ width: WIDTH, height: HEIGHT, rotation: 0, time: TIME });
    const procedures = headless.kiosk.catalog.current?.catalog.procedures ?? [];
    const data = [
      ...procedures.flatMap((p) => [p.name, p.field, p.agency, p.where, ...p.documents.map((d) => d.name)]),
      ...strings(readFormDir()),
      headless.kiosk.config.device.centre,
      headless.kiosk.config.device.agency,
      ...SAMPLE_DATA,
      // What the citizen asked in the gallery's assistant conversations, shown in its bubble.
      ...ASSISTANT_SAMPLES.flatMap((s) => s.questions.map((q) => q.replace(/[?.!]+$/u, ''))),
    ];
    chrome = vietnameseChrome(CHROME_SOURCES, data);
    // The catalog's fees and times are facts the kiosk phrases ("Miễn phí", "3 Ngày làm việc"):
    // their words are the kiosk's to translate (a long free-text time stays content).
    for (const m of procedures.flatMap((p) => p.methods))
      for (const value of [m.fee, m.processingTime]) {
        const words = value.replace(/[\d.,/]+/gu, ' ').trim();
        if (VIETNAMESE_LETTER.test(words) && words.split(/\s+/u).length <= 3) chrome.add(words);
      }
    english = englishWords(Object.values(PROMPTS).map((p) => p.en));
  });
  afterAll(async () => {
    await headless.close();
  });

  it('finds the words the issue reported', () => {
    expect(chromeLeaks('Fee: Miễn phí', chrome, english)).not.toEqual([]);
    expect(chromeLeaks('In phiếu số thứ tự?', chrome, english)).not.toEqual([]);
    expect(chromeLeaks('Please go to quầy 1, 2', chrome, english)).toContain('quầy');
    expect(chromeLeaks('Counter 1, Tư pháp - Hộ tịch', chrome, english)).toEqual(['Tư pháp - Hộ tịch']);
    // Content stays: a catalog name and a document.
    expect(chromeLeaks('Thủ tục đăng ký khai sinh', chrome, english)).toEqual([]);
    expect(HEDGED_PLURAL.test('You need 3 document(s).')).toBe(true);
  });

  for (const theme of ['large', 'normal'] as const)
    it(`${theme} theme: every gallery frame and what it says`, async () => {
      const found: string[] = [];
      let frames = 0;
      for (const entry of headless.gallery()) {
        await entry.render({ theme, lang: 'en' });
        const screen = headless.kiosk.ui.current;
        if (!screen) throw new Error(`${entry.name}: nothing shown`);
        const rec = recordingContext(createCanvas(WIDTH, HEIGHT).getContext('2d'));
        const focusedId = headless.kiosk.ui.focusedTarget?.id;
        const rc: RenderContext = {
          g: rec.g,
          width: WIDTH,
          height: HEIGHT,
          theme: themeByName(theme),
          lang: 'en',
          scale: 1,
          now: TIME,
          timeZone: headless.kiosk.config.device.timeZone,
          ...(focusedId ? { focusedId } : {}),
        };
        screen.render(rc);
        frames++;
        // Joined, so a phrase wrapped onto two lines is still found.
        const shown = rec.drawn.map((t) => t.text).join(' ');
        const said = screen.speech?.('en') ?? '';
        for (const [where, text] of [
          ['shows', shown],
          ['says', said],
        ] as const) {
          for (const leak of chromeLeaks(text, chrome, english))
            found.push(`${entry.name} ${where} "${leak}"`);
          if (HEDGED_PLURAL.test(text)) found.push(`${entry.name} ${where} ${HEDGED_PLURAL.exec(text)?.[0]}`);
        }
      }
      expect(frames).toBeGreaterThan(20);
      expect(found).toEqual([]);
    });

  it('the English ticket receipt: English labels, the group and the priority mark in both languages', () => {
    const group = headless.kiosk.queue.groups()[0];
    if (!group?.nameEn) throw new Error('the default config names its first group in English');
    const ticket: Ticket = {
      id: 1,
      number: 'A-012',
      groupId: group.id,
      groupName: group.name,
      seq: 12,
      serviceDay: '2026-11-25',
      issuedAt: TIME,
      peopleAhead: 3,
      counters: group.counters,
      status: 'waiting',
      peopleAheadSource: 'local',
      priority: true,
      session: 'Sáng',
    };
    const lines = ticketReceiptLines(ticket, {
      agency: headless.kiosk.config.device.agency,
      centre: headless.kiosk.config.device.centre,
      timeZone: 'Asia/Ho_Chi_Minh',
      widthDots: 576,
      lang: 'en',
      groupName: { vi: group.name, en: group.nameEn },
      session: { vi: 'Sáng', en: 'Morning' },
    }).map((l) => l.text);
    expect(lines).toContain(group.nameEn);
    expect(lines).toContain(`(${group.name})`);
    expect(lines).toContain('PRIORITY · ƯU TIÊN');
    expect(lines).toContain('Session: Morning');
    // Apart from the Vietnamese beside its English, nothing of the kiosk's Vietnamese.
    const printed = lines
      .filter((l) => l !== `(${group.name})`)
      .map((l) => l.replace(' · ƯU TIÊN', ''))
      .join(' ');
    expect(chromeLeaks(printed, chrome, english)).toEqual([]);
  });
});
