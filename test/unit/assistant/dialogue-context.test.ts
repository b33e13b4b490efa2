import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type Assistant } from '../../../domain/assistant/create-assistant.js';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';

let assistant: Assistant;

beforeAll(() => {
  const catalog = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
  assistant = createAssistant(catalog.procedures);
});

const TACH_HO = '1.010038';
const KET_HON = '1.000894';
const TAM_TRU = '1.004194';
const KHAI_SINH = '1.001193';

describe('Assistant: context of a follow-up', () => {
  it('keeps the focus on "vậy/thế/này" only when the question names no other procedure', () => {
    const d = assistant.dialogue();
    d.ask('Tôi muốn đăng ký kết hôn.');
    expect(d.ask('Vậy thời gian giải quyết và lệ phí như thế nào?')).toMatchObject({
      focus: KET_HON,
      slot: 'time',
    });
    expect(d.ask('thế thủ tục này giải quyết bao lâu').focus).toBe(KET_HON);
    // "vậy" with another procedure named: that one.
    expect(d.ask('vậy đăng ký tạm trú mất bao lâu')).toMatchObject({ focus: TAM_TRU, slot: 'time' });
    // Also when named by its topic alone, "tử" of "khai tử" folding to the stopword "từ".
    const e = assistant.dialogue();
    e.ask('đăng ký kết hôn');
    expect(e.ask('thế khai tử thì cần giấy tờ gì')).toMatchObject({ focus: '1.000656', slot: 'documents' });
    // Repeating the focus's topic stays on the focus, not on its general form.
    const g = assistant.dialogue();
    g.ask('đăng ký lại khai sinh');
    expect(g.ask('khai sinh').focus).toBe('1.004884');
  });

  it('reads an unaccented "a con …" / "con …" at the start as "à, còn …", not "con trai"', () => {
    const d = assistant.dialogue();
    d.ask('tach ho');
    expect(d.ask('a con dang ky tam tru thi mat bao lau')).toMatchObject({ focus: TAM_TRU, slot: 'time' });
    const e = assistant.dialogue();
    e.ask('tach ho');
    expect(e.ask('con dang ky tam tru phi bao nhieu')).toMatchObject({ focus: TAM_TRU, slot: 'fee' });
    // "con tôi" is "my child": the birth registration in focus stays.
    const f = assistant.dialogue();
    f.ask('dang ky khai sinh');
    expect(f.ask('con toi sinh o benh vien thi can giay gi')).toMatchObject({
      focus: KHAI_SINH,
      slot: 'documents',
    });
  });

  it('asks which procedure a bare fee question means, then answers the fee of the one named', () => {
    const d = assistant.dialogue();
    const which = d.ask('phí bao nhiêu');
    expect(which).toMatchObject({ behavior: 'clarify', focus: null, slot: 'fee', choices: [] });
    expect(which.reply).toBe(
      'Bạn hỏi lệ phí của thủ tục nào? Bạn hãy nói tên thủ tục, ví dụ: tách hộ, đăng ký khai sinh.',
    );
    const named = d.ask('tách hộ');
    expect(named).toMatchObject({ behavior: 'answer', focus: TACH_HO, slot: 'fee' });
    expect(named.reply).toBe('Lệ phí tách hộ: nộp trực tiếp 10.000 đồng, nộp trực tuyến 5.000 đồng.');
    // The slot waited one turn only: the next procedure named gets its summary ("free" said
    // once: it read "Lệ phí miễn phí").
    const summary = d.ask('à còn đăng ký kết hôn');
    expect(summary.slot).toBeNull();
    expect(summary.reply).toMatch(/^Thủ tục đăng ký kết hôn\. Miễn phí, giải quyết trong 1 ngày làm việc/u);
    expect(assistant.dialogue().ask('đăng ký kết hôn', 'en').reply).toMatch(
      /^Procedure: đăng ký kết hôn\. Free of charge, takes 1 working day/u,
    );
    const en = assistant.dialogue().ask('mất mấy ngày', 'en');
    expect(en).toMatchObject({ behavior: 'clarify', slot: 'time' });
    expect(en.reply).toMatch(/^Which procedure do you want the processing time of\?/u);
  });
});
