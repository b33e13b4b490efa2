import type { ReplyLang } from './answers.js';
import type { SmallTalk } from './small-talk.js';

/**
 * What the dialogue says around the catalog's content, in the kiosk's language: apologies,
 * the introduction of choices, small talk. Catalog content (names, documents) stays Vietnamese.
 */
export interface DialoguePhrases {
  notHeard: string;
  whichProcedure: string;
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

export const DIALOGUE_PHRASES: Readonly<Record<ReplyLang, DialoguePhrases>> = {
  vi: {
    notHeard: 'Xin lỗi, tôi chưa nghe rõ câu hỏi. Bạn hãy nói tên việc cần làm, ví dụ: đăng ký khai sinh.',
    whichProcedure: 'Bạn muốn hỏi về thủ tục nào? Hãy nói tên thủ tục, ví dụ: tách hộ.',
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
    whichProcedure: 'Which procedure do you mean? Please name it, for example: tách hộ.',
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
