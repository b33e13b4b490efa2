import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import type { Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { header, OnScreenKeyboard, textField } from '../widgets/index.js';
import { compactButton } from './compact-button.js';
import type { FlowDeps } from './flow-deps.js';
import { routeScan } from '../../flows/flow-actions.js';
import { openSearchResults } from './results.js';

/** Common requests at a commune centre, reachable with one number button. */
const TOPICS: { label: Localized; query: string }[] = [
  { label: { vi: 'Khai sinh', en: 'Birth' }, query: 'đăng ký khai sinh' },
  { label: { vi: 'Kết hôn', en: 'Marriage' }, query: 'đăng ký kết hôn' },
  { label: { vi: 'Khai tử', en: 'Death' }, query: 'đăng ký khai tử' },
  { label: { vi: 'Chứng thực', en: 'Certify copy' }, query: 'chứng thực bản sao từ bản chính' },
  { label: { vi: 'Cư trú', en: 'Residence' }, query: 'đăng ký thường trú' },
  { label: { vi: 'Đất đai', en: 'Land' }, query: 'đất đai' },
];

/**
 * Procedure search: type on the on-screen keyboard (Telex; with or without diacritics), or press
 * a number for a common request. Works with touch, with up/down + OK over the keys, and with the
 * number buttons alone.
 */
export function createSearchScreen(nav: Navigator, deps: FlowDeps): Screen {
  const run = (query: string): void => {
    if (!query.trim()) return nav.repeatSpeech();
    openSearchResults(nav, deps, query);
  };
  const keyboard = new OnScreenKeyboard({ id: 'key', maxLength: 80, onDone: (text) => run(text) });
  return {
    name: 'search',
    speech: (lang) =>
      lang === 'vi'
        ? `Tra cứu thủ tục. Gõ tên thủ tục trên bàn phím rồi bấm Xong, hoặc bấm số: ${TOPICS.map((t, i) => `${i + 1} ${t.label.vi}`).join(', ')}.`
        : `Procedure search. Type the procedure name and press Done, or press a number: ${TOPICS.map((t, i) => `${i + 1} ${t.label.en}`).join(', ')}.`,
    describe: () => ({ query: keyboard.text }),
    onScan: (data) => routeScan(nav, deps, data),
    render(rc) {
      const { theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = header(rc, vi ? 'Tra cứu thủ tục' : 'Find a procedure');
      const gap = theme.spacing * scale;
      const side = Math.round(244 * scale);
      const left: Rect = { ...area, width: area.width - side - gap };
      const right: Rect = { x: left.x + left.width + gap, y: area.y, width: side, height: area.height };
      const fieldHeight = Math.round(56 * scale);
      textField(
        rc,
        { ...left, height: fieldHeight },
        keyboard.text,
        vi ? 'Ví dụ: giay khai sinh, dk ket hon' : 'e.g. birth registration',
      );
      const keysRect: Rect = {
        ...left,
        y: left.y + fieldHeight + gap,
        height: left.height - fieldHeight - gap,
      };
      const targets: Target[] = [];
      const rowGap = 8 * scale;
      const rowH = (right.height - rowGap * (TOPICS.length - 1)) / TOPICS.length;
      TOPICS.forEach((topic, i) => {
        const rect: Rect = {
          x: right.x,
          y: Math.round(right.y + i * (rowH + rowGap)),
          width: right.width,
          height: Math.round(rowH),
        };
        const badge = String(i + 1) as ButtonId;
        const label = vi ? topic.label.vi : topic.label.en;
        targets.push(
          compactButton(rc, {
            id: `topic:${i + 1}`,
            rect,
            button: badge,
            label,
            activate: () => run(topic.query),
          }),
        );
      });
      // Keys after the topics in focus order: OK on arrival picks topic 1, arrows reach the keys.
      targets.push(...keyboard.render(rc, keysRect));
      return targets;
    },
  };
}
