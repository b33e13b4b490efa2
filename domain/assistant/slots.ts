import { findPhrase } from './question-text.js';

/** What a question asks about the procedure in focus. */
export type AssistantSlot =
  'fee' | 'time' | 'place' | 'documents' | 'steps' | 'conditions' | 'result' | 'legal' | 'online';

export const SLOTS: readonly AssistantSlot[] = [
  'fee',
  'time',
  'place',
  'documents',
  'steps',
  'conditions',
  'result',
  'legal',
  'online',
];

/**
 * Question phrases per slot, folded (no diacritics). Taken from how citizens ask at the counter
 * and from the portal's own Q&A questions (portal_faq_questions_unmapped.yml: "thời hạn giải
 * quyết", "thành phần hồ sơ", "phí, lệ phí", "cơ quan nào", "trình tự thực hiện", "căn cứ
 * pháp lý", "đối tượng", "cách thức thực hiện"). Longer phrases win over the words inside them.
 */
const PHRASES: Readonly<Record<AssistantSlot, readonly string[]>> = {
  fee: [
    'le phi',
    'phi le phi',
    'bao nhieu tien',
    'het bao nhieu',
    'ton bao nhieu',
    'ton tien',
    'mat tien',
    'mat phi',
    'chi phi',
    'mien phi',
    'tien le phi',
    'nop tien',
    'dong tien',
    'phi',
  ],
  time: [
    'thoi gian giai quyet',
    'thoi han giai quyet',
    'giai quyet trong bao lau',
    'giai quyet bao lau',
    'giai quyet mat bao lau',
    'giai quyet may ngay',
    'giai quyet trong may ngay',
    'bao lau',
    'may ngay',
    'bao nhieu ngay',
    'bao nhieu lau',
    'thoi gian',
    'thoi han',
    'khi nao',
    'bao gio',
    'lau khong',
    'may hom',
    'may tuan',
    'ngay nao',
    'bao nhieu ngay lam viec',
  ],
  place: [
    'o dau',
    'tai dau',
    'cho nao',
    'noi nao',
    'co quan nao',
    'nop cho ai',
    'nop o',
    'lam o',
    'den dau',
    'nop dau',
    'lam dau',
    'cap nao',
  ],
  documents: [
    'giay to',
    'ho so',
    'thanh phan',
    'can gi',
    'can nhung gi',
    'giay gi',
    'mang theo',
    'chuan bi',
    'mang gi',
    'nop gi',
    'can nhung giay',
    'to khai',
    'mau don',
    'can them',
  ],
  steps: [
    'trinh tu',
    'cac buoc',
    'quy trinh',
    'cach lam',
    'cach thuc',
    'lam the nao',
    'lam sao',
    'lam nhu the nao',
  ],
  conditions: [
    'dieu kien',
    'yeu cau',
    'doi tuong',
    'ai duoc',
    'co duoc khong',
    'truong hop nao',
    'duoc khong',
  ],
  result: ['ket qua', 'nhan duoc gi', 'duoc cap gi', 'nhan gi', 'giay gi de'],
  legal: [
    'can cu',
    'phap ly',
    'luat nao',
    'nghi dinh',
    'thong tu',
    'van ban nao',
    'quy dinh nao',
    'theo luat',
  ],
  online: [
    'truc tuyen',
    'online',
    'qua mang',
    'tren mang',
    'dich vu cong',
    'vneid',
    'tai nha',
    'qua dien thoai',
  ],
};

/** Generic "how?" words: the steps only when nothing more precise was asked. */
const HOW = ['the nao', 'ra sao', 'nhu nao', 'sao'];

/**
 * "And what about …?" ("còn nếu làm lại thì sao", "còn lưu động thì thế nào"): asks nothing of
 * its own, so a follow-up asks again what the last question asked.
 */
const WHAT_ABOUT = ['thi sao', 'thi the nao', 'thi ra sao', 'thi nhu the nao', 'thi nhu nao'];

export interface SlotReading {
  /** The slots asked, in the order the citizen asked them. */
  slots: AssistantSlot[];
  /** Per word of the question: true when it belongs to a question phrase (not a topic word). */
  mask: boolean[];
  /** Nothing asked but "thì sao?" ("what about …?"): the last question's kind is meant. */
  whatAbout: boolean;
}

const TABLE = SLOTS.flatMap((slot) => PHRASES[slot].map((p) => ({ slot, words: p.split(' ') }))).sort(
  (a, b) => b.words.length - a.words.length,
);

function mark(words: readonly string[], phrase: readonly string[], mask: boolean[]): number[] {
  const at: number[] = [];
  let from = 0;
  while (from < words.length) {
    const i = findPhrase(words.slice(from), phrase);
    if (i < 0) break;
    const start = from + i;
    if (!mask.slice(start, start + phrase.length).some(Boolean)) {
      for (let k = 0; k < phrase.length; k++) mask[start + k] = true;
      at.push(start);
    }
    from = start + 1;
  }
  return at;
}

/** Finds which slots a question (folded words, see questionWords) asks about. */
export function readSlots(words: readonly string[]): SlotReading {
  const mask = words.map(() => false);
  const found: { slot: AssistantSlot; at: number }[] = [];
  for (const { slot, words: phrase } of TABLE) {
    for (const at of mark(words, phrase, mask)) found.push({ slot, at });
  }
  let whatAbout = false;
  if (found.length === 0) {
    for (const phrase of WHAT_ABOUT) if (mark(words, phrase.split(' '), mask).length > 0) whatAbout = true;
  }
  if (found.length === 0 && !whatAbout) {
    for (const how of HOW) {
      const at = mark(words, how.split(' '), mask);
      if (at.length > 0) found.push({ slot: 'steps', at: at[0] as number });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return { slots: [...new Set(found.map((f) => f.slot))], mask, whatAbout };
}
