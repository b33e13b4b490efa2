import { describe, expect, it } from 'vitest';
import { spokenTicketNumber } from '../../../voice/spoken-ticket.js';
import {
  expandNumbers,
  readDigits,
  readNumber,
  spokenAmount,
  spokenCounter,
  spokenDate,
  spokenTicket,
  spokenTime,
} from '../../../voice/vietnamese-numbers.js';

describe('Voice: Vietnamese numbers', () => {
  it.each([
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [31, 'ba mươi mốt'],
    [101, 'một trăm lẻ một'],
    [105, 'một trăm lẻ năm'],
    [110, 'một trăm mười'],
    [115, 'một trăm mười lăm'],
    [124, 'một trăm hai mươi tư'],
    [1000, 'một nghìn'],
    [1005, 'một nghìn không trăm lẻ năm'],
    [1050, 'một nghìn không trăm năm mươi'],
    [2024, 'hai nghìn không trăm hai mươi tư'],
    [10_000, 'mười nghìn'],
    [1_000_000, 'một triệu'],
    [1_000_005, 'một triệu không trăm lẻ năm'],
    [2_000_000_000, 'hai tỉ'],
  ])('%i is read "%s"', (n, words) => {
    expect(readNumber(n)).toBe(words);
  });

  it('reads ticket numbers digit by digit or as a number, one style at a time', () => {
    expect(spokenTicket('A-025')).toBe('A, không, hai, năm');
    expect(spokenTicket('A-025', 'number')).toBe('A, hai mươi lăm');
    expect(spokenTicket('B-105', 'number')).toBe('B, một trăm lẻ năm');
    expect(spokenTicket('C-000', 'number')).toBe('C, không');
    expect(spokenTicket('AB-7')).toBe('A, B, bảy');
    expect(spokenTicketNumber('D-014')).toBe('D, không, một, bốn');
    expect(readDigits('2024', ' ')).toBe('hai không hai bốn');
    expect(() => spokenTicket('A-')).toThrow(TypeError);
  });

  it('reads counters, amounts, dates and times', () => {
    expect(spokenCounter(3)).toBe('quầy số ba');
    expect(spokenCounter(21)).toBe('quầy số hai mươi mốt');
    expect(spokenAmount(10_000)).toBe('mười nghìn đồng');
    expect(spokenAmount(25_000)).toBe('hai mươi lăm nghìn đồng');
    expect(spokenAmount(0)).toBe('không đồng');
    const at = new Date(Date.UTC(2026, 10, 5, 2, 15));
    expect(spokenDate(at)).toBe('ngày mùng năm tháng mười một năm hai nghìn không trăm hai mươi sáu');
    expect(spokenDate(new Date(Date.UTC(2026, 0, 24, 2)))).toBe(
      'ngày hai mươi tư tháng một năm hai nghìn không trăm hai mươi sáu',
    );
    expect(spokenTime(at)).toBe('chín giờ mười lăm phút');
    expect(spokenTime(new Date(Date.UTC(2026, 0, 1, 7, 0)))).toBe('mười bốn giờ');
    expect(() => spokenAmount(-1)).toThrow(/amount: must be/);
    expect(() => readNumber(1.5)).toThrow(/value: must be/);
  });

  it('expands numbers inside guidance text', () => {
    expect(expandNumbers('Số A-025 đến quầy số 3.')).toBe('Số A, không, hai, năm đến quầy số ba.');
    expect(expandNumbers('Số A-025 đến quầy số 3.', 'number')).toBe('Số A, hai mươi lăm đến quầy số ba.');
    expect(expandNumbers('Lệ phí 10.000 đồng, có 21 người chờ.')).toBe(
      'Lệ phí mười nghìn đồng, có hai mươi mốt người chờ.',
    );
    expect(expandNumbers('Bấm số 1 để lấy số thứ tự.')).toBe('Bấm số một để lấy số thứ tự.');
  });
});
