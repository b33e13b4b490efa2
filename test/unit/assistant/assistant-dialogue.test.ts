import { plainSpeech } from '../../../runtime/text/speech-marks.js';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { feeReply, documentsReply, placeReply, timeReply } from '../../../domain/assistant/answers.js';
import { feePhrase } from '../../../domain/catalog/procedure-facts.js';
import { createAssistant, type Assistant } from '../../../domain/assistant/create-assistant.js';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import type { CatalogFile, Procedure } from '../../../domain/catalog/procedure.js';

let catalog: CatalogFile;
let assistant: Assistant;
const get = (code: string): Procedure => catalog.procedures.find((p) => p.code === code) as Procedure;

beforeAll(() => {
  catalog = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
  assistant = createAssistant(catalog.procedures);
});

const TACH_HO = '1.010038';
const KET_HON = '1.000894';
const KHAI_TU = '1.000656';

describe('Assistant: replies from the catalog', () => {
  it('states fees per submission method the Vietnamese way, free as free', () => {
    expect(feeReply(get(TACH_HO))).toBe(
      'Lệ phí tách hộ: nộp trực tiếp 10.000 đồng, nộp trực tuyến 5.000 đồng.',
    );
    expect(feeReply(get(KET_HON))).toBe('Lệ phí đăng ký kết hôn: miễn phí.');
    expect(
      feePhrase({ method: 'Trực tiếp', processingTime: '', fee: '8,000 Việt Nam Đồng', feeAmount: 8000 }),
    ).toBe('8.000 đồng');
  });

  it('says when the catalog has no value and points to the counter, never a figure', () => {
    const reply = feeReply(get('1.010028'));
    expect(reply).toMatch(/chưa ghi lệ phí/);
    expect(reply).toMatch(/quầy/);
    expect(reply).not.toMatch(/\d/);
    const noTime = {
      ...get(TACH_HO),
      methods: get(TACH_HO).methods.map((m) => ({ ...m, processingTime: '' })),
    };
    expect(timeReply(noTime)).toMatch(/chưa ghi thời gian.*quầy/);
  });

  it('reads the time, adding the portal’s usual unit when it is missing', () => {
    expect(timeReply(get(TACH_HO))).toBe('Thời gian giải quyết tách hộ: 5 ngày làm việc.');
    expect(timeReply(get(KET_HON))).toBe('Thời gian giải quyết đăng ký kết hôn: 1 ngày làm việc.');
  });

  it('counts the common documents first and the conditional ones apart', () => {
    expect(documentsReply(get(KET_HON))).toMatch(/^Cần \d+ giấy tờ: .+ Thêm \d+ giấy tờ tùy trường hợp\.$/);
    expect(placeReply(get(TACH_HO))).toMatch(/Công an cấp Xã.*trực tuyến/);
  });
});

describe('Assistant: replies in the kiosk language and times from the steps', () => {
  it('frames replies in English when the kiosk is in English, catalog content as it is', () => {
    const d = assistant.dialogue();
    const fee = d.ask('tách hộ phí bao nhiêu', 'en');
    expect(fee.focus).toBe(TACH_HO);
    expect(fee.reply).toBe('Fee for "tách hộ": in person 10,000 dong, online 5,000 dong.');
    expect(d.ask('mất mấy ngày', 'en').reply).toMatch(/^Processing time for "tách hộ": /u);
    expect(assistant.dialogue().ask('đăng ký kết hôn lệ phí', 'en').reply).toBe(
      'Fee for "đăng ký kết hôn": free.',
    );
    const choices = assistant.dialogue().ask('xin giay phep xay dung', 'en');
    expect(choices.reply).toMatch(/^There are \d procedures about .+ Which number do you choose\?$/u);
    expect(assistant.dialogue().ask('mua vé máy bay', 'en').reply).toMatch(/^Sorry, /u);
    expect(assistant.dialogue().ask('xin chào', 'en').reply).toMatch(/^Hello!/u);
    // Vietnamese stays the default.
    expect(assistant.dialogue().ask('tách hộ phí bao nhiêu').reply).toMatch(/^Lệ phí tách hộ/u);
  });

  it('states the time the steps give when the method table has none, never a made-up one', () => {
    const base = get(TACH_HO);
    const noTable = {
      ...base,
      methods: base.methods.map((m) => ({
        method: m.method,
        fee: m.fee,
        ...(m.feeAmount !== undefined ? { feeAmount: m.feeAmount } : {}),
        processingTime: '',
      })),
    };
    const inSteps = {
      ...noTable,
      steps: ['Nộp hồ sơ.', 'Cơ quan trả kết quả trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ.'],
    };
    expect(timeReply(inSteps)).toBe(
      'Theo các bước trong danh mục, tách hộ được giải quyết trong 3 ngày làm việc.',
    );
    expect(plainSpeech(timeReply(inSteps, 'en'))).toBe(
      'According to the steps in the catalog, "tách hộ" takes 3 working days.',
    );
    const nowhere = { ...noTable, steps: ['Nộp hồ sơ tại bộ phận một cửa.'] };
    expect(timeReply(nowhere)).toMatch(/chưa ghi thời gian giải quyết.*xin hỏi cán bộ tại quầy/u);
    expect(timeReply(nowhere)).not.toMatch(/\d/u);
  });
});

