import { tr, type Lang } from '../../ui-framebuffer/localize.js';
import type { HomeEntry } from '../../ui-framebuffer/screens/home.js';
import { promptText } from '../../voice/prompts/index.js';

/** "Xin chào. Mời bạn chọn dịch vụ cần thực hiện. Bấm số 1 để lấy số thứ tự. ..." */
export function homeSpeech(lang: Lang, entries: readonly HomeEntry[]): string {
  return [
    promptText('home.welcome', lang),
    ...entries.map((e, i) =>
      promptText('home.entry', lang, { button: i + 1, label: tr(e.label, lang).toLowerCase() }),
    ),
  ].join(' ');
}
