import type { PromptGroup } from './types.js';

/** A procedure's detail: the summary on arrival and the documents (button 2). */
export const procedurePrompts = {
  'procedure.summary': {
    vi: 'Thủ tục {name}. Lệ phí: {fee}. Thời gian giải quyết: {time}.',
    en: '{name}. Fee: {fee}. Processing time: {time}.',
  },
  'procedure.where': {
    vi: 'Nơi nộp: {where}.',
    en: 'Submit at: {where}.',
  },
  'procedure.next': {
    vi: 'Cần {count} loại giấy tờ. Bấm số 2 để nghe các giấy tờ cần mang, số 3 để lấy số thứ tự.',
    en: 'You need {count} document(s). Press 2 to hear them, 3 to take a queue number.',
  },
  /** {documents}: "một, Tờ khai ... (1 bản chính); hai, ...". */
  'procedure.documents': {
    vi: 'Bạn cần mang: {documents}.',
    en: 'Please bring: {documents}.',
  },
  'procedure.documents-if': {
    vi: 'Ngoài ra, tùy trường hợp: {documents}.',
    en: 'Depending on your case: {documents}.',
  },
  'procedure.documents-none': {
    vi: 'Thủ tục này chưa có danh sách giấy tờ. Vui lòng hỏi cán bộ tại quầy.',
    en: 'No document list is given for this procedure. Please ask at the counter.',
  },
} as const satisfies PromptGroup;
