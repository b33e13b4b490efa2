import { describe, expect, it } from 'vitest';
import { feeFromNote, vietnameseAmount } from '../../../domain/catalog/fee-note.js';
import { parseMethods } from '../../../domain/catalog/portal-tables.js';
import { feePhrase } from '../../../domain/catalog/procedure-facts.js';

/** The portal's method columns as crawled (../shared/data/tthc/portal_procedures.jsonl). */
const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const CHUNG_CHI = `${HEADER}Trực tuyến5 Ngày làm việcKhông có thông tin- 05 ngày làm việc kể từ ngày nhận đủ hồ sơ\n- Lệ phí : 20.000 Đồng (Lệ phí Cấp mới, cấp lại chứng chỉ chuyên môn: 20.000 đồng/giấy.); \n- Lệ phí : 50.000 Đồng (Lệ phí Cấp mới, cấp lại chứng nhận khả năng chuyên môn thuyền trưởng, máy trưởng: 50.000 đồng/giấy;)`;
const BAO_DAM = `${HEADER}Trực tuyến3 Ngày làm việcKhông có thông tinPhí, lệ phí (nếu có): Hội đồng nhân dân cấp tỉnh quyết định đối với hoạt động đăng ký do cơ quan địa phương thực hiện (STT XII.8 Phần A Phụ lục số 01 ban hành kèm theo Luật phí và lệ phí năm 2015).\n- Cơ quan đăng ký có trách nhiệm giải quyết hồ sơ đăng ký trong ngày làm việc nhận được hồ sơ hợp lệ; nếu thời điểm nhận hồ sơ sau 15 giờ cùng ngày thì có thể hoàn thành việc đăng ký trong ngày làm việc tiếp theo.`;
const KHAN_CAP = `${HEADER}Trực tuyếnKhông có thông tinKhông có thông tin- Trực tuyến (hệ thống liên thông quản lý văn bản)\n- Không quy định thời hạn giải quyết, phí, lệ phí`;
const TAM_TRU = `${HEADER}Trực tiếp2 Ngày làm việcKhông có thông tin- Nộp hồ sơ trực tiếp tại Công an cấp xã. Thời gian tiếp nhận hồ sơ: Giờ hành chính các ngày làm việc từ thứ 2 đến thứ 6 và sáng thứ 7 hàng tuần (trừ các ngày nghỉ lễ, tết theo quy định của pháp luật).`;

function method(raw: string) {
  const m = parseMethods(raw).value[0];
  if (!m) throw new Error('no method parsed');
  return m;
}

describe('Catalog: the fee a method note states', () => {
  it('reads amounts, "no fee set" and "decided by the province" from real portal notes', () => {
    const chungChi = method(CHUNG_CHI);
    expect(chungChi.fee).toBe(''); // the fee column says "Không có thông tin"
    expect(feeFromNote(chungChi.note)).toEqual({ fee: 'từ 20.000 đồng đến 50.000 đồng tùy trường hợp' });
    expect(feePhrase(chungChi)).toBe('từ 20.000 đồng đến 50.000 đồng tùy trường hợp');
    expect(feePhrase(chungChi, 'en')).toBe('20,000 dong to 50,000 dong depending on the case');
    expect(feePhrase(method(BAO_DAM))).toBe('do Hội đồng nhân dân cấp tỉnh quyết định');
    expect(feePhrase(method(BAO_DAM), 'en')).toBe("set by the provincial People's Council");
    expect(feePhrase(method(KHAN_CAP))).toBe('không quy định phí, lệ phí');
    expect(feePhrase(method(KHAN_CAP), 'en')).toBe('no fee is set');
    // A note about something else states no fee: still unknown, never a figure.
    expect(feeFromNote(method(TAM_TRU).note)).toBeUndefined();
    expect(feePhrase(method(TAM_TRU))).toBe('');
  });

  it('takes one amount with what it is per, in figures or Vietnamese words', () => {
    expect(feeFromNote('(Trường hợp công dân nộp hồ sơ trực tiếp thu 10.000 đồng/lần đăng ký;)')).toEqual({
      fee: '10.000 đồng/lần',
      feeAmount: 10_000,
    });
    expect(feeFromNote('Lệ phí: năm mươi nghìn đồng')).toEqual({ fee: '50.000 đồng', feeAmount: 50_000 });
    expect(
      feePhrase(
        { method: 'Trực tiếp', processingTime: '', fee: '', note: 'Lệ phí: 20.000 đồng/giấy.' },
        'en',
      ),
    ).toBe('20,000 dong each');
    // Đồng that is no fee: a fine, a capital.
    expect(feeFromNote('Phạt tiền từ 5.000.000 đồng nếu kê khai sai')).toBeUndefined();
    expect(feeFromNote('Vốn điều lệ tối thiểu 10 tỷ đồng')).toBeUndefined();
    expect(feeFromNote('Hội đồng nhân dân cấp xã không đồng ý')).toBeUndefined();
  });

  it('reads Vietnamese amounts in words and figures', () => {
    expect(vietnameseAmount('năm mươi nghìn')).toBe(50_000);
    expect(vietnameseAmount('một trăm hai mươi lăm nghìn')).toBe(125_000);
    expect(vietnameseAmount('hai trăm linh năm nghìn')).toBe(205_000);
    expect(vietnameseAmount('mười lăm nghìn')).toBe(15_000);
    expect(vietnameseAmount('ba triệu năm trăm nghìn')).toBe(3_500_000);
    expect(vietnameseAmount('1,5 triệu')).toBe(1_500_000);
    expect(vietnameseAmount('20.000')).toBe(20_000);
    expect(vietnameseAmount('50 ngàn')).toBe(50_000);
    expect(vietnameseAmount('hội')).toBeUndefined();
  });
});