describe('Assistant: a conversation', () => {
  it('answers follow-ups about the procedure in focus from the catalog', () => {
    const d = assistant.dialogue();
    const first = d.ask('tach ho phai sao');
    expect(first).toMatchObject({ behavior: 'answer', focus: TACH_HO, slot: 'steps' });
    expect(first.results[0]?.code).toBe(TACH_HO);
    const fee = d.ask('phi bn');
    expect(fee).toMatchObject({ behavior: 'answer', focus: TACH_HO, slot: 'fee' });
    expect(fee.reply).toContain('10.000 đồng');
    const time = d.ask('mất mấy ngày');
    expect(time).toMatchObject({ focus: TACH_HO, slot: 'time' });
    expect(time.reply).toContain('5 ngày làm việc');
    expect(d.ask('cái đó nộp ở đâu')).toMatchObject({ focus: TACH_HO, slot: 'place' });
  });

  it('follows a topic switch and keeps the new focus', () => {
    const d = assistant.dialogue();
    d.ask('Tôi muốn đăng ký kết hôn.');
    const next = d.ask('à, còn đăng ký tạm trú thì mất bao lâu');
    expect(next).toMatchObject({ behavior: 'answer', focus: '1.004194', slot: 'time' });
    expect(next.reply).toContain('3 ngày làm việc');
    expect(d.ask('phí bao nhiêu').reply).toContain('10.000 đồng');
  });

  it('offers at most five numbered choices and takes "cái thứ hai" or a number', () => {
    const d = assistant.dialogue();
    const c = d.ask('xin giay phep xay dung');
    expect(c.behavior).toBe('clarify');
    expect(c.focus).toBeNull();
    expect(c.choices.length).toBeGreaterThan(1);
    expect(c.choices.length).toBeLessThanOrEqual(5);
    expect(new Set(c.choices.map((x) => x.label)).size).toBe(c.choices.length);
    expect(c.reply).toMatch(/1\. .+; 2\. /);
    const second = d.ask('cái thứ hai');
    expect(second).toMatchObject({ behavior: 'answer', focus: c.choices[1]?.code });
    const again = assistant.dialogue();
    const choices = again.ask('xin giay phep xay dung').choices;
    expect(again.ask('số 1').focus).toBe(choices[0]?.code);
  });

  it('asks which one when a slot question comes while choices are on screen', () => {
    const d = assistant.dialogue();
    d.ask('xin giay phep xay dung');
    const which = d.ask('phí bao nhiêu');
    expect(which.behavior).toBe('clarify');
    expect(which.reply).toMatch(/^Bạn hỏi thủ tục nào\?/);
    const chosen = d.ask('2');
    expect(chosen.slot).toBe('fee');
    expect(chosen.reply).toMatch(/Lệ phí/);
  });

  it('turns a death told in everyday words into its procedures, registration first', () => {
    const d = assistant.dialogue();
    const t = d.ask('ông nhà tôi mới qua đời thì phải làm giấy gì');
    expect(t.behavior).toBe('clarify');
    expect(t.results[0]?.code).toBe(KHAI_TU);
    expect(t.choices[0]?.code).toBe(KHAI_TU);
  });

  it('prefers the general variant and understands an implied foreign spouse', () => {
    expect(assistant.dialogue().ask('đăng ký khai sinh cho con cần những gì').focus).toBe('1.001193');
    expect(assistant.dialogue().ask('chồng em là người Hàn, muốn đăng ký kết hôn').results[0]?.code).toBe(
      '2.000806',
    );
  });

  it('answers the general procedure, not a list of its variants, when no qualifier is asked', () => {
    const general = assistant.dialogue().ask('khai tử cần giấy gì');
    expect(general).toMatchObject({ behavior: 'answer', focus: KHAI_TU });
    // A qualifier the citizen uses picks that variant.
    expect(assistant.dialogue().ask('đăng ký khai tử lưu động cần giấy gì').focus).toBe('1.000419');
    // Variants that differ in what is done (new, extension, re-issue) are still choices.
    expect(assistant.dialogue().ask('xin giay phep xay dung').behavior).toBe('clarify');
  });

  it('says "not done here" when the catalog names the request at another level only', () => {
    const base = get('1.014063');
    const procedures = [
      ...catalog.procedures,
      {
        ...base,
        code: '9.000001',
        name: 'Đăng ký xe mô tô, xe gắn máy',
        field: 'Đăng ký xe',
        levels: ['xa'],
      },
      {
        ...base,
        code: '9.000002',
        name: 'Cấp mới giấy phép lái xe hạng A1',
        field: 'Sát hạch lái xe',
        levels: ['tinh'],
      },
      {
        ...base,
        code: '9.000003',
        name: 'Cấp lại giấy phép lái xe',
        field: 'Sát hạch lái xe',
        levels: ['tinh'],
      },
    ];
    const a = createAssistant(procedures);
    const licence = a.dialogue().ask('thi giấy phép lái xe máy đăng ký ở đâu');
    expect(licence.behavior).toBe('apologize');
    expect(licence.reply).toMatch(/không giải quyết tại Trung tâm/);
    expect(a.dialogue().ask('đăng ký xe gắn máy ở đâu')).toMatchObject({
      behavior: 'answer',
      focus: '9.000001',
    });
  });

  it('does not offer customs procedures to citizens', () => {
    const t = assistant.dialogue().ask('thủ tục hải quan khí xuất khẩu bằng đường ống');
    expect(t.behavior).toBe('apologize');
    expect(t.focus).toBeNull();
    expect(t.reply).toMatch(/Xin lỗi/);
  });

  // bounded time is structural (cleanQuestion cuts any input to MAX_QUESTION_CHARS before
  // analysis: assistant-words.test.ts); the per-turn p95 is measured in bench/ (assistant)
  it('answers bad input kindly, never throwing', () => {
    const d = assistant.dialogue();
    for (const q of [
      '',
      '?!?!',
      '😀😀😀',
      '\u0000\u0001\u001b[2J',
      'rm -rf / ; DROP TABLE x',
      'Ω'.repeat(10_000),
    ]) {
      const t = d.ask(q);
      expect(t.behavior).toBe('apologize');
      expect(t.reply.length).toBeGreaterThan(0);
    }
    const long = d.ask(`đăng ký kết hôn ${'x '.repeat(5000)}`);
    expect(long.focus).toBe(KET_HON);
  });

  it('greets back and forgets everything at reset', () => {
    const d = assistant.dialogue();
    expect(d.ask('xin chào').reply).toMatch(/^Xin chào/);
    d.ask('tách hộ');
    expect(d.focused?.code).toBe(TACH_HO);
    d.reset();
    expect(d.focused).toBeUndefined();
    // Nothing in focus any more: the fee question asks which procedure (it apologized before
    // the dialogue remembered the slot; now it asks kindly and answers the next turn's procedure).
    expect(d.ask('phí bao nhiêu')).toMatchObject({ behavior: 'clarify', focus: null, slot: 'fee' });
  });
});
