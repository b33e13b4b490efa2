import { describe, expect, it } from 'vitest';
import { readChoiceReference } from '../../../domain/assistant/choice-reference.js';
import { choiceLabels } from '../../../domain/assistant/choice-labels.js';
import { cleanQuestion, MAX_QUESTION_CHARS, questionWords } from '../../../domain/assistant/question-text.js';
import { readSlots } from '../../../domain/assistant/slots.js';
import { readSmallTalk } from '../../../domain/assistant/small-talk.js';

const slots = (q: string): string[] => readSlots(questionWords(q)).slots;

describe('Assistant: reading a question', () => {
  it('cuts any input to a bounded clean line: control bytes, emoji and very long text', () => {
    expect(cleanQuestion('  phí\u0000 bao\u0007 nhiêu 😀😀 ?\n')).toBe('phí bao nhiêu ?');
    const long = cleanQuestion('đăng ký khai sinh '.repeat(2000));
    expect(long.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(long.startsWith('đăng ký khai sinh')).toBe(true);
    expect(long.endsWith(' ')).toBe(false);
    expect(cleanQuestion('?!…---')).toBe('?!…---');
    expect(questionWords('?!…---')).toEqual([]);
    // NFD input and the đ look-alike become the same words as NFC.
    expect(questionWords('Ðăng ky\u0301 ')).toEqual(['dang', 'ky']);
  });

  it('spells out chat abbreviations before reading slots', () => {
    expect(questionWords('phi bn')).toEqual(['phi', 'bao', 'nhieu']);
    expect(slots('phi bn')).toEqual(['fee']);
    expect(slots('tg giải quyết bao lâu')).toEqual(['time']);
  });

  it('finds each slot the way citizens ask, in the order asked', () => {
    expect(slots('mất mấy ngày')).toEqual(['time']);
    expect(slots('có mất phí không')).toEqual(['fee']);
    expect(slots('nộp ở đâu vậy')).toEqual(['place']);
    expect(slots('cần mang theo những giấy tờ gì')).toEqual(['documents']);
    expect(slots('trình tự thực hiện ra sao')).toEqual(['steps']);
    expect(slots('điều kiện là gì')).toEqual(['conditions']);
    expect(slots('làm xong thì nhận được gì')).toEqual(['result']);
    expect(slots('căn cứ pháp lý nào')).toEqual(['legal']);
    expect(slots('có nộp trực tuyến được không')).toContain('online');
    expect(slots('Vậy thời gian giải quyết và lệ phí như thế nào?')).toEqual(['time', 'fee']);
    // A generic "how" is the steps only when nothing more precise is asked.
    expect(slots('tách hộ phải làm sao')).toEqual(['steps']);
    expect(slots('gia hạn tạm trú')).toEqual([]);
  });

  it('reads ordinal references to the choices on screen', () => {
    const ref = (q: string, n = 5): number | undefined => readChoiceReference(questionWords(q), n);
    expect(ref('cái thứ hai')).toBe(1);
    expect(ref('số 3')).toBe(2);
    expect(ref('chọn số 1')).toBe(0);
    expect(ref('cái đầu tiên')).toBe(0);
    expect(ref('cái cuối')).toBe(4);
    expect(ref('2')).toBe(1);
    expect(ref('hai')).toBe(1);
    expect(ref('số 7')).toBeUndefined();
    expect(ref('cái thứ hai', 0)).toBeUndefined();
    expect(ref('đăng ký khai sinh')).toBeUndefined();
  });

  it('labels choices by what tells them apart and names what they share once', () => {
    expect(choiceLabels(['Thủ tục đăng ký khai tử', 'Đăng ký lại khai tử'])).toEqual({
      labels: ['Đăng ký khai tử', 'Đăng ký lại khai tử'],
      topic: '',
    });
    expect(
      choiceLabels([
        'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (Công trình không theo tuyến) và nhà ở riêng lẻ',
        'Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV (công trình Không theo tuyến/Sửa chữa) và nhà ở riêng lẻ',
        'Cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ',
      ]),
    ).toEqual({ labels: ['Cấp mới', 'Gia hạn', 'Cấp lại'], topic: 'giấy phép xây dựng' });
    expect(
      choiceLabels(['Đăng ký khai tử', 'Xóa đăng ký thường trú', 'Giải quyết hưởng chế độ tử tuất']).labels,
    ).toEqual(['Đăng ký khai tử', 'Xóa đăng ký thường trú', 'Giải quyết hưởng chế độ tử tuất']);
  });

  it('recognises greetings and thanks', () => {
    expect(readSmallTalk(questionWords('Xin chào'))).toBe('greet');
    expect(readSmallTalk(questionWords('cảm ơn nha'))).toBe('thank');
    expect(readSmallTalk(questionWords('đăng ký kết hôn'))).toBeUndefined();
  });
});
