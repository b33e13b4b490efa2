import type { PromptGroup } from './types.js';

/** A procedure's detail: the short summary on arrival and the documents one at a time (button 2). */
export const procedurePrompts = {
  'procedure.summary': {
    vi: 'Thủ tục {name}. Lệ phí: {fee}. Thời gian giải quyết: {time}.',
    en: '{name}. Fee: {fee}. Processing time: {time}.',
  },
  'procedure.where': {
    vi: 'Nơi nộp: {where}.',
    en: 'Submit at: {where}.',
  },
  'procedure.count': {
    vi: 'Cần {count} loại giấy tờ.',
    en: 'Documents needed: {count}.',
  },
  'procedure.count-if': {
    vi: 'Cần {count} loại giấy tờ, thêm {more} loại tùy trường hợp.',
    en: 'Documents needed: {count}, and {more} more depending on your case.',
  },
  'procedure.next': {
    vi: 'Bấm số 2 để nghe từng giấy tờ, số 3 để lấy số thứ tự, nút xuống để xem trang sau.',
    en: 'Press 2 to hear the documents one by one, 3 to take a queue number, down for the next page.',
  },
  /** One common-case document: {n} of {count}. */
  'procedure.document': {
    vi: 'Giấy tờ số {n} trong {count}: {document}.',
    en: 'Document {n} of {count}: {document}.',
  },
  /** One document needed only in some cases. */
  'procedure.document-if': {
    vi: 'Tùy trường hợp, số {n} trong {count}: {document}.',
    en: 'Depending on your case, {n} of {count}: {document}.',
  },
  'procedure.document-more': {
    vi: 'Bấm số 2 để nghe tiếp, số 1 để nhắc lại.',
    en: 'Press 2 for the next one, 1 to repeat.',
  },
  'procedure.documents-end': {
    vi: 'Đã đọc hết các giấy tờ. Bấm số 2 để nghe lại từ đầu, số 3 để lấy số thứ tự.',
    en: 'That was the last document. Press 2 to start again, 3 to take a queue number.',
  },
  'procedure.documents-none': {
    vi: 'Thủ tục này chưa có danh sách giấy tờ. Vui lòng hỏi cán bộ tại quầy.',
    en: 'No document list is given for this procedure. Please ask at the counter.',
  },
} as const satisfies PromptGroup;
