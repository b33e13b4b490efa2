import { describe, expect, it } from 'vitest';
import { readFormDir } from '../../../domain/forms/form-library.js';
import { formFields } from '../../../domain/forms/form-template.js';
import type { Lang } from '../../../ui-framebuffer/localize.js';
import { createFormFieldScreen, type FieldView } from '../../../ui-framebuffer/screens/form-field.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { renderContext, stubNav } from './render-helper.js';

/**
 * The walkthrough: the form field's subtitle read "Mục 8/29 · Người được khai sinh · bắt bu…" in
 * the large theme. The position and the required / card markers are never cut; only the section
 * gives way (with "…"), and it is left whole wherever the bar has room for it.
 */
describe('Form field title bar: the count and the markers whole (#14)', () => {
  const templates = readFormDir();
  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: every field of every shipped form`, () => {
        const vi = lang === 'vi';
        let sectionsWhole = 0;
        let fields = 0;
        for (const template of templates) {
          const all = template.sections.flatMap((s) =>
            s.fields.map((field) => ({ field, section: s.title })),
          );
          expect(all).toHaveLength(formFields(template).length);
          all.forEach(({ field, section }, index) => {
            const view: FieldView = {
              form: template.shortTitle,
              state: { field, section, value: '', shown: '', prefilled: field.prefill !== undefined },
              index,
              count: all.length,
              maxLength: 200,
            };
            const nav = { ...stubNav(), lang: lang as Lang };
            const screen = createFormFieldScreen(nav, {
              view: () => view,
              enter: () => undefined,
              choose: () => undefined,
              previous: () => undefined,
              speech: () => '',
            });
            const { rc } = renderContext(800, 480, theme, lang);
            const { g, drawn } = recordingContext(rc.g);
            screen.render({ ...rc, g });
            const where = `${template.id}.${field.id}`;
            const count = `${vi ? 'Mục' : 'Item'} ${index + 1}/${all.length}`;
            const subtitle = drawn.find((d) => d.text.startsWith(count));
            expect(subtitle, `${where}: ${drawn.map((d) => d.text).join(' | ')}`).toBeDefined();
            if (!subtitle) return;
            const parts = subtitle.text.split(' · ');
            const marker = field.required
              ? vi
                ? 'bắt buộc'
                : 'required'
              : vi
                ? 'có thể bỏ trống'
                : 'optional';
            expect(parts, where).toContain(marker);
            // The card marker (said by the voice) is whole or gives way before the section.
            const card = vi ? 'lấy từ thẻ căn cước' : 'from your ID card';
            const carded = parts.includes(card);
            if (!field.prefill) expect(carded, where).toBe(false);
            // The section is whole, cut at a word with "…", or left out.
            const shown = parts.filter((p) => p !== count && p !== marker && p !== card);
            expect(shown.length, `${where}: ${subtitle.text}`).toBeLessThanOrEqual(1);
            if (shown[0] === section) sectionsWhole++;
            else {
              expect(carded, `${where}: ${subtitle.text}`).toBe(false);
              if (shown[0] !== undefined) {
                expect(shown[0].endsWith('…'), `${where}: ${shown[0]}`).toBe(true);
                expect(`${section} `.startsWith(`${shown[0].slice(0, -1)} `), `${where}: ${shown[0]}`).toBe(
                  true,
                );
              }
            }
            // Within the bar, clear of the clock, at the theme's small size.
            const pad = rc.theme.spacing;
            expect(subtitle.box.x + subtitle.width, where).toBeLessThanOrEqual(800 - pad + 0.5);
            expect(subtitle.size).toBe(rc.theme.size.small);
            const clock = drawn.find((d) => /^\d\d:\d\d$/.test(d.text));
            expect(clock, where).toBeDefined();
            if (clock) expect(clock.box.y + clock.box.height, where).toBeLessThanOrEqual(subtitle.box.y + 1);
            fields++;
          });
        }
        expect(fields).toBeGreaterThan(120);
        // Most sections are short enough to show whole beside the count and the marker.
        expect(sectionsWhole / fields).toBeGreaterThanOrEqual(theme === 'normal' ? 0.99 : 0.75);
      });
});
