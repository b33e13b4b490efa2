import { plainSpeech } from '../../../runtime/text/speech-marks.js';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { ASSISTANT_SAMPLES } from '../../../flows/assistant.js';
import type { Rect } from '../../../drivers/display/types.js';
import type { RenderContext, Screen, Target } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';
import { recordingContext, type DrawnText } from '../../helpers/text-recorder.js';

const WIDTH = 800;
const HEIGHT = 480;
const TIME = Date.parse('2026-11-25T08:30:00+07:00');

const flat = (text: string): string => text.normalize('NFC').replace(/\s+/gu, ' ').trim();
const inside = (t: DrawnText, r: Rect): boolean => {
  const cx = t.box.x + t.box.width / 2;
  const cy = t.box.y + t.box.height / 2;
  return cx >= r.x && cx <= r.x + r.width && cy >= r.y && cy <= r.y + r.height;
};

/**
 * The assistant screen in the gallery's conversations (an answer about the fee, a long answer, a
 * clarify with numbered choices, an apology) and before the first question, in both themes and
 * both languages, read from what is drawn: every button's label whole (its drawn lines are the
 * label, no "…"), inside its button, every button at least a key high (60 px in the large
 * theme), and the citizen's question and the whole reply drawn across the conversation's pages.
 */
describe('Assistant screen: labels whole, keys big enough, the whole reply reachable', () => {
  const headless = headlessKioskForSuite(TIME);

  const draw = (screen: Screen, theme: 'normal' | 'large', lang: 'vi' | 'en') => {
    const canvas = createCanvas(WIDTH, HEIGHT);
    const rec = recordingContext(canvas.getContext('2d'));
    const rc: RenderContext = {
      g: rec.g,
      width: WIDTH,
      height: HEIGHT,
      theme: themeByName(theme),
      lang,
      scale: 1,
      now: TIME,
      timeZone: headless().kiosk.config.device.timeZone,
    };
    const targets: Target[] = screen.render(rc);
    return { targets, drawn: rec.drawn };
  };

  const samples = [{ name: 'start', questions: [] as readonly string[] }, ...ASSISTANT_SAMPLES];
  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme} theme, ${lang}: ${samples.map((s) => s.name).join(', ')}`, async () => {
        const found: string[] = [];
        const minKey = themeByName(theme).minKey;
        for (const sample of samples) {
          await headless().converse(sample.questions, { theme, lang });
          const screen = headless().kiosk.ui.current;
          if (!screen) throw new Error('nothing shown');
          const state = screen.describe?.() as {
            question: string | null;
            pages?: number;
            assistant: { reply: string | null };
          };
          if (sample.questions.length > 0) expect(state.assistant.reply, sample.name).toBeTruthy();
          const conversation: string[] = [];
          for (let page = 0; page < (state.pages ?? 1); page++) {
            if (page > 0) screen.onButton?.({ id: 'down', action: 'press', at: TIME });
            const { targets, drawn } = draw(screen, theme, lang);
            const buttons = targets.filter((t) => t.button && /^[1-9]$/.test(t.button));
            for (const t of targets)
              if (t.rect.height < minKey - 0.5 || t.rect.width < minKey - 0.5)
                found.push(`${sample.name}: ${t.id} is ${t.rect.width}×${t.rect.height} px`);
            for (const b of buttons) {
              const words = drawn.filter((d) => inside(d, b.rect) && d.text !== b.button);
              const shown = flat(words.map((d) => d.text).join(' '));
              if (shown !== flat(b.label)) found.push(`${sample.name}: button ${b.button} shows "${shown}"`);
              for (const d of words)
                if (
                  d.box.x + d.width > b.rect.x + b.rect.width ||
                  d.box.y + d.box.height > b.rect.y + b.rect.height + 2
                )
                  found.push(`${sample.name}: "${d.text}" runs out of button ${b.button}`);
            }
            // The conversation: what is drawn left of the buttons, under the title, above the page row.
            const column = Math.min(...buttons.map((b) => b.rect.x));
            const pageRow = targets.find((t) => t.id === 'page:prev')?.rect.y ?? HEIGHT;
            const top = Math.min(...buttons.map((b) => b.rect.y));
            const talk = drawn.filter(
              (d) => d.box.x + d.box.width <= column && d.box.y >= top && d.box.y + d.box.height <= pageRow,
            );
            // The hint line (muted, on a single page only) is not part of the conversation.
            const muted = themeByName(theme).mutedText;
            conversation.push(...talk.filter((d) => d.fill !== muted).map((d) => d.text));
          }
          // What was asked, then what is said (the reply, or the intro before the first question).
          const expected = flat(`${state.question ?? ''} ${plainSpeech(screen.speech?.(lang) ?? '')}`);
          if (flat(conversation.join(' ')) !== expected)
            found.push(`${sample.name}: drawn "${flat(conversation.join(' '))}" ≠ "${expected}"`);
        }
        expect(found).toEqual([]);
      });
});
