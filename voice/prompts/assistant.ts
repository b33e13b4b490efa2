import type { PromptGroup } from './types.js';

/** The assistant screen. Its replies are composed from the catalog's facts (domain/assistant/answers.ts). */
export const assistantPrompts = {
  'assistant.intro': {
    vi: 'Xin chào, tôi là trợ lý của trung tâm. Bạn cần làm thủ tục gì? Hãy giữ nút hỏi để nói, gõ câu hỏi, hoặc bấm số để chọn.',
    en: 'Hello, I am the centre’s assistant. What do you need to do? Hold the help button to speak, type your question, or press a number.',
  },
} as const satisfies PromptGroup;
