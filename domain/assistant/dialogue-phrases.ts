import type { ReplyLang } from './answers.js';
import type { AssistantSlot } from './slots.js';
import type { SmallTalk } from './small-talk.js';

/**
 * What the dialogue says around the catalog's content, in the kiosk's language: apologies,
 * the introduction of choices, small talk. Catalog content (names, documents) stays Vietnamese.
 */
export interface DialoguePhrases {
  notHeard: string;
  /** A question about a procedure that names none ("phí bao nhiêu?"): which one? */
  whichProcedure(slot: AssistantSlot): string;
  notDoneHere: string;
  notFound: string;
  askWhich: string;
  /** A life event told in everyday words calls for `n` procedures. */
  eventNeeds(n: number): string;
  sameTopic(n: number, topic: string): string;
  near(n: number): string;
  pickNumber: string;
  smallTalk: Readonly<Record<SmallTalk, string>>;
}

/** What a slot is called in "Bạn hỏi … của thủ tục nào?". */
const SLOT_SAID: Readonly<Record<ReplyLang, Readonly<Record<AssistantSlot, string>>>> = {
  vi: {
    fee: 'lệ phí',
    time: 'thời gian giải quyết',
    place: 'nơi nộp hồ sơ',
    documents: 'giấy tờ cần mang',
    steps: 'các bước',
    conditions: 'điều kiện',
    result: 'kết quả',
    legal: 'căn cứ pháp lý',
    online: 'cách nộp trực tuyến',
  },
  en: {
    fee: 'the fee',
    time: 'the processing time',
    place: 'where to submit',
    documents: 'the documents',
    steps: 'the steps',
    conditions: 'the conditions',
    result: 'the result',
    legal: 'the legal basis',
    online: 'online submission',
  },
};

export const DIALOGUE_PHRASES: Readonly<Record<ReplyLang, DialoguePhrases>> = {
  vi: {
    notHeard: 'Xin lỗi, tôi chưa nghe rõ câu hỏi. Bạn hãy nói tên việc cần làm, ví dụ: đăng ký khai sinh.',
    whichProcedure: (slot) =>
      `Bạn hỏi ${SLOT_SAID.vi[slot]} của thủ tục nào? Bạn hãy nói tên thủ tục, ví dụ: tách hộ, đăng ký khai sinh.`,
    notDoneHere:
      'Xin lỗi, việc này không giải quyết tại Trung tâm phục vụ hành chính công của xã. Bạn hãy hỏi cán bộ tại quầy hướng dẫn để biết nơi làm.',
    notFound:
      'Xin lỗi, tôi chưa tìm thấy thủ tục phù hợp với câu hỏi. Bạn hãy nói cách khác, hoặc hỏi cán bộ tại quầy hướng dẫn.',
    askWhich: 'Bạn hỏi thủ tục nào?',
    eventNeeds: (n) => `Việc này thường cần ${n} thủ tục.`,
    sameTopic: (n, topic) => `Có ${n} thủ tục về ${topic}.`,
    near: (n) => `Có ${n} thủ tục gần với câu hỏi.`,
    pickNumber: 'Bạn chọn số nào?',
    smallTalk: {
      greet: 'Xin chào! Bạn cần làm thủ tục gì? Bạn có thể nói, ví dụ: đăng ký khai sinh.',
      thank: 'Không có gì ạ. Bạn cần hỏi thêm thủ tục nào cứ nói với tôi.',
      goodbye: 'Chào bạn, chúc bạn một ngày tốt lành.',
    },
  },
  en: {
    notHeard:
      'Sorry, I did not catch the question. Please say what you need to do, for example: đăng ký khai sinh (birth registration).',
    whichProcedure: (slot) =>
      `Which procedure do you want ${SLOT_SAID.en[slot]} of? Please name it, for example: tách hộ, đăng ký khai sinh.`,
    notDoneHere:
      "Sorry, this is not handled at the commune's public administrative service centre. Please ask at the help desk where to go.",
    notFound:
      'Sorry, I found no procedure that fits the question. Please say it another way, or ask at the help desk.',
    askWhich: 'Which procedure do you mean?',
    eventNeeds: (n) => `This usually takes ${n} procedures.`,
    sameTopic: (n, topic) => `There are ${n} procedures about "${topic}".`,
    near: (n) => `${n} procedures are close to the question.`,
    pickNumber: 'Which number do you choose?',
    smallTalk: {
      greet: 'Hello! Which procedure do you need? You can say, for example: đăng ký khai sinh.',
      thank: 'You are welcome. Ask me about any other procedure.',
      goodbye: 'Goodbye, have a nice day.',
    },
  },
};
