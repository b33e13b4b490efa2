import { tr, type Lang } from '../../ui-framebuffer/localize.js';
import type { HomeEntry, HomeSwitch } from '../../ui-framebuffer/screens/home.js';
import { promptText } from '../../voice/prompts/index.js';

/** "Xin chào. Mời bạn chọn dịch vụ cần thực hiện. Bấm số 1 để lấy số thứ tự. ..." */
export function homeSpeech(lang: Lang, entries: readonly HomeEntry[], switched?: HomeSwitch): string {
  return [
    ...(switched?.kind === 'lang' ? [promptText('home.lang-switched', lang)] : []),
    ...(switched?.kind === 'theme'
      ? [promptText(switched.theme === 'large' ? 'home.theme-large' : 'home.theme-normal', lang)]
      : []),
    promptText('home.welcome', lang),
    ...entries.map((e, i) =>
      // "Bấm số 1 để lấy số thứ tự." / "Press 1: Take a number." (the label as shown: "ID" stays).
      promptText('home.entry', lang, {
        button: i + 1,
        label: lang === 'vi' ? tr(e.label, lang).toLowerCase() : tr(e.label, lang),
      }),
    ),
  ].join(' ');
}
