import type { PromptGroup } from './types.js';

/** Filling a form (tờ khai): choosing it, the card's prefill, each field, the review, handing it in. */
export const formPrompts = {
  'form.offer-procedure': {
    vi: 'Bấm số 4 để điền tờ khai của thủ tục này ngay tại máy.',
    en: 'Press 4 to fill in the form for this procedure here at the kiosk.',
  },
  'form-pick.intro': {
    vi: 'Điền tờ khai. Chọn tờ khai cần điền; máy in ra để bạn nộp tại quầy.',
    en: 'Fill in a form. Choose the form; the kiosk prints it for you to hand in at the counter.',
  },
  'form-pick.by-number': {
    vi: 'Bấm số ghi bên tờ khai trên màn hình.',
    en: 'Press the number shown beside the form on the screen.',
  },
  'form-pick.more': {
    vi: 'Còn tờ khai khác ở trang sau: chạm Trang sau.',
    en: 'More forms are on the next page: touch Next.',
  },
  /** {count}: how many items the card fills. */
  'form-prefill.offer': {
    vi: 'Máy có thể điền sẵn {count} mục từ thẻ căn cước của bạn. Xem trên màn hình. Bấm số 1 nếu đúng, số 2 để tự điền.',
    en: 'The kiosk can fill in {count} items from your ID card. See the screen. Press 1 if they are right, 2 to type them yourself.',
  },
  'form-prefill.check-accents': {
    vi: 'Máy quét có thể đã làm mất dấu tiếng Việt, vui lòng kiểm tra kỹ.',
    en: 'The scanner may have dropped the Vietnamese accents, please check carefully.',
  },
  /** {index}, {count}: position; {label}: the field's label. */
  'form-field.item': {
    vi: 'Mục {index} trên {count}: {label}.',
    en: 'Item {index} of {count}: {label}.',
  },
  'form-field.required': { vi: 'Bắt buộc.', en: 'Required.' },
  'form-field.optional': { vi: 'Có thể bỏ trống.', en: 'May be left empty.' },
  'form-field.prefilled': {
    vi: 'Đã điền sẵn từ thẻ căn cước. Bấm Xong nếu đúng.',
    en: 'Filled in from your ID card. Press Done if it is right.',
  },
  'form-field.how-text': {
    vi: 'Gõ bằng bàn phím Telex trên màn hình, rồi bấm Xong.',
    en: 'Type with the Telex keyboard on the screen, then press Done.',
  },
  'form-field.how-date': {
    vi: 'Gõ tám chữ số: ngày, tháng, năm, rồi bấm Xong. Số không: nút xuống rồi OK, nút lên về Xong.',
    en: 'Type eight digits: day, month, year, then press Done. Zero: the down button, then OK; up goes back to Done.',
  },
  'form-field.how-digits': {
    vi: 'Gõ bằng bàn phím số, rồi bấm Xong. Số không: nút xuống rồi OK, nút lên về Xong.',
    en: 'Type with the number keypad, then press Done. Zero: the down button, then OK; up goes back to Done.',
  },
  /** {options}: "số 1: Nam, số 2: Nữ". */
  'form-field.how-choice': {
    vi: 'Chọn: {options}, rồi bấm Xong.',
    en: 'Choose: {options}, then press Done.',
  },
  /** {option}: the option just picked. */
  'form-field.chosen': {
    vi: 'Đã chọn {option}. Bấm Xong để sang mục sau.',
    en: 'You chose {option}. Press Done to go on.',
  },
  'form-field.chosen-empty': {
    vi: 'Để trống mục này. Bấm Xong để sang mục sau.',
    en: 'This item is left empty. Press Done to go on.',
  },
  /** {problem}: the field's problem in plain words. */
  'form-field.problem': {
    vi: 'Cần sửa lại. {problem}',
    en: 'Please correct it. {problem}',
  },
  'form-field.erased': {
    vi: 'Tờ khai đã được xoá.',
    en: 'The form has been erased.',
  },
  /** {count}: items filled in. */
  'form-review.intro': {
    vi: 'Kiểm tra tờ khai: {count} mục. Chạm vào một mục để sửa. Bấm số 2 để nộp và lấy số thứ tự, số 3 để kết thúc.',
    en: 'Check the form: {count} items. Touch an item to change it. Press 2 to hand it in and take a number, 3 to finish.',
  },
  'form-review.print-offer': {
    vi: 'Bấm số 1 để in tờ khai khổ A4.',
    en: 'Press 1 to print the form on A4 paper.',
  },
  /** {problems}: how many items to correct. */
  'form-review.printer-busy': {
    vi: 'Máy in A4 đang bận in giấy khác. Máy đang thử lại, xin chờ một chút.',
    en: 'The A4 printer is busy with another job. Trying again, please wait a moment.',
  },
  'form-review.printed': {
    vi: 'Đã in tờ khai. Mời lấy giấy ở máy in A4.',
    en: 'The form is printed. Please take it from the A4 printer.',
  },
  'form-review.printer-still-busy': {
    vi: 'Máy in A4 vẫn đang bận. Tờ khai vẫn được giữ: bấm số 1 để thử lại, hoặc nộp tại quầy bằng phiếu.',
    en: 'The A4 printer is still busy. Your form is kept: press 1 to try again, or hand it in at the counter with the slip.',
  },
  'form-review.print-failed': {
    vi: 'Chưa in được tờ khai. Tờ khai vẫn được giữ: bạn có thể nộp tại quầy bằng phiếu.',
    en: 'The form could not be printed. It is kept: you can hand it in at the counter with the slip.',
  },
  'form-review.no-a4-printer': {
    vi: 'Máy này không có máy in khổ A4. Mời nộp tại quầy.',
    en: 'This kiosk has no A4 printer. Please hand the form in at the counter.',
  },
  'form-review.problems': {
    vi: 'Còn {problems} mục cần sửa.',
    en: '{problems} items need correcting.',
  },
  /** {number}: the ticket, read digit by digit. */
  'form-done.number': {
    vi: 'Đã nộp tờ khai. Số thứ tự của bạn là {number}. Mời lấy phiếu và đưa cán bộ quét mã trên phiếu.',
    en: 'Form handed in. Your number is {number}. Take the slip and give it to the officer to scan.',
  },
  'form-done.no-number': {
    vi: 'Đã in phiếu tờ khai. Chưa lấy được số thứ tự, mời hỏi cán bộ.',
    en: 'The form slip printed. No number could be issued; please ask the staff.',
  },
  'form-done.slip-failed': {
    vi: 'Chưa in được phiếu tờ khai, mời báo cán bộ.',
    en: 'The form slip did not print; please tell the staff.',
  },
  /** {fee}: "50.000 đồng". */
  'form-done.fee': {
    vi: 'Lệ phí {fee}. Bạn có thể quét mã trên màn hình bằng ứng dụng ngân hàng, hoặc nộp tại quầy.',
    en: 'The fee is {fee}. You can scan the code on the screen with a banking app, or pay at the counter.',
  },
  /** {fee}: as above. */
  'form-done.fee-counter': {
    vi: 'Lệ phí {fee}, nộp tại quầy.',
    en: 'The fee is {fee}, paid at the counter.',
  },
  'form-done.finish': {
    vi: 'Bấm OK khi xong, thông tin của bạn sẽ được xoá.',
    en: 'Press OK when you are done; your details will be erased.',
  },
} as const satisfies PromptGroup;
