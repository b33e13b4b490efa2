import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { maxLengthOf } from '../../../domain/forms/field-rules.js';
import type { FormField } from '../../../domain/forms/form-template.js';
import { readFormDir } from '../../../domain/forms/form-library.js';
import { currentFilling } from '../../../flows/form-flow.js';
import type { RenderContext } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { VIETNAMESE_LETTER } from '../../helpers/vietnamese-chrome.js';

const WIDTH = 800;
const HEIGHT = 480;
const TIME = Date.UTC(2026, 10, 25, 2, 0);

/** Vietnamese left once what the citizen is quoted ("…, Tỉnh Ninh Bình", a refused "ữ") is taken out. */
const vietnameseOutsideQuotes = (text: string): boolean =>
  VIETNAMESE_LETTER.test(text.replace(/"[^"]*"/gu, ''));

/** Values each field type refuses, to see every kind of message. */
function badValues(field: FormField): string[] {
  const tooLong = 'a'.repeat(maxLengthOf(field) + 1);
  switch (field.type) {
    case 'name':
      return ['Nam2', 'Nam!', tooLong, 'Nam 😀'];
    case 'date':
      return ['31/02/2020', '01/01/1890', '01/01/2999'];
    case 'id-number':
      return ['123', '999190123456'];
    case 'phone':
      return ['123'];
    case 'choice':
      return ['Maybe'];
    case 'address':
      return ['abc', 'Xóm 3, Xã Hải Hậu'];
    case 'number':
      return ['x', '0', '99999'];
    case 'text':
      return [tooLong, 'a\u0007b'];
  }
}

/**
 * Issue #15: in English mode the form's labels, options and messages stayed Vietnamese. On an
 * English screen every field of the eight forms must read (and be said) in English: its label,
 * hint and options, and every problem the kiosk finds with what was typed, while what is stored
 * and printed on the A4 form stays the official Vietnamese (a choice picked as "Female" is "Nữ").
 */
describe('Forms in English mode: labels, options and messages in English (#15)', () => {
  const headless = headlessKioskForSuite(TIME);
  const ui = () => headless().kiosk.ui;
  const filling = () => currentFilling(headless().kiosk.deps as Parameters<typeof currentFilling>[0]);
  const drawn = (theme: 'normal' | 'large' = 'normal'): string => {
    const screen = ui().current;
    if (!screen) throw new Error('nothing on screen');
    const rec = recordingContext(createCanvas(WIDTH, HEIGHT).getContext('2d'));
    const rc: RenderContext = {
      g: rec.g,
      width: WIDTH,
      height: HEIGHT,
      theme: themeByName(theme),
      lang: 'en',
      scale: 1,
      now: TIME,
      timeZone: headless().kiosk.config.device.timeZone,
    };
    screen.render(rc);
    return rec.drawn.map((t) => t.text).join(' ');
  };

  const forms = readFormDir();
  it('ships the eight forms', () => {
    expect(forms.map((f) => f.id).sort()).toHaveLength(8);
  });

  for (const template of forms)
    it(`${template.id}: every field shown, said and checked in English`, async () => {
      const found: string[] = [];
      const english = (where: string, text: string | undefined, quotesAllowed = false): void => {
        if (!text) found.push(`${where}: missing`);
        else if (quotesAllowed ? vietnameseOutsideQuotes(text) : VIETNAMESE_LETTER.test(text))
          found.push(`${where}: "${text}"`);
      };
      ui().home();
      ui().setLang('en');
      ui().open('form', { form: template.id });
      await ui().settle();
      expect(ui().current?.name).toBe('form-field');
      const f = filling();
      if (!f) throw new Error(`${template.id} did not open`);
      // Every field in the walk: what is drawn and said names it in English.
      const seen = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const state = f.current('en');
        seen.add(state.field.id);
        english(`${state.field.id} label`, state.field.label);
        english(`${state.field.id} section`, state.section);
        if (state.field.hint) english(`${state.field.id} hint`, state.field.hint, true);
        for (const o of state.field.options ?? []) english(`${state.field.id} option`, o);
        ui().refresh();
        const shown = drawn();
        const said = ui().current?.speech?.('en') ?? '';
        if (!shown.includes(state.field.label)) found.push(`${state.field.id}: label not drawn`);
        if (!said.includes(state.field.label)) found.push(`${state.field.id}: label not said`);
        // Whole in the large theme too: the label, the hint in the empty box (nothing cut with "…").
        for (const cut of drawn('large').match(/\S[^·]*…/gu) ?? [])
          found.push(`${state.field.id}: cut "${cut}"`);
        const template_ = template.sections.flatMap((s) => s.fields).find((x) => x.id === state.field.id);
        if (template_ && template_.label !== state.field.label && said.includes(template_.label))
          found.push(`${state.field.id}: says "${template_.label}"`);
        // Every problem: shown in a dialog and said, in English.
        for (const bad of ['', ...badValues(state.field)]) {
          const problem = f.set(bad, 'en');
          if (problem) english(`${state.field.id} "${bad}"`, problem, true);
        }
        // Filled with its sample (a choice picked as shown in English) to reach the fields after it.
        const sample = template_?.sample ?? '';
        const option = state.field.options?.[template_?.options?.indexOf(sample) ?? -1];
        expect(f.set(option ?? sample, 'en'), `${state.field.id} sample`).toBeUndefined();
        if (!f.next()) break;
      }
      expect(seen.size).toBeGreaterThan(3);
      // Rules between fields (an ID number against the birth year, a date before another).
      for (const [id, message] of Object.entries(f.check('en').errors))
        english(`${id} (whole form)`, message, true);
      expect(found).toEqual([]);
      // Stored as the template's options: the printed form stays Vietnamese.
      const stored = f.check().values;
      for (const field of template.sections.flatMap((s) => s.fields))
        if (field.options && stored[field.id] !== undefined)
          expect(field.options, field.id).toContain(stored[field.id]);
    });

  it('a wrong ID number, a child born before the mother: said in English with the English label', async () => {
    ui().home();
    ui().setLang('en');
    ui().open('form', { form: 'khai-sinh' });
    await ui().settle();
    const f = filling();
    if (!f) throw new Error('khai sinh did not open');
    f.load({
      nycNgaySinh: '12/04/1993',
      nycSoDinhDanh: '036094004567',
      meNgaySinh: '20/08/1995',
      treNgaySinh: '01/01/1990',
    });
    const errors = f.check('en').errors;
    expect(errors.nycSoDinhDanh).toBe(
      'The ID number does not match the year of birth 1993 (digits 4 to 6 give the century and the year).',
    );
    expect(errors.treNgaySinh).toBe("It cannot be before the mother's date of birth (20/08/1995).");
    expect(f.check().errors.treNgaySinh).toBe('Không thể trước ngày sinh của mẹ (20/08/1995).');
  });
});
